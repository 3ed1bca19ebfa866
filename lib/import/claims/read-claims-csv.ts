/**
 * Claims CSV reader (spec §3.3): one row per claim service line → normalized `ClaimLine`s.
 *
 * Built on the shared CSV infrastructure (`readCsvRows`: streaming, BOM/CRLF, blank lines,
 * preamble and totals rows, 1-based line numbers; `mapColumns`: header synonyms and `--map`).
 * Every bad row becomes one error per bad cell (`{line, column, code, message, raw}`) and is
 * dropped; good rows are kept. File-level problems (unreadable, empty, binary, missing required
 * columns) come back as one error with `fatal: true` and no lines.
 *
 * Cell rules: amounts per `parseCents` (`$1,234.56`, `(12.00)`); dates ISO, `MM/DD/YYYY`, `YYYYMMDD`
 * (a time part is ignored); units blank → 1; paid units blank → units; modifiers from one column
 * (`;`, `,`, `/` or space separated) and/or `modifier_1..4` columns; adjustments from
 * `adjustment_codes` (`CO-45:12.50;CO-97:30.00`) and/or `carc` (`CO-45;PR-1`, a bare `45` takes
 * `adjustment_group`, and a single amount-less code takes `adjustment_amount`); remarks from
 * `remark_codes` and `rarc`; status from `claim_status` and the amounts (`deriveLineStatus`),
 * `reversed` for frequency 8.
 *
 * Practice-management report exports read without `--map`: the header is the first row (of the
 * first 50 non-blank ones) that holds every required column by name or synonym, so a report title,
 * date-range and filter lines above it are skipped (one `PREAMBLE_SKIPPED` warning, never errors);
 * totals rows (`Total`, `Grand Total`, … with sums only, or a row with no claim id, date of service
 * or code whose cells are all numbers) are skipped with a `TOTALS_ROW` warning; an adjustments
 * column holding plain amounts (a report's adjustment total, no reason codes) is not imported and
 * gives one `ADJUSTMENT_WITHOUT_CODE` warning. A column that two headers could be is never guessed
 * (`AMBIGUOUS_COLUMN` warning; for a required column the file stops with `MISSING_COLUMNS`).
 */
import { ImportFileError } from "../import-file-error";
import { createHeaderScorer, createRequiredHeaderDetector, describeAmbiguous, mapColumns, type ColumnMap, type ExplicitColumnMapping } from "../map-columns";
import { isValidDate, parseLocalDateTime, type DateOrder } from "../parse-local-date-time";
import { readCsvRows, type CsvSource } from "../read-csv-rows";
import type { ClaimAdjustment, ClaimLine, ClaimsIssue, ClaimsReadResult } from "./claim-line";
import { CLAIMS_COLUMNS } from "./claims-columns";
import { deriveLineStatus } from "./derive-line-status";
import { normalizeClaimStatus, parseClaimFrequency } from "./normalize-claim-status";
import { parseAdjustmentCodes } from "./parse-adjustment-codes";
import { parseCents } from "./parse-cents";

export type ReadClaimsCsvOptions = {
  /** Recorded in `source.file` and used in messages (default: the path, or "input"). */
  file?: string;
  /** Explicit column mapping, canonical → header (`--map`). */
  map?: ExplicitColumnMapping;
  /** Order of slashed dates (default `MDY`). */
  dateOrder?: DateOrder;
};

const CODE = /^[A-Z0-9]{5}$/;
const MODIFIER = /^[A-Z0-9]{2}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Splits a modifiers cell: `"59;XU"`, `"59, XU"`, `"59 XU"`, `"59/XU"`. */
export function splitModifiers(raw: string): string[] {
  return raw
    .split(/[\s;,/|]+/)
    .map((m) => m.trim().toUpperCase())
    .filter((m) => m !== "");
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cell of a sums-only row: blank, an amount or a count. */
const SUM_CELL = /^[\s$€£(),.%\d+-]*$/;
/** An amount written as money (`$`, decimals, thousands or parentheses), not a bare reason code like `45`. */
const MONEY = /[$.,()]/;

/**
 * A totals row without a "Total" label: no claim id, date of service or code, and nothing but
 * numbers in its other cells (a report's column sums).
 * @example isUnlabelledTotalsRow(["", "", "", "$1,234.56", "$900.00"], { claim_id: 0, date_of_service: 1, cpt: 2 }) //=> true
 */
export function isUnlabelledTotalsRow(cells: readonly string[], columns: ColumnMap): boolean {
  for (const name of ["claim_id", "date_of_service", "cpt"]) {
    const index = columns[name];
    if (index !== undefined && (cells[index] ?? "").trim() !== "") return false;
  }
  let numbers = 0;
  for (const c of cells) {
    if (!SUM_CELL.test(c)) return false;
    if (/\d/.test(c)) numbers++;
  }
  return numbers > 0;
}

function toIsoDate(raw: string, dateOrder: DateOrder | undefined): string | undefined {
  const iso = ISO_DATE.exec(raw);
  if (iso) return isValidDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? raw : undefined;
  const parsed = parseLocalDateTime(raw, { allowDateOnly: true, ...(dateOrder && { dateOrder }) });
  if (!parsed.ok || !parsed.hasDate) return undefined;
  const { year, month, day } = parsed.parts;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

type RowContext = {
  line: number;
  cells: string[];
  columns: ColumnMap;
  errors: ClaimsIssue[];
  /** The adjustment_codes cell held a plain amount (set by `readRow`). */
  amountOnlyAdjustment?: boolean;
};

function cell(ctx: RowContext, name: string): string {
  const index = ctx.columns[name];
  if (index === undefined) return "";
  return (ctx.cells[index] ?? "").trim();
}

function fail(ctx: RowContext, column: string, code: string, message: string, raw?: string): void {
  ctx.errors.push({ line: ctx.line, column, code, message: `line ${ctx.line}: ${message}`, ...(raw !== undefined && { raw }) });
}

function required(ctx: RowContext, name: string): string {
  const value = cell(ctx, name);
  if (value === "") fail(ctx, name, "MISSING_VALUE", `${name} is empty`);
  return value;
}

function amount(ctx: RowContext, name: string, isRequired: boolean): number | null {
  const raw = cell(ctx, name);
  if (raw === "") {
    if (isRequired) fail(ctx, name, "MISSING_VALUE", `${name} is empty`);
    return null;
  }
  const cents = parseCents(raw);
  if (cents === undefined) fail(ctx, name, "BAD_AMOUNT", `${name} '${raw}' is not an amount`, raw);
  return cents ?? null;
}

function units(ctx: RowContext, name: string): number | undefined {
  const raw = cell(ctx, name);
  if (raw === "") return undefined;
  if (!NUMBER.test(raw)) {
    fail(ctx, name, "BAD_NUMBER", `${name} '${raw}' is not a number`, raw);
    return undefined;
  }
  return Number(raw);
}

function readRow(ctx: RowContext, file: string, options: ReadClaimsCsvOptions): ClaimLine | undefined {
  const claimId = required(ctx, "claim_id");
  const patientId = required(ctx, "patient_id");
  const payer = required(ctx, "payer");

  const rawDate = required(ctx, "date_of_service");
  const dateOfService = rawDate === "" ? undefined : toIsoDate(rawDate, options.dateOrder);
  if (rawDate !== "" && dateOfService === undefined) fail(ctx, "date_of_service", "BAD_DATE", `date_of_service '${rawDate}' is not a date`, rawDate);

  const modifiers: string[] = [];
  const rawCode = required(ctx, "cpt").toUpperCase();
  // "96413-59" / "96413 59": a code with modifiers glued on.
  const [codePart = "", ...gluedModifiers] = rawCode.split(/[\s-]+/);
  const code = codePart;
  if (rawCode !== "" && !CODE.test(code)) fail(ctx, "cpt", "BAD_CODE", `cpt '${rawCode}' is not a 5-character CPT/HCPCS code`, rawCode);
  const modifierSources: Array<[string, string[]]> = [["cpt", gluedModifiers], ["modifiers", splitModifiers(cell(ctx, "modifiers"))]];
  for (let n = 1; n <= 4; n++) modifierSources.push([`modifier_${n}`, splitModifiers(cell(ctx, `modifier_${n}`))]);
  for (const [column, values] of modifierSources) {
    for (const m of values) {
      if (!MODIFIER.test(m)) fail(ctx, column, "BAD_MODIFIER", `modifier '${m}' is not a 2-character modifier`, m);
      else if (!modifiers.includes(m)) modifiers.push(m);
    }
  }

  const billedUnits = units(ctx, "units") ?? 1;
  const paidUnitsValue = units(ctx, "paid_units");
  const billedCents = amount(ctx, "billed_amount", true);
  const allowedCents = amount(ctx, "allowed_amount", false);
  const paidCents = amount(ctx, "paid_amount", true);

  const adjustments: ClaimAdjustment[] = [];
  const codes = cell(ctx, "adjustment_codes");
  if (codes !== "" && MONEY.test(codes) && parseCents(codes) !== undefined) {
    // A report's adjustment total ("$12.00", "(5.00)"): no group or reason to keep.
    ctx.amountOnlyAdjustment = true;
  } else if (codes !== "") {
    const parsed = parseAdjustmentCodes(codes);
    if (parsed.ok) adjustments.push(...parsed.adjustments);
    else fail(ctx, "adjustment_codes", "BAD_ADJUSTMENT", parsed.message, parsed.raw);
  }
  const carc = cell(ctx, "carc");
  if (carc !== "") {
    const parsed = parseAdjustmentCodes(carc);
    if (!parsed.ok) fail(ctx, "carc", "BAD_ADJUSTMENT", parsed.message, parsed.raw);
    else {
      const group = cell(ctx, "adjustment_group").toUpperCase();
      const fromCarc = parsed.adjustments.map((a) => (a.group === "" && group !== "" ? { ...a, group } : a));
      const single = fromCarc.length === 1 && fromCarc[0]!.amountCents === 0 ? amount(ctx, "adjustment_amount", false) : null;
      if (single !== null) fromCarc[0] = { ...fromCarc[0]!, amountCents: single };
      adjustments.push(...fromCarc);
    }
  }

  const remarks: string[] = [];
  for (const name of ["remark_codes", "rarc"]) {
    for (const r of cell(ctx, name).split(/[\s;,|]+/)) {
      const value = r.trim().toUpperCase();
      if (value !== "" && !remarks.includes(value)) remarks.push(value);
    }
  }

  const rawFrequency = cell(ctx, "claim_frequency");
  const claimFrequency = parseClaimFrequency(rawFrequency);
  if (claimFrequency === undefined) fail(ctx, "claim_frequency", "BAD_FREQUENCY", `claim_frequency '${rawFrequency}' is not 1 (original), 7 (replacement) or 8 (void)`, rawFrequency);

  const rawPaidDate = cell(ctx, "paid_date");
  const paidDate = rawPaidDate === "" ? undefined : toIsoDate(rawPaidDate, options.dateOrder);
  if (rawPaidDate !== "" && paidDate === undefined) fail(ctx, "paid_date", "BAD_DATE", `paid_date '${rawPaidDate}' is not a date`, rawPaidDate);

  if (ctx.errors.length > 0) return undefined;
  const rawStatus = cell(ctx, "claim_status");
  const adjudication = claimFrequency === "8" ? "reversal" : normalizeClaimStatus(rawStatus);
  const status = deriveLineStatus(adjudication, { code, billedCents: billedCents!, paidCents: paidCents!, billedUnits, paidUnits: paidUnitsValue ?? billedUnits, adjustments });
  // A plain literal plus assignments (conditional spreads make V8 build slow dictionary objects).
  const line: ClaimLine = {
    claimId,
    patientId,
    dateOfService: dateOfService!,
    payer,
    code,
    modifiers,
    billedUnits,
    paidUnits: paidUnitsValue ?? billedUnits,
    billedCents: billedCents!,
    allowedCents,
    paidCents: paidCents!,
    adjustments,
    remarks,
    status,
    claimFrequency: claimFrequency!,
    source: { file, line: ctx.line },
  };
  const encounterId = cell(ctx, "encounter_id");
  if (encounterId !== "") line.encounterId = encounterId;
  if (rawStatus !== "") line.statusCode = rawStatus;
  if (paidDate !== undefined) line.paidDate = paidDate;
  return line;
}

/**
 * Reads a claims CSV file (path or stream).
 * @example const { lines, errors } = await readClaimsCsv("claims.csv");
 */
export async function readClaimsCsv(source: CsvSource, options: ReadClaimsCsvOptions = {}): Promise<ClaimsReadResult> {
  const file = options.file ?? (typeof source === "string" ? source : "input");
  const lines: ClaimLine[] = [];
  const warnings: ClaimsIssue[] = [];
  const errors: ClaimsIssue[] = [];
  let columns: ColumnMap | undefined;
  const explicit = options.map;
  const isHeaderRow = createRequiredHeaderDetector(CLAIMS_COLUMNS, explicit ? { explicit } : {});
  const scoreHeaderRow = createHeaderScorer(CLAIMS_COLUMNS, explicit);
  const amountOnly: number[] = [];
  try {
    for await (const batch of readCsvRows(source, { isHeaderRow, scoreHeaderRow, label: file })) {
      if (!columns) {
        const mapped = mapColumns(batch.headers, CLAIMS_COLUMNS, { label: file, ...(explicit && { explicit }) });
        columns = mapped.columns;
        for (const name of mapped.duplicates) {
          warnings.push({ code: "DUPLICATE_COLUMN", line: batch.headerLine, column: name, message: `line ${batch.headerLine}: more than one column matches ${name}; the first one is used` });
        }
        for (const a of mapped.ambiguous) {
          warnings.push({
            code: "AMBIGUOUS_COLUMN",
            line: batch.headerLine,
            column: a.column,
            message: `line ${batch.headerLine}: ${describeAmbiguous([a])}; it was not imported (use --map ${a.column}=Header)`,
          });
        }
      }
      for (const e of batch.errors) errors.push({ ...e, message: `line ${e.line}: ${e.message}` });
      for (const n of batch.notices) warnings.push({ code: n.code, message: n.message, ...(n.line !== undefined && { line: n.line }) });
      for (const row of batch.rows) {
        if (isUnlabelledTotalsRow(row.cells, columns)) {
          warnings.push({ code: "TOTALS_ROW", line: row.line, message: `skipped totals row at line ${row.line}` });
          continue;
        }
        const ctx: RowContext = { line: row.line, cells: row.cells, columns, errors: [] };
        const line = readRow(ctx, file, options);
        if (ctx.amountOnlyAdjustment) amountOnly.push(row.line);
        if (line) lines.push(line);
        else errors.push(...ctx.errors);
      }
    }
    if (amountOnly.length > 0) {
      const shown = amountOnly.slice(0, 5).join(", ") + (amountOnly.length > 5 ? ", …" : "");
      warnings.push({
        code: "ADJUSTMENT_WITHOUT_CODE",
        line: amountOnly[0]!,
        column: "adjustment_codes",
        message: `${amountOnly.length} row(s) (line ${shown}) give an adjustment amount without a group and reason code (e.g. CO-45:12.50); those amounts were not imported`,
      });
    }
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    return {
      format: "csv",
      lines: [],
      warnings,
      errors: [{ code: error.code, message: error.message, fatal: true, ...(error.details && { details: error.details }) }],
    };
  }
  errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: "csv", lines, warnings, errors };
}
