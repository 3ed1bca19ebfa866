import { Card } from "@/components/ui/card";
import { CauseBadge } from "@/components/ui/cause-badge";
import { DataTable } from "@/components/ui/data-table";
import { KpiCard } from "@/components/ui/kpi-card";
import { CAUSES } from "@/lib/dashboard/causes";
import { comparisonInstant, defaultComparisonDate, localDateOf, parseComparisonDate } from "@/lib/dashboard/comparison-date";
import { KPI_CHANGE_KEYS, KPI_CHANGE_LABELS, KPI_CHANGE_UNITS, type TAnalysisChanges, type TKpiChange, type TKpiChangeKey } from "@/lib/dashboard/compare-snapshots";
import type { TDashboardContext } from "@/lib/dashboard/load-dashboard";
import { getDb } from "@/lib/db";
import { findPreviousReportAt, getAnalysisChanges } from "@/lib/db/dashboard";
import { formatFigure, formatFigureChange, formatRelativeChange } from "@/lib/format/format-change";
import { formatCount } from "@/lib/format/format-count";
import { formatDollars } from "@/lib/format/format-money";
import { formatPercent } from "@/lib/format/format-percent";
import { formatDate } from "@/lib/format/format-week";
import "./overview-changes.css";

type TSearchParams = Record<string, string | string[] | undefined>;

const SINCE_PARAM = "since";

/** Every other search param of the page, so choosing a date keeps the filters and anything else in the URL. */
function otherParams(params: TSearchParams): [string, string][] {
  return Object.entries(params).flatMap(([key, value]) => (key === SINCE_PARAM || value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((item): [string, string] => [key, item])));
}

function kpiOf(changes: TAnalysisChanges, key: TKpiChangeKey): TKpiChange {
  return changes.kpis.find((kpi) => kpi.key === key)!;
}

/** "$52,000 → $39,000 (−25.0%)" */
function thenAndNow(kpi: TKpiChange): string {
  const unit = KPI_CHANGE_UNITS[kpi.key];
  const relative = formatRelativeChange(kpi.percentChange);

  return `${formatFigure(unit, kpi.before)} → ${formatFigure(unit, kpi.after)}${relative ? ` (${relative})` : ""}`;
}

function ChangeCard({ changes, kpiKey, tone, testId }: { changes: TAnalysisChanges; kpiKey: TKpiChangeKey; tone?: "default" | "muted"; testId: string }) {
  const kpi = kpiOf(changes, kpiKey);

  return <KpiCard label={KPI_CHANGE_LABELS[kpiKey]} value={formatFigureChange(KPI_CHANGE_UNITS[kpiKey], kpi.change)} detail={thenAndNow(kpi)} tone={tone} testId={testId} />;
}

const findingsText = (count: number) => `${formatCount(count)} ${count === 1 ? "finding" : "findings"}`;

/**
 * What changed since a date (issue [11/12]): each KPI then and now, the findings the analyses
 * published since then added (by cause) and resolved, the dollars recovered since, and the payers
 * whose denial rate moved most. The date comes from the `since` search param, else the practice's
 * previous client report, else 30 days ago (the practice's calendar). The whole practice, from the
 * analysis snapshots: the dashboard filters do not apply.
 */
export async function OverviewChanges({ context, searchParams }: { context: TDashboardContext; searchParams: Promise<TSearchParams> }) {
  const { organization } = context;
  const params = await searchParams;
  const db = getDb().db;
  const now = new Date();
  const previousReportAt = await findPreviousReportAt(db, organization.id, now);
  const defaultSince = defaultComparisonDate({ previousReportAt, timeZone: organization.timeZone, now });
  const since = parseComparisonDate(params[SINCE_PARAM]) ?? defaultSince;
  const today = localDateOf(now, organization.timeZone);
  const changes = await getAnalysisChanges(db, {
    organizationId: organization.id,
    analysisVersion: organization.analysisVersion,
    at: comparisonInstant(since, organization.timeZone),
    since,
  });
  const defaultLabel = previousReportAt ? `the previous client report, ${formatDate(defaultSince)}` : `30 days ago, ${formatDate(defaultSince)}`;

  return (
    <section className="changes-section" aria-labelledby="changes-heading" data-testid="overview-changes">
      <div className="changes-head">
        <h2 id="changes-heading" className="changes-heading">
          What changed since {formatDate(since)} <span className="changes-note">whole practice</span>
        </h2>
        <form method="get" action="/" className="changes-form" aria-label="Comparison date">
          {otherParams(params).map(([key, value], index) => (
            <input key={`${key}-${index}`} type="hidden" name={key} value={value} />
          ))}
          <label htmlFor="changes-since">Compare with</label>
          <input id="changes-since" type="date" name={SINCE_PARAM} defaultValue={since} max={today} required data-testid="changes-since" />
          <button type="submit" className="button button-small">
            Compare
          </button>
          <span className="changes-default">Default: {defaultLabel}</span>
        </form>
      </div>
      {changes === null ? (
        <p className="changes-notice" data-testid="changes-none">
          No analysis has been recorded for comparison yet: the figures of each analysis are kept from the next import or settings change on.
        </p>
      ) : (
        <ChangesBody changes={changes} since={since} timeZone={organization.timeZone} />
      )}
    </section>
  );
}

function ChangesBody({ changes, since, timeZone }: { changes: TAnalysisChanges; since: string; timeZone: string }) {
  const causeRows = CAUSES.map((cause) => ({ cause, added: changes.newFindingsByCause[cause], resolved: changes.resolvedFindingsByCause[cause] }));

  return (
    <>
      {changes.startsAtFirstAnalysis ? (
        <p className="changes-notice" data-testid="changes-starts-at-first">
          No analysis was published before {formatDate(since)} — the comparison starts at the first analysis ({formatDate(localDateOf(changes.baseline.publishedAt, timeZone))}).
        </p>
      ) : null}
      {changes.analysesPublished === 0 ? (
        <p className="changes-notice" data-testid="changes-no-analysis-since">
          No analysis was published since {formatDate(since)}: the figures are those of {formatDate(localDateOf(changes.current.publishedAt, timeZone))}.
        </p>
      ) : null}
      <div className="kpi-grid">
        <ChangeCard changes={changes} kpiKey="annualizedLeakageCents" testId="change-annualized-leakage" />
        <ChangeCard changes={changes} kpiKey="lostAddOnHoursPerWeek" testId="change-lost-hours" />
        <ChangeCard changes={changes} kpiKey="denialLineRate" testId="change-denial-rate" />
        <KpiCard
          tone="positive"
          label={`Recovered since ${formatDate(since)}`}
          value={formatDollars(changes.recovered.valueCents)}
          detail={`${findingsText(changes.recovered.count)} paid on or after that day`}
          testId="change-recovered"
        />
        <ChangeCard changes={changes} kpiKey="complianceExposureCents" tone="muted" testId="change-compliance-exposure" />
      </div>
      <div className="dashboard-grid dashboard-grid-2">
        <Card title="Figures then and now" description={`The analysis of ${formatDate(localDateOf(changes.baseline.publishedAt, timeZone))} against today's`}>
          <DataTable
            caption="Each overview figure then and now"
            testId="changes-kpis"
            rows={KPI_CHANGE_KEYS.map((key) => kpiOf(changes, key))}
            rowKey={(kpi) => kpi.key}
            columns={[
              { key: "label", header: "Figure", cell: (kpi) => KPI_CHANGE_LABELS[kpi.key] },
              { key: "before", header: "Then", align: "right", cell: (kpi) => formatFigure(KPI_CHANGE_UNITS[kpi.key], kpi.before) },
              { key: "after", header: "Now", align: "right", cell: (kpi) => formatFigure(KPI_CHANGE_UNITS[kpi.key], kpi.after) },
              { key: "change", header: "Change", align: "right", cell: (kpi) => formatFigureChange(KPI_CHANGE_UNITS[kpi.key], kpi.change) },
              { key: "percent", header: "%", align: "right", isSecondary: true, cell: (kpi) => formatRelativeChange(kpi.percentChange) || "—" },
            ]}
          />
        </Card>
        <div className="dashboard-stack">
          <Card
            title="New and resolved findings"
            description={`${findingsText(changes.newFindings.count)} new (${formatDollars(changes.newFindings.valueCents)}), ${findingsText(changes.resolvedFindings.count)} resolved (${formatDollars(changes.resolvedFindings.valueCents)}) over ${formatCount(changes.analysesPublished)} ${changes.analysesPublished === 1 ? "analysis" : "analyses"}`}
          >
            <DataTable
              caption="Findings new and resolved since the comparison date, by cause"
              testId="changes-findings"
              rows={causeRows}
              rowKey={(row) => row.cause}
              columns={[
                { key: "cause", header: "Cause", cell: (row) => <CauseBadge cause={row.cause} /> },
                { key: "new", header: "New", align: "right", cell: (row) => formatCount(row.added.count) },
                { key: "newValue", header: "New value", align: "right", cell: (row) => formatDollars(row.added.valueCents) },
                { key: "resolved", header: "Resolved", align: "right", cell: (row) => formatCount(row.resolved.count) },
                { key: "resolvedValue", header: "Resolved value", align: "right", cell: (row) => formatDollars(row.resolved.valueCents) },
              ]}
              footer={{
                cause: "Total",
                new: formatCount(changes.newFindings.count),
                newValue: formatDollars(changes.newFindings.valueCents),
                resolved: formatCount(changes.resolvedFindings.count),
                resolvedValue: formatDollars(changes.resolvedFindings.valueCents),
              }}
            />
          </Card>
          <Card title="Denial rates that moved most" description="Share of netted claim lines denied, per payer (payers with at least 10 lines at both dates)">
            <DataTable
              caption="Payers whose denial line rate changed most"
              testId="changes-payers"
              rows={changes.payerDenialMoves}
              rowKey={(row) => row.payer}
              empty={<p className="changes-empty">No payer&apos;s denial rate moved.</p>}
              columns={[
                { key: "payer", header: "Payer" },
                { key: "before", header: "Then", align: "right", cell: (row) => formatPercent(row.beforeRate) },
                { key: "after", header: "Now", align: "right", cell: (row) => formatPercent(row.afterRate) },
                { key: "change", header: "Change", align: "right", cell: (row) => formatFigureChange("rate", row.change) },
                { key: "lines", header: "Lines now", align: "right", isSecondary: true, cell: (row) => formatCount(row.afterLines) },
              ]}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
