/**
 * The words of "Since the previous report" (issue [11/12]), shared by the HTML/PDF section
 * (components/report/report-changes.tsx) and the workbook's sheet (report-workbook.ts), so both
 * say the same. KPI labels and units are compare-snapshots' own (KPI_CHANGE_LABELS, KPI_CHANGE_UNITS).
 * Pure: no React.
 */
import { CAUSES } from "@/lib/dashboard/causes";
import type { TAnalysisChanges } from "@/lib/dashboard/compare-snapshots";
import { formatCount } from "@/lib/format/format-count";
import { formatCents } from "@/lib/format/format-money";
import { formatDate } from "@/lib/format/format-week";
import { countOf } from "./report-words";

export const CHANGES_TITLE = "Since the previous report";

/** Captions of the section's tables (the workbook's "Section" column). */
export const CHANGES_CAPTIONS = {
  figures: "Figures then and now",
  newByCause: "New findings by cause",
  payerMoves: "Denial rates that moved most",
} as const;

/** Column headers of the section's tables. */
export const CHANGES_HEADERS = {
  figure: "Figure",
  then: "Then",
  now: "Now",
  change: "Change",
  cause: "Cause",
  findings: "Findings",
  value: "Value",
  payer: "Payer",
} as const;

/** The footer row of "New findings by cause". */
export const CHANGES_TOTAL_NEW = "Total new";

/** What "Denial rates that moved most" says when no payer qualifies (after its caption). */
export const CHANGES_NO_PAYER_MOVES = "no payer with at least 10 claim lines at both dates changed its denial rate.";

/** The workbook's row labels for the comparison date and the three summary points. */
export const CHANGES_ITEMS = {
  previousReport: "Previous report",
  newFindings: "New findings",
  resolved: "Findings resolved",
  recovered: "Recovered",
} as const;

/** "Since the previous report (Mar 10, 2025)". */
export function changesTitle(since: string): string {
  return `${CHANGES_TITLE} (${formatDate(since)})`;
}

/** The comparison covers the whole practice; says so when it had to start at the first analysis kept. */
export function changesScopeNote(startsAtFirstAnalysis: boolean): string {
  return `The whole practice, whatever this report's period and filters${
    startsAtFirstAnalysis ? ": no analysis was kept from before that report, so the comparison starts at the first one recorded after it" : ""
  }.`;
}

/** A summary point: `lead` is the part the report sets in bold, `rest` follows it. */
export type TChangesPoint = { lead: string; rest: string };

export function pointText(point: TChangesPoint): string {
  return `${point.lead}${point.rest}`;
}

/** "2 new findings ($120.00): 2 payer." */
export function newFindingsPoint(changes: TAnalysisChanges): TChangesPoint {
  const addedCauses = CAUSES.filter((cause) => changes.newFindingsByCause[cause].count > 0);
  const byCause = addedCauses.length > 0 ? `: ${addedCauses.map((cause) => `${formatCount(changes.newFindingsByCause[cause].count)} ${cause}`).join(", ")}` : "";

  return { lead: countOf(changes.newFindings.count, "new finding"), rest: ` (${formatCents(changes.newFindings.valueCents)})${byCause}.` };
}

/** "5 findings resolved ($300.00)." */
export function resolvedPoint(changes: TAnalysisChanges): TChangesPoint {
  return { lead: countOf(changes.resolvedFindings.count, "finding"), rest: ` resolved (${formatCents(changes.resolvedFindings.valueCents)}).` };
}

/** "$120.00 recovered on 2 findings paid since Mar 10, 2025." */
export function recoveredPoint(changes: TAnalysisChanges, since: string): TChangesPoint {
  return { lead: formatCents(changes.recovered.valueCents), rest: ` recovered on ${countOf(changes.recovered.count, "finding")} paid since ${formatDate(since)}.` };
}
