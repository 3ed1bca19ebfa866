import Link from "next/link";
import { Card } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { HorizontalBarChart } from "@/components/charts/horizontal-bar-chart";
import type { TChartSeries } from "@/components/charts/chart-series";
import { CAUSE_COLORS } from "@/lib/dashboard/causes";
import { carcLabel, codeLabel } from "@/lib/dashboard/code-label";
import { withFilters, DASHBOARD_FILTER_LABELS } from "@/lib/dashboard/filters";
import { loadOverview, type TDashboardContext } from "@/lib/dashboard/load-dashboard";
import type { TDimensionLeakage } from "@/lib/dashboard/summarize-rollups";
import { formatCents } from "@/lib/format/format-money";
import { formatCount } from "@/lib/format/format-count";
import { formatPercent } from "@/lib/format/format-percent";
import { CauseBadge } from "@/components/ui/cause-badge";

const CAUSE_SERIES: TChartSeries[] = [
  { key: "coding", label: "Coding", color: CAUSE_COLORS.coding },
  { key: "documentation", label: "Documentation (est.)", color: CAUSE_COLORS.documentation, isHatched: true },
  { key: "payer", label: "Payer", color: CAUSE_COLORS.payer },
];

const TOP = 10;

function byCauseRows(entries: readonly TDimensionLeakage[], labelOf: (key: string) => string) {
  return entries.slice(0, TOP).map((entry) => ({ id: entry.key || "(none)", label: labelOf(entry.key), values: { ...entry.byCause } }));
}

function ignoredNote(ignored: readonly string[]) {
  if (ignored.length === 0) return null;

  return <>Not narrowed by {ignored.map((key) => DASHBOARD_FILTER_LABELS[key as keyof typeof DASHBOARD_FILTER_LABELS].toLowerCase()).join(", ")} (claims carry no such field).</>;
}

/** Leakage by code: our own short labels, largest first. */
export async function LeakageByCode({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);
  const rows = data.byCode.slice(0, TOP).map((entry) => ({
    id: entry.key || "(claim level)",
    label: entry.key ? `${entry.key} ${codeLabel(entry.key)}` : "Claim level",
    values: { ...entry.byCause },
  }));

  return (
    <Card
      title="Leakage by code"
      description="Top codes by dollars missed, by cause"
      actions={<Link href={withFilters("/findings", context.filters)}>See findings →</Link>}
    >
      <HorizontalBarChart rows={rows} series={CAUSE_SERIES} format="dollars" labelWidth={230} ariaLabel="Leakage by billing code, stacked by cause" emptyMessage="No leakage for these filters." />
    </Card>
  );
}

export async function LeakageByPayer({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);

  return (
    <Card title="Leakage by payer" description="Dollars missed per payer, by cause" actions={<Link href={withFilters("/denials", context.filters)}>Denials →</Link>}>
      <HorizontalBarChart
        rows={byCauseRows(data.byPayer, (key) => key || "No payer")}
        series={CAUSE_SERIES}
        format="dollars"
        labelWidth={130}
        ariaLabel="Leakage by payer, stacked by cause"
        emptyMessage="No leakage for these filters."
      />
    </Card>
  );
}

export async function LeakageBySite({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);

  return (
    <Card title="Leakage by site" description="Dollars missed per site, by cause">
      <HorizontalBarChart
        rows={byCauseRows(data.bySite, (key) => key || "No site")}
        series={CAUSE_SERIES}
        format="dollars"
        labelWidth={150}
        hideLegend
        ariaLabel="Leakage by site, stacked by cause"
        emptyMessage="No leakage for these filters."
      />
    </Card>
  );
}

/** Documentation gaps by nurse: estimated leakage from missing stop times, and how many. */
export async function DocumentationByNurse({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);
  const rows = data.byNurse.slice(0, 8);

  return (
    <Card
      title="Documentation gaps by nurse"
      description="Missing stop times and their estimated value"
      actions={<Link href={withFilters("/findings", context.filters, { cause: "documentation" })}>See gaps →</Link>}
      footer={
        <>
          Values are <span className="est-note">estimates</span>: the practice&apos;s median duration for the drug and route.
        </>
      }
    >
      <DataTable
        caption="Documentation gaps by nurse"
        rows={rows}
        rowKey={(row) => row.nurse}
        columns={[
          { key: "nurse", header: "Nurse", cell: (row) => <Link href={withFilters("/findings", { ...context.filters, nurse: row.nurse }, { cause: "documentation" })}>{row.nurse}</Link> },
          { key: "missingStops", header: "Missing stops", align: "right", cell: (row) => formatCount(row.missingStops) },
          { key: "documentationCents", header: "Est. value", align: "right", cell: (row) => formatCents(row.documentationCents) },
        ]}
        empty={<EmptyState variant="inline" title="No missing stop times for these filters." />}
      />
    </Card>
  );
}

/** Top denial reasons as CARC group + reason codes only (never the CARC description text). */
export async function TopDenialReasons({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);
  const { reasons, ignoredFilters } = data.topDenialReasons;

  return (
    <Card
      title="Top denial reasons"
      description="Denied lines by CARC group and reason code"
      actions={<Link href={withFilters("/denials", context.filters)}>Denials →</Link>}
      footer={ignoredNote(ignoredFilters)}
    >
      <DataTable
        caption="Top denial reasons"
        rows={reasons}
        rowKey={(row) => carcLabel(row.group, row.reason)}
        columns={[
          { key: "reason", header: "Reason", isMono: true, cell: (row) => carcLabel(row.group, row.reason) },
          { key: "lines", header: "Lines", align: "right", cell: (row) => formatCount(row.lines) },
          { key: "amountCents", header: "Amount", align: "right", cell: (row) => formatCents(row.amountCents) },
        ]}
        empty={<EmptyState variant="inline" title="No denied lines for these filters." />}
      />
    </Card>
  );
}

/** The three causes of leakage with their share, and compliance exposure apart (never added). */
export async function LeakageByCause({ context }: { context: TDashboardContext }) {
  const data = await loadOverview(context);
  const { totals } = data;
  const rows = (["coding", "documentation", "payer"] as const).map((cause) => ({
    cause,
    valueCents: totals.byCause[cause],
    share: totals.leakageCents > 0 ? totals.byCause[cause] / totals.leakageCents : null,
  }));

  return (
    <Card title="Leakage by cause" description="What was missed, and why" footer={<>Compliance exposure is billed beyond what the record supports: a risk, shown apart and never netted against leakage.</>}>
      <DataTable
        caption="Leakage by cause"
        rows={rows}
        rowKey={(row) => row.cause}
        columns={[
          {
            key: "cause",
            header: "Cause",
            cell: (row) => (
              <Link href={withFilters("/findings", { ...context.filters, cause: row.cause })} className="cause-link">
                <CauseBadge cause={row.cause} variant="long" />
              </Link>
            ),
          },
          { key: "valueCents", header: "Leakage", align: "right", cell: (row) => formatCents(row.valueCents) },
          { key: "share", header: "Share", align: "right", cell: (row) => formatPercent(row.share) },
        ]}
        footer={{ cause: "Total leakage", valueCents: formatCents(totals.leakageCents), share: totals.leakageCents > 0 ? "100.0%" : "—" }}
      />
      <p className="cause-apart">
        <Link href={withFilters("/findings", { ...context.filters, cause: "compliance" })} className="cause-link">
          <CauseBadge cause="compliance" variant="long" />
        </Link>{" "}
        <span className="num-inline">{formatCents(totals.complianceExposureCents)}</span>
      </p>
    </Card>
  );
}
