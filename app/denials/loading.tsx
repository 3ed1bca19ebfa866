import { KpiRowSkeleton, PanelSkeleton } from "@/components/overview/overview-skeletons";

export default function DenialsLoading() {
  return (
    <>
      <h1>Denials</h1>
      <KpiRowSkeleton />
      <div className="dashboard-grid dashboard-grid-2">
        <PanelSkeleton title="Denial rate per week" height={240} />
        <PanelSkeleton title="Dollars denied per week" height={240} />
      </div>
    </>
  );
}
