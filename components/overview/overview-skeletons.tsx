import { ChartSkeleton } from "@/components/charts/chart-states";

/** Loading placeholders with the same footprint as the panels they stand for. */
export function KpiRowSkeleton() {
  return (
    <div className="kpi-grid" role="status" aria-live="polite">
      {["primary", "default", "default", "default", "muted"].map((tone, index) => (
        <div key={index} className={`panel kpi-card kpi-${tone}`}>
          <div className="skeleton" style={{ width: "60%" }} />
          <div className="skeleton" style={{ width: "80%", height: tone === "primary" ? 34 : 24 }} />
          <div className="skeleton" style={{ width: "50%" }} />
        </div>
      ))}
      <span className="visually-hidden">Loading figures…</span>
    </div>
  );
}

export function PanelSkeleton({ title, height = 220 }: { title: string; height?: number }) {
  return (
    <section className="panel card" aria-busy="true">
      <header className="card-header">
        <h2 className="card-title">{title}</h2>
      </header>
      <ChartSkeleton height={height} label={`Loading ${title.toLowerCase()}…`} />
    </section>
  );
}
