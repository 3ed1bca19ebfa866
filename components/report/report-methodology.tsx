import { valueSourceInfo } from "@/components/findings/finding-labels";
import { importKindLabel } from "@/components/imports/import-labels";
import type { TReportData } from "@/lib/report/report-data";
import { formatCents } from "@/lib/format/format-money";
import { formatPercent } from "@/lib/format/format-percent";
import { formatCount } from "@/lib/format/format-count";
import { formatDate, formatDateRange } from "@/lib/format/format-week";
import { ReportSection, ReportTable } from "./report-parts";

const SOURCE_WORDS: Record<string, string> = {
  own_paid_median: "The median this payer paid the practice per unit for the code over the last 12 months",
  fee_schedule: "The practice's fee schedule rate for the payer and code",
  reference: "A built-in national reference rate, used when there is no paid history or fee schedule",
};

function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 12)}…${hash.slice(-4)}` : hash;
}

function importedOn(at: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(at) ? formatDate(at.slice(0, 10)) : at;
}

/** How the figures were made: engine version, rule settings, valuation sources and every import batch. */
export function MethodologySection({ data }: { data: TReportData }) {
  const { engineVersion, ruleSettings, valuationSources, imports } = data.methodology;

  return (
    <ReportSection
      id="methodology"
      lead={
        <>
          Each encounter&apos;s administration record was recoded by DripAudit&apos;s coding engine (version <span className="mono">{engineVersion}</span>) and compared with the
          claims and remittances. A finding is a difference between what the record supports and what was billed or paid; its value is one unit of the code times a rate. Weekly
          figures are the period&apos;s total divided by its weeks; annualized figures are the weekly average × 52.
        </>
      }
    >
      <ReportTable
        caption="Rule settings"
        rows={ruleSettings}
        rowKey={(row) => row.label}
        empty="The practice uses the default rules."
        columns={[
          { key: "label", header: "Setting", cell: (row) => row.label },
          { key: "value", header: "Value", cell: (row) => row.value },
        ]}
      />
      <ReportTable
        caption="How findings were valued"
        rows={valuationSources}
        rowKey={(row) => row.source}
        empty="No findings were valued in this period."
        columns={[
          { key: "source", header: "Source", cell: (row) => valueSourceInfo(row.source).label },
          { key: "meaning", header: "Meaning", cell: (row) => SOURCE_WORDS[row.source] ?? valueSourceInfo(row.source).tooltip },
          { key: "findings", header: "Findings", align: "right", cell: (row) => formatCount(row.findings) },
          { key: "value", header: "Value", align: "right", cell: (row) => formatCents(row.valueCents) },
          { key: "share", header: "Share of dollars", align: "right", cell: (row) => formatPercent(row.share) },
        ]}
      />
      <p className="report-note">Compliance exposure is valued the same way but left out of these shares.</p>
      <ReportTable
        caption="Data imported"
        className="report-table-compact"
        rows={imports}
        rowKey={(row, index) => `${row.contentHash}-${index}`}
        empty="No files imported."
        columns={[
          { key: "file", header: "File", cell: (row) => <span className="report-file">{row.fileName}</span> },
          { key: "kind", header: "Kind", cell: (row) => importKindLabel(row.kind) },
          {
            key: "rows",
            header: "Rows",
            align: "right",
            cell: (row) => `${formatCount(row.rowsImported)} of ${formatCount(row.rowsTotal)}${row.rowsFailed > 0 ? ` (${formatCount(row.rowsFailed)} failed)` : ""}`,
          },
          { key: "dates", header: "Dates of service", cell: (row) => (row.firstDate && row.lastDate ? formatDateRange(row.firstDate, row.lastDate) : "—") },
          { key: "imported", header: "Imported", isNowrap: true, cell: (row) => importedOn(row.importedAt) },
          { key: "hash", header: "Content hash (SHA-256)", isMono: true, cell: (row) => <span title={row.contentHash}>{shortHash(row.contentHash)}</span> },
        ]}
      />
    </ReportSection>
  );
}
