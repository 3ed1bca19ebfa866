import { LEAKAGE_CAUSES } from "@/lib/dashboard/causes";
import { codeLabel } from "@/lib/dashboard/code-label";
import type { TDimensionLeakage } from "@/lib/dashboard/summarize-rollups";
import type { TReportData } from "@/lib/report/report-data";
import { formatCents } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";
import { formatDateRange, formatWeekRange } from "@/lib/format/format-week";
import { causeLabel } from "@/lib/report/report-words";
import { Money, ReportSection, ReportTable, type TReportColumn } from "./report-parts";
import { WeeklyLeakageChart } from "./report-weekly-chart";

const TOP_ROWS = 12;

/** The overview's weekly chart (same numbers) and the weeks as a table to check them against. */
export function WeeklyTrendSection({ data }: { data: TReportData }) {
  const { weekly, window } = data.overview;

  return (
    <ReportSection
      id="trend"
      lead={
        window
          ? `${formatDateRange(window.from, window.to)}. Bars: leakage per week by cause; line: lost add-on hours. Weeks with nothing found show as zero.`
          : "No weeks in this period."
      }
    >
      <WeeklyLeakageChart weekly={weekly} />
      <p className="report-note">Documentation leakage is an estimate, drawn hatched. Compliance exposure is not included.</p>
      <ReportTable
        caption="Leakage per week"
        className="report-table-compact"
        rows={weekly}
        rowKey={(week) => week.weekStart}
        columns={[
          { key: "week", header: "Week", cell: (week) => formatWeekRange(week.weekStart) },
          ...LEAKAGE_CAUSES.map(
            (cause): TReportColumn<(typeof weekly)[number]> => ({
              key: cause,
              header: causeLabel(cause),
              align: "right",
              cell: (week) => formatCents(week[cause]),
            }),
          ),
          { key: "total", header: "Leakage", align: "right", cell: (week) => formatCents(week.leakageCents) },
          { key: "hours", header: "Lost add-on hours", align: "right", cell: (week) => formatHours(week.lostAddOnHours) },
        ]}
        footer={{
          week: "Total",
          coding: formatCents(data.overview.totals.byCause.coding),
          documentation: formatCents(data.overview.totals.byCause.documentation),
          payer: formatCents(data.overview.totals.byCause.payer),
          total: formatCents(data.overview.totals.leakageCents),
          hours: formatHours(data.overview.totals.lostAddOnHours),
        }}
      />
    </ReportSection>
  );
}

function byCauseColumns<T extends TDimensionLeakage>(): TReportColumn<T>[] {
  return [
    ...LEAKAGE_CAUSES.map(
      (cause): TReportColumn<T> => ({ key: cause, header: causeLabel(cause), align: "right", cell: (row) => formatCents(row.byCause[cause]) }),
    ),
    { key: "total", header: "Leakage", align: "right", cell: (row) => formatCents(row.leakageCents) },
    { key: "findings", header: "Findings", align: "right", cell: (row) => formatCount(row.findings) },
  ];
}

function moreNote(total: number, shown: number, what: string) {
  return total > shown ? <p className="report-note">And {formatCount(total - shown)} more {what} with smaller amounts.</p> : null;
}

/** Leakage by code (our own short labels, never licensed descriptors), by payer and by site. */
export function BreakdownsSection({ data }: { data: TReportData }) {
  const { byCode, byPayer, bySite } = data.overview;

  return (
    <ReportSection id="breakdowns" lead="Where the leakage sits, largest first, split by cause.">
      <ReportTable
        caption="By billing code"
        rows={byCode.slice(0, TOP_ROWS)}
        rowKey={(row) => row.key || "(claim level)"}
        empty="No leakage in this period."
        columns={[
          { key: "code", header: "Code", isMono: true, cell: (row) => row.key || "—" },
          { key: "label", header: "Service", cell: (row) => codeLabel(row.key || null) },
          { key: "units", header: "Units", align: "right", cell: (row) => formatCount(row.units) },
          ...byCauseColumns<(typeof byCode)[number]>(),
        ]}
      />
      {moreNote(byCode.length, TOP_ROWS, "codes")}
      <ReportTable
        caption="By payer"
        rows={byPayer.slice(0, TOP_ROWS)}
        rowKey={(row) => row.key || "(none)"}
        empty="No leakage in this period."
        columns={[{ key: "payer", header: "Payer", cell: (row) => row.key || "No payer" }, ...byCauseColumns<TDimensionLeakage>()]}
      />
      {moreNote(byPayer.length, TOP_ROWS, "payers")}
      <ReportTable
        caption="By site"
        rows={bySite.slice(0, TOP_ROWS)}
        rowKey={(row) => row.key || "(none)"}
        empty="No leakage in this period."
        columns={[{ key: "site", header: "Site", cell: (row) => row.key || "No site" }, ...byCauseColumns<TDimensionLeakage>()]}
      />
      {moreNote(bySite.length, TOP_ROWS, "sites")}
    </ReportSection>
  );
}

/** Missing stop times by nurse and by site, with the estimated value of what they would support. */
export function DocumentationSection({ data }: { data: TReportData }) {
  const { byNurse, totals } = data.overview;

  return (
    <ReportSection
      id="documentation"
      continues
      lead={
        <>
          Infusions recorded without a stop time cannot be billed by the hour. The value shown is an <strong>estimate</strong> ({formatCents(totals.byCause.documentation)} est. in
          all): the practice&apos;s median duration for the drug and route.
        </>
      }
    >
      <ReportTable
        caption="By nurse"
        rows={byNurse}
        rowKey={(row) => row.nurse}
        empty="No missing stop times in this period."
        columns={[
          { key: "nurse", header: "Nurse", cell: (row) => row.nurse },
          { key: "missingStops", header: "Missing stop times", align: "right", cell: (row) => formatCount(row.missingStops) },
          { key: "administrations", header: "Administrations", align: "right", cell: (row) => formatCount(row.administrations) },
          { key: "rate", header: "Missing", align: "right", cell: (row) => formatPercent(row.administrations > 0 ? row.missingStops / row.administrations : null) },
          { key: "value", header: "Est. value", align: "right", cell: (row) => <Money cents={row.documentationCents} isEstimate /> },
        ]}
      />
      <ReportTable
        caption="By site"
        rows={data.documentationBySite}
        rowKey={(row) => row.site || "(none)"}
        empty="No documentation leakage in this period."
        columns={[
          { key: "site", header: "Site", cell: (row) => row.site || "No site" },
          { key: "findings", header: "Documentation findings", align: "right", cell: (row) => formatCount(row.findings) },
          {
            key: "share",
            header: "Share",
            align: "right",
            cell: (row) => formatPercent(totals.byCause.documentation > 0 ? row.valueCents / totals.byCause.documentation : null),
          },
          { key: "value", header: "Est. value", align: "right", cell: (row) => <Money cents={row.valueCents} isEstimate /> },
        ]}
      />
    </ReportSection>
  );
}
