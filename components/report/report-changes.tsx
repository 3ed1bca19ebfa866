import { CAUSES } from "@/lib/dashboard/causes";
import { KPI_CHANGE_KEYS, KPI_CHANGE_LABELS, KPI_CHANGE_UNITS } from "@/lib/dashboard/compare-snapshots";
import { formatFigure, formatFigureChange, formatRelativeChange } from "@/lib/format/format-change";
import { formatCents } from "@/lib/format/format-money";
import { formatCount } from "@/lib/format/format-count";
import { formatPercent } from "@/lib/format/format-percent";
import { formatDate } from "@/lib/format/format-week";
import type { TReportData } from "@/lib/report/report-data";
import { countOf } from "@/lib/report/report-words";
import { CauseTag, ReportTable } from "./report-parts";

/**
 * "Since the previous report" (issue [11/12]), at the end of the executive summary when the
 * practice had an earlier client report: the overview's figures then and now, the findings the
 * analyses since then added and resolved, the dollars recovered, and the payers whose denial rate
 * moved most. The whole practice, whatever the report's period and filters.
 */
export function ReportChangesSincePreviousReport({ data }: { data: TReportData }) {
  const previous = data.changesSincePreviousReport;
  if (!previous) return null;
  const { changes, since } = previous;
  const addedCauses = CAUSES.filter((cause) => changes.newFindingsByCause[cause].count > 0);

  return (
    <div className="report-changes" data-testid="report-changes">
      <h3>Since the previous report ({formatDate(since)})</h3>
      <p className="report-note">
        The whole practice, whatever this report&apos;s period and filters
        {changes.startsAtFirstAnalysis ? ": no analysis was kept from before that report, so the comparison starts at the first one recorded after it" : ""}.
      </p>
      <ul className="report-points">
        <li>
          <strong>{countOf(changes.newFindings.count, "new finding")}</strong> ({formatCents(changes.newFindings.valueCents)})
          {addedCauses.length > 0 ? `: ${addedCauses.map((cause) => `${formatCount(changes.newFindingsByCause[cause].count)} ${cause}`).join(", ")}` : ""}.
        </li>
        <li>
          <strong>{countOf(changes.resolvedFindings.count, "finding")}</strong> resolved ({formatCents(changes.resolvedFindings.valueCents)}).
        </li>
        <li>
          <strong>{formatCents(changes.recovered.valueCents)}</strong> recovered on {countOf(changes.recovered.count, "finding")} paid since {formatDate(since)}.
        </li>
      </ul>
      <ReportTable
        caption="Figures then and now"
        className="report-table-compact"
        rows={KPI_CHANGE_KEYS.map((key) => changes.kpis.find((kpi) => kpi.key === key)!)}
        rowKey={(kpi) => kpi.key}
        columns={[
          { key: "label", header: "Figure", cell: (kpi) => KPI_CHANGE_LABELS[kpi.key] },
          { key: "before", header: "Then", align: "right", cell: (kpi) => formatFigure(KPI_CHANGE_UNITS[kpi.key], kpi.before) },
          { key: "after", header: "Now", align: "right", cell: (kpi) => formatFigure(KPI_CHANGE_UNITS[kpi.key], kpi.after) },
          {
            key: "change",
            header: "Change",
            align: "right",
            isNowrap: true,
            cell: (kpi) => {
              const relative = formatRelativeChange(kpi.percentChange);
              return `${formatFigureChange(KPI_CHANGE_UNITS[kpi.key], kpi.change)}${relative ? ` (${relative})` : ""}`;
            },
          },
        ]}
      />
      <ReportTable
        caption="New findings by cause"
        className="report-table-compact"
        rows={CAUSES.map((cause) => ({ cause, ...changes.newFindingsByCause[cause] }))}
        rowKey={(row) => row.cause}
        columns={[
          { key: "cause", header: "Cause", cell: (row) => <CauseTag cause={row.cause} short /> },
          { key: "count", header: "Findings", align: "right", cell: (row) => formatCount(row.count) },
          { key: "valueCents", header: "Value", align: "right", cell: (row) => formatCents(row.valueCents) },
        ]}
        footer={{ cause: "Total new", count: formatCount(changes.newFindings.count), valueCents: formatCents(changes.newFindings.valueCents) }}
      />
      <ReportTable
        caption="Denial rates that moved most"
        className="report-table-compact"
        rows={changes.payerDenialMoves}
        rowKey={(row) => row.payer}
        empty="no payer with at least 10 claim lines at both dates changed its denial rate."
        columns={[
          { key: "payer", header: "Payer", cell: (row) => row.payer },
          { key: "before", header: "Then", align: "right", cell: (row) => formatPercent(row.beforeRate) },
          { key: "after", header: "Now", align: "right", cell: (row) => formatPercent(row.afterRate) },
          { key: "change", header: "Change", align: "right", cell: (row) => formatFigureChange("rate", row.change) },
        ]}
      />
    </div>
  );
}
