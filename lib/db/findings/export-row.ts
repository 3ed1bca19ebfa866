import type { TClaimLineReasons } from "./find-claim-line-reasons";
import type { TFindingRow } from "./find-findings-page";
import type { TSqliteCell } from "../sqlite-query-stream";

/** One row of the findings CSV export: the worklist row and what the payer said about its claim line. */
export type TFindingExportRow = TFindingRow & { reasons: TClaimLineReasons | null };

const text = (cell: TSqliteCell | undefined): string | null => (cell === null || cell === undefined ? null : String(cell));
const int = (cell: TSqliteCell | undefined): number => Number(cell ?? 0);

/**
 * A row of the export statement (export-findings.ts exportSql, its SELECTED columns in order) as
 * an export row. No imports beyond types: the SQLite reader thread loads this module to format
 * CSV lines where the rows are read (lib/export/finding-csv.ts).
 */
export function exportRowFromCells(cells: readonly TSqliteCell[]): TFindingExportRow {
  const [id, dateOfService, encounterId, encounterLabel, patientKey, patientIdSealed, kind, cause, code, units, valueCents, valueSource, isEstimate, explanation, payer, site, nurse, claimId, filingDeadline, claimLineId, adjustments, remarks] = cells;

  return {
    id: int(id),
    dateOfService: String(dateOfService),
    encounterId: encounterId === null ? null : int(encounterId),
    encounterLabel: text(encounterLabel),
    patientKey: text(patientKey),
    patientIdSealed: text(patientIdSealed),
    kind: String(kind),
    cause: String(cause),
    code: text(code),
    units: int(units),
    valueCents: int(valueCents),
    valueSource: String(valueSource),
    isEstimate: int(isEstimate) === 1,
    explanation: String(explanation),
    payer: text(payer),
    site: text(site),
    nurse: text(nurse),
    claimId: text(claimId),
    filingDeadline: text(filingDeadline),
    claimLineId: claimLineId === null ? null : int(claimLineId),
    reasons: claimLineId === null ? null : reasonsOf(adjustments, remarks),
  };
}

function reasonsOf(adjustments: TSqliteCell | undefined, remarks: TSqliteCell | undefined): TClaimLineReasons | null {
  const pairs = JSON.parse(String(adjustments ?? "[]")) as [string, string][];
  const codes = JSON.parse(String(remarks ?? "[]")) as string[];
  if (pairs.length === 0 && codes.length === 0) return null;

  return { adjustments: pairs.map(([group, reason]) => ({ group, reason })), remarks: codes };
}
