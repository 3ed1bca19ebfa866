import Link from "next/link";
import { DataTable, type DataTableColumn } from "@/components/ui";
import { codeLabel } from "@/components/encounter/code-label";
import type { StoredRebillCandidate } from "@/lib/db/analysis/rebill";
import type { TFindingListQuery, TFindingSortKey } from "@/lib/db/findings/finding-list-query";
import { formatCents, formatDate } from "@/lib/format";
import { findingKindLabel } from "./finding-labels";
import { sortHref } from "./worklist-links";

function lineText(line: { code: string; units: number; modifiers: string[] }): string {
  const modifiers = line.modifiers.length ? `-${line.modifiers.join("-")}` : "";

  return `${line.code}${modifiers}${line.units > 1 ? ` ×${line.units}` : ""}`;
}

/** Days left in the filing window, urgent (≤ 30 days) in red with the word, not colour alone. */
export function DaysLeft({ days, deadline }: { days: number; deadline: string }) {
  return (
    <span className={`days-left${days <= 30 ? " days-left-urgent" : ""}`} title={`File by ${formatDate(deadline)}`}>
      {days} {days === 1 ? "day" : "days"}
      {days <= 30 ? <span className="visually-hidden"> (urgent)</span> : null}
    </span>
  );
}

/**
 * The rebill worklist: one row per encounter + claim still inside the payer's timely-filing
 * window, with what is missing and the corrected line set to send.
 */
export function RebillTable({ candidates, query }: { candidates: StoredRebillCandidate[]; query: TFindingListQuery }) {
  const sortable = (key: TFindingSortKey) => sortHref(query, key);
  const columns: DataTableColumn<StoredRebillCandidate>[] = [
    { key: "deadline", header: "Days left", align: "right", sortHref: sortable("deadline"), cell: (row) => <DaysLeft days={row.daysLeft} deadline={row.filingDeadline} /> },
    { key: "date", header: "Date", sortHref: sortable("date"), cell: (row) => <span className="nowrap">{formatDate(row.dateOfService)}</span> },
    {
      key: "encounter",
      header: "Encounter",
      cell: (row) => (
        <Link href={`/encounters/${row.encounterId}`} className="mono" title="Open the encounter timeline">
          {row.externalEncounterId || `#${row.encounterId}`}
        </Link>
      ),
    },
    { key: "claim", header: "Claim", isMono: true, cell: (row) => row.claimId ?? "—" },
    { key: "payer", header: "Payer", isSecondary: true, cell: (row) => row.payer ?? "—" },
    {
      key: "missing",
      header: "What is missing",
      cell: (row) => (
        <ul className="plain-list">
          {row.findings.map((finding, index) => (
            <li key={index}>
              {finding.code ? (
                <span className="mono nowrap" title={codeLabel(finding.code)}>
                  {finding.code}
                  {finding.units > 1 ? ` ×${finding.units}` : ""}
                </span>
              ) : null}{" "}
              <span className="muted">{findingKindLabel(finding.kind).toLowerCase()}</span>
            </li>
          ))}
        </ul>
      ),
    },
    { key: "value", header: "Value", align: "right", sortHref: sortable("value"), cell: (row) => formatCents(row.valueCents) },
    {
      key: "corrected",
      header: "Corrected lines",
      cell: (row) =>
        row.correctedLines.length ? (
          <ul className="line-set" aria-label="Corrected line set">
            {row.correctedLines.map((line, index) => (
              <li key={index} title={`${codeLabel(line.code)} — ${line.explanation}`}>
                {lineText(line)}
              </li>
            ))}
          </ul>
        ) : (
          "—"
        ),
    },
  ];

  return (
    <DataTable
      columns={columns}
      rows={candidates}
      rowKey={(row) => `${row.encounterId}-${row.claimId ?? ""}`}
      caption="Rebill candidates"
      sort={{ key: query.sort, direction: query.direction }}
      testId="rebill-table"
    />
  );
}

/** findRebillCandidates' sort for the worklist's sort key (deadline soonest, value largest, date oldest). */
export function toRebillSort(sort: TFindingSortKey): "deadline" | "value" | "dateOfService" {
  if (sort === "value") return "value";
  if (sort === "date") return "dateOfService";

  return "deadline";
}
