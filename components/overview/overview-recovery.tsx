import Link from "next/link";
import { WeeklyChart } from "@/components/charts/weekly-chart";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { Card } from "@/components/ui/card";
import { KpiCard } from "@/components/ui/kpi-card";
import { CAUSE_COLORS } from "@/lib/dashboard/causes";
import { loadOverview, type TDashboardContext } from "@/lib/dashboard/load-dashboard";
import { getDb } from "@/lib/db";
import { getRecoverySummary } from "@/lib/db/dashboard";
import { formatCount } from "@/lib/format/format-count";
import { formatDollars } from "@/lib/format/format-money";
import "./overview.css";

const findingsText = (count: number) => `${formatCount(count)} ${count === 1 ? "finding" : "findings"}`;

/**
 * What the worklist brought back (issue [11/12]): recovered dollars this month, this quarter and
 * since the start (in the positive colour), the leakage still recoverable inside timely filing and
 * what of it expires within 30 days, what was dismissed; then recovered per week beside leakage per
 * week, as separate bars (never one bar mixing the two, ui-guide). The whole practice: the
 * dashboard filters do not apply to work figures.
 */
export async function OverviewRecovery({ context }: { context: TDashboardContext }) {
  const { organization } = context;
  const today = todayInTimeZone(organization.timeZone);
  const [summary, overview] = await Promise.all([
    getRecoverySummary(getDb().db, { organizationId: organization.id, analysisVersion: organization.analysisVersion, today, weekStartsOn: organization.weekStartsOn }),
    loadOverview(context),
  ]);
  const recoveredByWeek = new Map(summary.weekly.map((week) => [week.weekStart, week.recoveredCents]));
  const weeks = [...new Set([...overview.weekly.map((week) => week.weekStart), ...recoveredByWeek.keys()])].sort();
  const leakageByWeek = new Map(overview.weekly.map((week) => [week.weekStart, week.leakageCents]));
  const rows = weeks.map((weekStart) => ({ weekStart, leakage: leakageByWeek.get(weekStart) ?? 0, recovered: recoveredByWeek.get(weekStart) ?? 0 }));

  return (
    <section className="recovery-section" aria-labelledby="recovery-heading" data-testid="overview-recovery">
      <h2 id="recovery-heading" className="section-heading">
        Recovered revenue <span className="section-note">whole practice, as of {today}</span>
      </h2>
      <div className="kpi-grid">
        <KpiCard
          tone="positive"
          label="Recovered since start"
          value={formatDollars(summary.recoveredTotalCents)}
          detail={`${findingsText(summary.recoveredFindings)} · this month ${formatDollars(summary.recoveredMonthCents)} · this quarter ${formatDollars(summary.recoveredQuarterCents)}`}
          href="/findings/recovered"
          linkLabel="See recovered"
          testId="kpi-recovered-total"
        />
        <KpiCard label="Recovered this month" tone="positive" value={formatDollars(summary.recoveredMonthCents)} detail={`This quarter: ${formatDollars(summary.recoveredQuarterCents)}`} testId="kpi-recovered-month" />
        <KpiCard
          label="Still recoverable"
          value={formatDollars(summary.openRecoverableCents)}
          detail={`${findingsText(summary.openRecoverableFindings)} inside timely filing · ${formatDollars(summary.expiringSoonCents)} expires in the next 30 days`}
          href="/findings?view=rebill"
          linkLabel="Open the rebill worklist"
          testId="kpi-open-recoverable"
        />
        <KpiCard tone="muted" label="Dismissed" value={formatDollars(summary.dismissedCents)} detail={`${findingsText(summary.dismissedFindings)} the team chose not to work`} testId="kpi-dismissed" />
      </div>
      <div className="dashboard-grid">
        <Card
          title="Recovered and leakage per week"
          description="Green: dollars recovered, by the week they were paid · grey: leakage found, by week of service"
          actions={<Link href="/findings">Worklist →</Link>}
        >
          <WeeklyChart
            data={rows}
            bars={[
              { key: "recovered", label: "Recovered", color: CAUSE_COLORS.ok },
              { key: "leakage", label: "Leakage", color: CAUSE_COLORS.compliance },
            ]}
            leftFormat="dollars"
            leftLabel="Dollars"
            height={240}
            ariaLabel="Recovered dollars per week beside leakage per week"
            emptyMessage="Nothing recovered or found yet."
          />
        </Card>
      </div>
    </section>
  );
}
