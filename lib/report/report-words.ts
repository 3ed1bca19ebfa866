/**
 * The report's plain-language sentences and the arithmetic behind them, as a practice owner reasons:
 * lost add-on hours per week × value of an hour = weekly add-on leakage; total leakage ÷ weeks =
 * average weekly leakage × 52 = annualized. Every figure is the overview's own (data.overview.totals
 * and the same rollups' lost add-on hours with their value).
 */
import { CAUSE_LABELS, isCause } from "@/lib/dashboard/causes";
import type { TLeakageTotals } from "@/lib/dashboard/summarize-rollups";
import { formatCount } from "@/lib/format/format-count";
import { formatDollars } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import { formatDateRange } from "@/lib/format/format-week";
import type { TReportData } from "./report-data";

/** "8 weeks", "12.86 weeks" (the overview's wording of the window). */
export function weeksText(weeks: number): string {
  const rounded = Math.round(weeks * 100) / 100;

  return `${rounded} ${rounded === 1 ? "week" : "weeks"}`;
}

/** "Jan 6 – Mar 2, 2025 (8 weeks)", or a plain note when nothing is in scope. */
export function periodText(period: TReportData["period"]): string {
  if (!period) return "No data in this period";

  return `${formatDateRange(period.from, period.to)} (${weeksText(period.weeks)})`;
}

export function causeLabel(cause: string): string {
  return isCause(cause) ? CAUSE_LABELS[cause] : cause;
}

/** The cause as the report's tags name it; `short` (tight tables) drops documentation's "(est.)". */
export function causeTagLabel(cause: string, short = false): string {
  return short && cause === "documentation" ? "Documentation" : causeLabel(cause);
}

/** The patient as the report may show it: the MRN when identified, else the pseudonymous key. */
export function patientText(row: { patientId: string | null; patientKey: string | null }): string {
  if (row.patientId) return row.patientId;
  if (!row.patientKey) return "—";

  return row.patientKey.length > 14 ? `${row.patientKey.slice(0, 12)}…` : row.patientKey;
}

export type TLostHourValue = { hours: number; valueCents: number; centsPerHour: number | null };

/** Lost add-on hours in scope, their dollars and the value of one hour. */
export function lostHourValue(lost: TReportData["lostAddOnHours"]): TLostHourValue {
  return { hours: lost.hours, valueCents: lost.valueCents, centsPerHour: lost.hours > 0 ? Math.round(lost.valueCents / lost.hours) : null };
}

export type TAddOnArithmetic = { hoursPerWeek: number; centsPerHour: number; weeklyCents: number };

/** Lost add-on hours per week × value of an hour = weekly add-on leakage (the shown numbers multiply exactly). */
export function addOnArithmetic(data: Pick<TReportData, "overview" | "lostAddOnHours">): TAddOnArithmetic | null {
  const { centsPerHour } = lostHourValue(data.lostAddOnHours);
  const hoursPerWeek = data.overview.totals.lostAddOnHoursPerWeek;
  if (centsPerHour === null || !(hoursPerWeek > 0)) return null;

  return { hoursPerWeek, centsPerHour, weeklyCents: Math.round(hoursPerWeek * centsPerHour) };
}

type TDriver = { valueCents: number; phrase: string };

function drivers(totals: TLeakageTotals, data: Pick<TReportData, "overview" | "lostAddOnHours">): TDriver[] {
  const addOnCents = Math.min(totals.byCause.coding, data.lostAddOnHours.valueCents);
  const addOn = addOnArithmetic(data);

  return [
    {
      valueCents: addOnCents,
      phrase: addOn
        ? `add-on hours not billed: ${formatHours(addOn.hoursPerWeek, { unit: "hours" })} a week at ${formatDollars(addOn.centsPerHour)} an hour`
        : "add-on hours not billed",
    },
    { valueCents: totals.byCause.coding - addOnCents, phrase: "services given but not coded or billed" },
    { valueCents: totals.byCause.documentation, phrase: "infusions with no stop time in the record (an estimate)" },
    { valueCents: totals.byCause.payer, phrase: "payments denied, cut or taken back by payers" },
  ];
}

/**
 * The owner's question answered in one sentence with the number (ui-guide "Reports").
 *
 * @example
 * oneSentenceAnswer(data) //=> "About $156,000 a year is lost, mostly to add-on hours not billed: 20 hours a week at $150 an hour."
 */
export function oneSentenceAnswer(data: Pick<TReportData, "overview" | "lostAddOnHours" | "period">): string {
  const { totals } = data.overview;
  if (!data.period) return "There is no data in this period, so nothing can be measured yet.";
  if (totals.leakageCents <= 0) return "No revenue leakage was found in this period.";
  const largest = drivers(totals, data).reduce((best, driver) => (driver.valueCents > best.valueCents ? driver : best));
  const share = largest.valueCents / totals.leakageCents;

  return `About ${formatDollars(totals.annualizedLeakageCents)} a year is lost, ${share >= 0.5 ? "mostly" : "the largest part"} to ${largest.phrase}.`;
}

const CARC_GROUP_WORDS: Readonly<Record<string, string>> = {
  CO: "Practice (contractual write-off)",
  PR: "Patient (patient responsibility)",
  OA: "Other adjustment",
  PI: "Payer-initiated reduction",
  CR: "Correction or reversal",
};

/** Who bears a denial, in our own words for the CARC group (never the CARC description text). */
export function carcGroupWords(group: string): string {
  return CARC_GROUP_WORDS[group] ?? group;
}

/** "Contains PHI" or "De-identified": on the cover and in every page header. */
export function phiMarker(deidentify: boolean): string {
  return deidentify ? "De-identified" : "Contains PHI";
}

/** A count with its noun: "1 unit", "12 units". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
