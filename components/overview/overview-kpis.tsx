import { KpiCard } from "@/components/ui/kpi-card";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { countActiveFilters, withFilters } from "@/lib/dashboard/filters";
import type { TDashboardContext } from "@/lib/dashboard/load-dashboard";
import { loadOverview } from "@/lib/dashboard/load-dashboard";
import { formatDollars } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";

function weeksText(weeks: number): string {
  const rounded = Math.round(weeks * 100) / 100;

  return `${rounded} ${rounded === 1 ? "week" : "weeks"}`;
}

/** The top row: annualized leakage (large), weekly leakage, lost hours/week, denial rate, compliance apart. */
export async function OverviewKpis({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);
  const { totals, window, denials } = data;
  const { filters } = context;
  const findings = (extra: Record<string, string | undefined> = {}) => withFilters("/findings", filters, extra);
  const weeks = window ? weeksText(window.weeks) : "no weeks";

  return (
    <>
    {data.encounters === 0 && countActiveFilters(filters) > 0 ? (
      <EmptyState
        title="No encounters match these filters"
        action={
          <Link href="/" className="button">
            Clear filters
          </Link>
        }
      >
        <p>Widen the date range or remove a filter.</p>
      </EmptyState>
    ) : null}
    <div className="kpi-grid" data-testid="overview-kpis">
      <KpiCard
        tone="primary"
        label="Annualized leakage"
        value={formatDollars(totals.annualizedLeakageCents)}
        detail={`${formatDollars(totals.leakageCents)} over ${weeks}; weekly average × 52`}
        href={findings()}
        linkLabel="See findings"
        testId="kpi-annualized-leakage"
      />
      <KpiCard
        label="Average weekly leakage"
        value={formatDollars(totals.weeklyLeakageCents)}
        detail={`${formatCount(totals.findings)} findings, ${formatCount(data.encounters)} encounters`}
        href={findings()}
        linkLabel="See findings"
        testId="kpi-weekly-leakage"
      />
      <KpiCard
        label="Lost add-on hours / week"
        value={formatHours(totals.lostAddOnHoursPerWeek)}
        detail={`${formatHours(totals.lostAddOnHours)} missed in total`}
        href={findings({ cause: "coding", kind: "missed_addon_hours" })}
        linkLabel="See missed hours"
        testId="kpi-lost-hours"
      />
      <KpiCard
        label="Denial rate"
        value={formatPercent(denials.lineRate)}
        detail={
          (denials.lines > 0
            ? `${formatCount(denials.deniedLines)} of ${formatCount(denials.lines)} lines · ${formatPercent(denials.dollarRate)} of dollars`
            : "No claim lines in scope") + (denials.ignoredFilters.length > 0 ? ` (all ${denials.ignoredFilters.join(", ")}s: claims carry no ${denials.ignoredFilters.join(" or ")})` : "")
        }
        href={findings({ cause: "payer", kind: "denied_line" })}
        linkLabel="See denied lines"
        testId="kpi-denial-rate"
      />
      <KpiCard
        tone="muted"
        label="Compliance exposure"
        value={formatDollars(totals.complianceExposureCents)}
        detail="Billed beyond what the record supports; not added to leakage"
        href={findings({ cause: "compliance" })}
        linkLabel="See exposure"
        testId="kpi-compliance-exposure"
      />
    </div>
    </>
  );
}
