/**
 * The comparison date of "What changed since" (issue [11/12]): a 'YYYY-MM-DD' day in the
 * practice's time zone. The comparison starts when that day starts there: the analysis compared
 * against is the last one published before that instant, and dollars recovered count from that day
 * on. Pure.
 */
import { addDays } from "@/lib/analysis/week-bucket";
import { startOfDayIn } from "@/lib/audit/audit-query";

/** Days back when the practice has no previous client report. */
export const DEFAULT_COMPARISON_DAYS = 30;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The search param as a real calendar day, or null (absent, malformed or impossible). */
export function parseComparisonDate(value: string | string[] | undefined): string | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text || !ISO_DATE.test(text)) return null;
  const date = new Date(`${text}T00:00:00Z`);

  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? text : null;
}

/** The calendar day an instant falls on in the time zone ('YYYY-MM-DD'). */
export function localDateOf(instant: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
  } catch {
    return instant.toISOString().slice(0, 10);
  }
}

/**
 * The date the comparison starts from when the user chose none: the day of the practice's previous
 * client report, else DEFAULT_COMPARISON_DAYS before today (both in the practice's time zone).
 *
 * @example defaultComparisonDate({ previousReportAt: null, timeZone: "America/New_York", now: new Date("2025-04-30T12:00:00Z") }) //=> "2025-03-31"
 */
export function defaultComparisonDate(input: { previousReportAt: Date | null; timeZone: string; now: Date }): string {
  if (input.previousReportAt) return localDateOf(input.previousReportAt, input.timeZone);

  return addDays(localDateOf(input.now, input.timeZone), -DEFAULT_COMPARISON_DAYS);
}

/** The instant the comparison day starts in the practice's time zone. */
export function comparisonInstant(date: string, timeZone: string): Date {
  try {
    return startOfDayIn(date, timeZone);
  } catch {
    return new Date(`${date}T00:00:00Z`);
  }
}
