import { findingKindLabel, valueSourceInfo } from "@/components/findings/finding-labels";
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";
import { claimReasons } from "@/lib/dashboard/code-label";
import type { TMembershipRole } from "@/lib/db/types";
import { exportRowFromCells, type TFindingExportRow } from "@/lib/db/findings/export-row";
import type { TSqliteCell } from "@/lib/db/sqlite-query-stream";
import { createPatientLabeler, patientLabelCaption, type TPatientLabel, type TStoredPatient } from "@/lib/security/patient-labels";

/**
 * The findings CSV (GET /api/findings/export): its header and one line per finding. Loaded by the
 * route and by the SQLite reader thread (lib/db/sqlite-query-stream.ts), which formats the lines
 * where it reads the rows so that the server's only thread just passes text on.
 */
export const FINDING_CSV_HEADER = [
  "date_of_service",
  "encounter_id",
  "patient",
  "kind",
  "kind_label",
  "cause",
  "code",
  "units",
  "value",
  "is_estimate",
  "value_source",
  "payer",
  "site",
  "nurse",
  "claim_id",
  "filing_deadline",
  "explanation",
  // What the payer said about the finding's claim line: CARC group-reason and RARC codes, then the
  // same codes with DripAudit's own short words ("CO-16 · …"), each "; "-separated.
  "reasons",
  "reason_labels",
] as const;

const VALUE_COLUMN = FINDING_CSV_HEADER.indexOf("value");

/** Cents as a plain decimal number, e.g. -25.00. */
export function csvDollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);

  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

export type TLabelPatient = (stored: TStoredPatient) => TPatientLabel | null;

/** The MRN, or "Patient key …" where it does not open; empty when the row has no patient. */
export function csvPatientCell(label: TPatientLabel | null): string {
  return label ? patientLabelCaption(label) : "";
}

/** One CSV line; every text cell goes through neutralizeCsvCell (formula injection, quoting). */
export function findingCsvLine(row: TFindingExportRow, labelPatient: TLabelPatient): string {
  const { reasons } = row;
  const { codes, labels } = reasons ? claimReasons(reasons.adjustments, reasons.remarks) : { codes: [], labels: [] };
  const cells: (string | number)[] = [
    row.dateOfService,
    row.encounterLabel ?? "",
    csvPatientCell(labelPatient(row)),
    row.kind,
    findingKindLabel(row.kind),
    row.cause,
    row.code ?? "",
    row.units,
    // A plain number (e.g. -25.00) cannot run as a formula, so amounts are written as numbers, unprefixed.
    csvDollars(row.valueCents),
    row.isEstimate ? "yes" : "no",
    row.valueSource === "reference" ? "reference rate" : valueSourceInfo(row.valueSource).label.toLowerCase(),
    row.payer ?? "",
    row.site ?? "",
    row.nurse ?? "",
    row.claimId ?? "",
    row.filingDeadline ?? "",
    row.explanation,
    codes.join("; "),
    labels.join("; "),
  ];

  return cells.map((cell, index) => (index === VALUE_COLUMN ? cell : neutralizeCsvCell(cell))).join(",");
}

/**
 * Who the lines are for: the practice (the sealed MRNs' associated data), the reader's role (MRN
 * or patient key) and, for a role that may identify patients, the key that opens the MRNs (handed
 * over by the app's thread, so the reader thread never reads keys or environment of its own).
 */
export type TFindingCsvAudience = { organizationId: string; role: TMembershipRole; patientIdKey: Uint8Array | null };

/**
 * The reader thread's row formatter (the `format` option of streamSqliteText): a raw row of the
 * export statement to its CSV line, patients labelled for the audience.
 */
export function createRowFormatter(audience: TFindingCsvAudience): (cells: readonly TSqliteCell[]) => string {
  const { patientIdKey } = audience;
  const labelPatient = createPatientLabeler(audience.organizationId, audience.role, () => {
    if (!patientIdKey) throw new Error("the findings CSV formatter was given no patient id key for a role that may identify patients");
    return Buffer.from(patientIdKey);
  });

  return (cells) => findingCsvLine(exportRowFromCells(cells), labelPatient);
}
