import { findReferenceRate } from "./reference-rates";
import { addDays } from "./week-bucket";

/** Where a unit value came from (spec §5.3); shown beside every value in the product. */
export type ValueSource = "own_paid_median" | "fee_schedule" | "reference" | "none";

/**
 * `detail` names the source precisely, for explanations: the own paid median with its line count and
 * date-of-service window, the fee schedule row (payer or default `*`, with its effective dates), or
 * the reference table and year.
 */
export type UnitValue = { cents: number; source: ValueSource; detail: string };

/** One row of an organization's fee schedule (spec §3.5). `payer` "*" applies to any payer. */
export type FeeScheduleRate = {
  payer: string;
  code: string;
  rateCents: number;
  effectiveFrom: string;
  effectiveTo?: string | null;
};

/** A paid line of the organization's own history, after claim versions are netted. */
export type PaidObservation = {
  payer: string;
  code: string;
  dateOfService: string;
  paidCents: number;
  paidUnits: number;
};

export type ValuationInput = {
  paid: readonly PaidObservation[];
  feeSchedule: readonly FeeScheduleRate[];
  setting: "professional" | "facility";
  /** End of the trailing 12-month window for the paid median, normally the last date of service in scope. */
  asOf: string;
  /** Paid lines needed before the organization's own median is trusted (spec §5.3: 5). */
  minPaidObservations?: number;
  /**
   * Per-unit paid values already gathered elsewhere (the database recompute aggregates them in SQL
   * instead of holding every paid line): a histogram per `paidMedianKey(payer, code)` of
   * `Math.round(paidCents / paidUnits)` → count, over the same trailing 12 months. Added to `paid`.
   */
  paidHistograms?: ReadonlyMap<string, ReadonlyMap<number, number>>;
};

export type Valuator = (payer: string, code: string, dateOfService: string) => UnitValue;

const MIN_PAID_OBSERVATIONS = 5;

/** "effective 2025-01-01" or "effective 2025-01-01 to 2025-06-30": the dates of a fee schedule row. */
function effective(row: FeeScheduleRate): string {
  return row.effectiveTo ? `(effective ${row.effectiveFrom} to ${row.effectiveTo})` : `(effective ${row.effectiveFrom})`;
}

/** Median of integer cents; an even count takes the rounded mean of the two middle values. */
export function medianCents(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[middle] as number;
  return Math.round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
}

function normalizePayer(payer: string): string {
  return payer.trim().toLowerCase();
}

/** The key paid values are grouped by (payer compared trimmed and case-insensitively, then code). */
export function paidMedianKey(payer: string, code: string): string {
  return `${normalizePayer(payer)}|${code}`;
}

/** Whether a paid line counts toward the trailing-12-month median ending `asOf`, and its per-unit value. */
export function paidPerUnitInWindow(line: PaidObservation, asOf: string): number | null {
  if (line.paidCents <= 0 || line.paidUnits <= 0) return null;
  if (line.dateOfService < addDays(asOf, -364) || line.dateOfService > asOf) return null;
  return Math.round(line.paidCents / line.paidUnits);
}

/** medianCents over a value → count histogram (same result as medianCents over the expanded list). */
export function medianOfHistogram(histogram: ReadonlyMap<number, number>): { cents: number; count: number } {
  const entries = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = entries.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) throw new RangeError("median of no values");
  const at = (index: number): number => {
    let seen = 0;
    for (const [value, n] of entries) {
      seen += n;
      if (index < seen) return value;
    }
    return entries[entries.length - 1]![0];
  };
  const middle = count >> 1;
  const cents = count % 2 === 1 ? at(middle) : Math.round((at(middle - 1) + at(middle)) / 2);
  return { cents, count };
}

/**
 * Builds the value-per-unit lookup of spec §5.3: the median paid per unit for that payer and code
 * over the trailing 12 months when there are at least 5 paid lines; else the fee schedule (the
 * payer's row, then the `*` row) effective on the date of service; else the built-in reference rate
 * for the setting, labelled as reference.
 *
 * @example
 * const valueOf = buildValuator({ paid: [], feeSchedule: [{ payer: "*", code: "96415", rateCents: 15_000, effectiveFrom: "2024-01-01" }], setting: "professional", asOf: "2025-12-31" });
 * valueOf("Aetna", "96415", "2025-03-04") //=> { cents: 15000, source: "fee_schedule", detail: "fee schedule, default (*) row for 96415 (effective 2024-01-01)" }
 */
export function buildValuator(input: ValuationInput): Valuator {
  const minObservations = input.minPaidObservations ?? MIN_PAID_OBSERVATIONS;
  const windowStart = addDays(input.asOf, -364);
  const perUnitByPayerCode = new Map<string, Map<number, number>>();
  const addValue = (key: string, value: number, n: number) => {
    let histogram = perUnitByPayerCode.get(key);
    if (!histogram) {
      histogram = new Map();
      perUnitByPayerCode.set(key, histogram);
    }
    histogram.set(value, (histogram.get(value) ?? 0) + n);
  };
  for (const line of input.paid) {
    if (line.paidCents <= 0 || line.paidUnits <= 0) continue;
    if (line.dateOfService < windowStart || line.dateOfService > input.asOf) continue;
    addValue(paidMedianKey(line.payer, line.code), Math.round(line.paidCents / line.paidUnits), 1);
  }
  for (const [key, histogram] of input.paidHistograms ?? []) for (const [value, n] of histogram) addValue(key, value, n);
  const medians = new Map<string, { cents: number; count: number }>();
  for (const [key, histogram] of perUnitByPayerCode) {
    const median = medianOfHistogram(histogram);
    if (median.count >= minObservations) medians.set(key, median);
  }

  const feeRows = input.feeSchedule.map((row) => ({ ...row, payerKey: normalizePayer(row.payer) }));
  const findFee = (payerKey: string, code: string, dateOfService: string) =>
    feeRows
      .filter(
        (row) =>
          row.payerKey === payerKey &&
          row.code === code &&
          row.effectiveFrom <= dateOfService &&
          (!row.effectiveTo || dateOfService <= row.effectiveTo),
      )
      // The most recently effective row wins when rows overlap.
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0))[0];

  return (payer, code, dateOfService) => {
    const payerKey = normalizePayer(payer);
    const median = medians.get(`${payerKey}|${code}`);
    if (median) {
      return {
        cents: median.cents,
        source: "own_paid_median",
        detail: `own paid median of ${median.count} ${payer} line${median.count === 1 ? "" : "s"}, dates of service ${windowStart} to ${input.asOf}`,
      };
    }
    const payerRow = findFee(payerKey, code, dateOfService);
    if (payerRow) return { cents: payerRow.rateCents, source: "fee_schedule", detail: `fee schedule, ${payerRow.payer.trim()} row for ${code} ${effective(payerRow)}` };
    const anyRow = findFee("*", code, dateOfService);
    if (anyRow) return { cents: anyRow.rateCents, source: "fee_schedule", detail: `fee schedule, default (*) row for ${code} ${effective(anyRow)}` };
    const year = Number(dateOfService.slice(0, 4));
    const reference = findReferenceRate(code, input.setting, year);
    if (reference) {
      const nearest = reference.year === year ? "" : `, the nearest year to ${year}`;
      return { cents: reference.cents, source: "reference", detail: `reference rate, ${reference.source}, CY${reference.year}${nearest}` };
    }
    return { cents: 0, source: "none", detail: "no paid history, fee schedule row or reference rate for this code" };
  };
}
