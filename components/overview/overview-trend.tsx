import Link from "next/link";
import { Card } from "@/components/ui/card";
import { WeeklyChart } from "@/components/charts/weekly-chart";
import { CAUSE_COLORS } from "@/lib/dashboard/causes";
import { withFilters } from "@/lib/dashboard/filters";
import { loadOverview, type TDashboardContext } from "@/lib/dashboard/load-dashboard";
import { formatDateRange } from "@/lib/format/format-week";

/** Weekly leakage stacked by cause, with lost add-on hours as a line on the right axis. */
export async function OverviewTrend({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);
  const rows = data.weekly.map((week) => ({
    weekStart: week.weekStart,
    coding: week.coding,
    documentation: week.documentation,
    payer: week.payer,
    lostAddOnHours: week.lostAddOnHours,
  }));

  return (
    <Card
      title="Leakage per week"
      description={data.window ? `${formatDateRange(data.window.from, data.window.to)} · bars: dollars by cause · line: lost add-on hours` : "No weeks in scope"}
      actions={<Link href={withFilters("/findings", context.filters)}>See findings →</Link>}
      footer={
        <>
          Documentation leakage is an <span className="est-note">estimate</span> (median duration of the drug and route), shown hatched. Compliance
          exposure is not included.
        </>
      }
    >
      <WeeklyChart
        data={rows}
        bars={[
          { key: "coding", label: "Coding", color: CAUSE_COLORS.coding },
          { key: "documentation", label: "Documentation (est.)", color: CAUSE_COLORS.documentation, isHatched: true },
          { key: "payer", label: "Payer", color: CAUSE_COLORS.payer },
        ]}
        lines={[{ key: "lostAddOnHours", label: "Lost add-on hours", color: "#0f172a" }]}
        isStacked
        showTotal
        leftFormat="dollars"
        rightFormat="hours"
        leftLabel="Leakage"
        rightLabel="Hours"
        height={300}
        ariaLabel="Leakage per week by cause, with lost add-on hours per week"
        emptyMessage="No weeks in this range."
      />
    </Card>
  );
}
