/**
 * Fee schedule CSV (spec §3.5): `payer` (`*` = any payer), `cpt`, `rate` (dollars per unit),
 * `effective_from`, `effective_to` (optional). Every bad row becomes a RowError; good rows are kept.
 */
import type { FeeScheduleRate } from "@/lib/analysis/valuation";
import { parseCents } from "./claims/parse-cents";
import type { ColumnSpec, ExplicitColumnMapping } from "./map-columns";
import { parseServiceDate } from "./parse-session-time";
import type { CsvSource } from "./read-csv-rows";
import { readMappedRows } from "./read-mapped-rows";
import type { ImportNotice, RowError } from "./row-error";

export const FEE_SCHEDULE_COLUMNS: readonly ColumnSpec[] = [
  { name: "payer", required: true, synonyms: ["Payer Name", "Insurance", "Plan", "Carrier"] },
  { name: "cpt", required: true, synonyms: ["Code", "CPT Code", "HCPCS", "Procedure Code", "CPT/HCPCS"] },
  { name: "rate", required: true, synonyms: ["Rate", "Allowed", "Allowed Amount", "Fee", "Amount", "Contract Rate", "Unit Rate"] },
  { name: "effective_from", synonyms: ["Effective Date", "Start Date", "Effective", "From"] },
  { name: "effective_to", synonyms: ["End Date", "Termination Date", "Expiration Date", "To", "Thru"] },
];

/** Rows without an effective date apply from the beginning of time. */
const OPEN_START = "0001-01-01";

export type FeeScheduleReadResult = { rates: FeeScheduleRate[]; errors: RowError[]; notices: ImportNotice[]; rowCount: number };

export async function readFeeSchedule(
  source: CsvSource,
  options: { explicit?: ExplicitColumnMapping; label?: string } = {},
): Promise<FeeScheduleReadResult> {
  const rates: FeeScheduleRate[] = [];
  const rowErrors: RowError[] = [];
  const read = await readMappedRows(source, FEE_SCHEDULE_COLUMNS, options, ({ line, cell }) => {
    const errors: RowError[] = [];
    const payer = cell("payer");
    const code = cell("cpt").toUpperCase();
    if (!payer) errors.push({ line, column: "payer", code: "MISSING_VALUE", message: "payer is empty (use * for any payer)" });
    if (!code) errors.push({ line, column: "cpt", code: "MISSING_VALUE", message: "cpt is empty" });
    const rateText = cell("rate");
    const rateCents = parseCents(rateText);
    if (rateCents === undefined || rateCents < 0) {
      errors.push({ line, column: "rate", code: "BAD_AMOUNT", message: `rate ${JSON.stringify(rateText)} is not a dollar amount ≥ 0`, raw: rateText });
    }
    const dates: Record<"effective_from" | "effective_to", string | undefined> = { effective_from: undefined, effective_to: undefined };
    for (const column of ["effective_from", "effective_to"] as const) {
      const text = cell(column);
      if (!text) continue;
      const parsed = parseServiceDate(text, "MDY");
      if (parsed.ok) dates[column] = parsed.iso;
      else errors.push({ line, column, code: "BAD_DATE", message: `${column}: ${parsed.message}`, raw: text });
    }
    if (dates.effective_from && dates.effective_to && dates.effective_to < dates.effective_from) {
      errors.push({ line, column: "effective_to", code: "BAD_DATE", message: `effective_to ${dates.effective_to} is before effective_from ${dates.effective_from}` });
    }
    if (errors.length > 0) {
      for (const error of errors) rowErrors.push(error);
      return;
    }
    rates.push({
      payer,
      code,
      rateCents: rateCents as number,
      effectiveFrom: dates.effective_from ?? OPEN_START,
      effectiveTo: dates.effective_to ?? null,
    });
  });
  return { rates, errors: [...read.errors, ...rowErrors].sort((a, b) => a.line - b.line), notices: read.notices, rowCount: read.rowCount };
}
