import { CAUSES } from "@/lib/dashboard/causes";
import { KPI_CHANGE_KEYS, KPI_CHANGE_LABELS, KPI_CHANGE_UNITS } from "@/lib/dashboard/compare-snapshots";
import { formatFigure, formatFigureChange, formatRelativeChange } from "@/lib/format/format-change";
import { formatCents } from "@/lib/format/format-money";
import { formatCount } from "@/lib/format/format-count";
import { formatPercent } from "@/lib/format/format-percent";
import {
  CHANGES_CAPTIONS,
  CHANGES_HEADERS,
  CHANGES_NO_PAYER_MOVES,
  CHANGES_TOTAL_NEW,
  changesScopeNote,
  changesTitle,
  newFindingsPoint,
  recoveredPoint,
  resolvedPoint,
  type TChangesPoint,
} from "@/lib/report/report-changes-words";
import type { TReportData } from "@/lib/report/report-data";
import { CauseTag, ReportTable } from "./report-parts";

/**
 * "Since the previous report" (issue [11/12]), at the end of the executive summary when the
 * practice had an earlier client report: the overview's figures then and now, the findings the
 * analyses since then added and resolved, the dollars recovered, and the payers whose denial rate
 * moved most. The whole practice, whatever the report's period and filters. Its words are
 * lib/report/report-changes-words.ts, shared with the workbook's "Since last report" sheet.
 */
export function ReportChangesSincePreviousReport({ data }: { data: TReportData }) {
  const previous = data.changesSincePreviousReport;
  if (!previous) return null;
  const { changes, since } = previous;

  return (
    <div className="report-changes" data-testid="report-changes">
      <h3>{changesTitle(since)}</h3>
      <p className="report-note">{changesScopeNote(changes.startsAtFirstAnalysis)}</p>
      <ul className="report-points">
        <Point point={newFindingsPoint(changes)} />
        <Point point={resolvedPoint(changes)} />
        <Point point={recoveredPoint(changes, since)} />
      </ul>
      <ReportTable
        caption={CHANGES_CAPTIONS.figures}
        className="report-table-compact"
        rows={KPI_CHANGE_KEYS.map((key) => changes.kpis.find((kpi) => kpi.key === key)!)}
        rowKey={(kpi) => kpi.key}
        columns={[
          { key: "label", header: CHANGES_HEADERS.figure, cell: (kpi) => KPI_CHANGE_LABELS[kpi.key] },
          { key: "before", header: CHANGES_HEADERS.then, align: "right", cell: (kpi) => formatFigure(KPI_CHANGE_UNITS[kpi.key], kpi.before) },
          { key: "after", header: CHANGES_HEADERS.now, align: "right", cell: (kpi) => formatFigure(KPI_CHANGE_UNITS[kpi.key], kpi.after) },
          {
            key: "change",
            header: CHANGES_HEADERS.change,
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
        caption={CHANGES_CAPTIONS.newByCause}
        className="report-table-compact"
        rows={CAUSES.map((cause) => ({ cause, ...changes.newFindingsByCause[cause] }))}
        rowKey={(row) => row.cause}
        columns={[
          { key: "cause", header: CHANGES_HEADERS.cause, cell: (row) => <CauseTag cause={row.cause} short /> },
          { key: "count", header: CHANGES_HEADERS.findings, align: "right", cell: (row) => formatCount(row.count) },
          { key: "valueCents", header: CHANGES_HEADERS.value, align: "right", cell: (row) => formatCents(row.valueCents) },
        ]}
        footer={{ cause: CHANGES_TOTAL_NEW, count: formatCount(changes.newFindings.count), valueCents: formatCents(changes.newFindings.valueCents) }}
      />
      <ReportTable
        caption={CHANGES_CAPTIONS.payerMoves}
        className="report-table-compact"
        rows={changes.payerDenialMoves}
        rowKey={(row) => row.payer}
        empty={CHANGES_NO_PAYER_MOVES}
        columns={[
          { key: "payer", header: CHANGES_HEADERS.payer, cell: (row) => row.payer },
          { key: "before", header: CHANGES_HEADERS.then, align: "right", cell: (row) => formatPercent(row.beforeRate) },
          { key: "after", header: CHANGES_HEADERS.now, align: "right", cell: (row) => formatPercent(row.afterRate) },
          { key: "change", header: CHANGES_HEADERS.change, align: "right", cell: (row) => formatFigureChange("rate", row.change) },
        ]}
      />
    </div>
  );
}

function Point({ point }: { point: TChangesPoint }) {
  return (
    <li>
      <strong>{point.lead}</strong>
      {point.rest}
    </li>
  );
}
