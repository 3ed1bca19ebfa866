/**
 * One date-time cell of a sessions row → `TimePoint`, or a `RowError` naming the line and column.
 * Combines `parseLocalDateTime` (text → wall clock) and `toTimePoint` (wall clock + zone → instant).
 */
import type { TimePoint } from "../coding/types";
import { parseLocalDateTime, type DateOrder, type LocalDate } from "./parse-local-date-time";
import type { RowError } from "./row-error";
import { toTimePoint } from "./to-time-point";

export type SessionTimeContext = { timeZone: string; dateOrder: DateOrder };

export type ParseSessionTimeResult =
  | { ok: true; point: TimePoint; ambiguous: boolean; hasDate: boolean; date: LocalDate }
  | { ok: false; error: RowError };

/**
 * @example parseSessionTime("9:05 AM", "start", 3, { timeZone: "America/New_York", dateOrder: "MDY" }, { year: 2025, month: 3, day: 4 })
 * //=> { ok: true, point: { at: 1741097100000, local: "2025-03-04T09:05" }, ambiguous: false, hasDate: false, … }
 */
export function parseSessionTime(
  raw: string,
  column: string,
  line: number,
  ctx: SessionTimeContext,
  baseDate?: LocalDate,
): ParseSessionTimeResult {
  const parsed = parseLocalDateTime(raw, baseDate ? { dateOrder: ctx.dateOrder, baseDate } : { dateOrder: ctx.dateOrder });
  if (!parsed.ok) {
    const code = parsed.code === "BAD_DATE" ? "BAD_DATE" : "BAD_TIME";
    return { ok: false, error: { line, column, code, message: `${column}: ${parsed.message}`, raw } };
  }
  const resolved = toTimePoint(parsed.parts, ctx.timeZone);
  if (!resolved.ok) {
    return { ok: false, error: { line, column, code: "NONEXISTENT_LOCAL_TIME", message: `${column}: ${resolved.message}`, raw } };
  }
  const { year, month, day } = parsed.parts;
  return { ok: true, point: resolved.point, ambiguous: resolved.ambiguous, hasDate: parsed.hasDate, date: { year, month, day } };
}

/**
 * A date-of-service cell (a date, or a date-time whose time is ignored) → `YYYY-MM-DD` + parts.
 * @example parseServiceDate("3/4/2025", "MDY") //=> { ok: true, date: { year: 2025, month: 3, day: 4 }, iso: "2025-03-04" }
 */
export function parseServiceDate(
  raw: string,
  dateOrder: DateOrder,
): { ok: true; date: LocalDate; iso: string } | { ok: false; message: string } {
  const parsed = parseLocalDateTime(raw, { dateOrder, allowDateOnly: true });
  if (!parsed.ok || !parsed.hasDate) return { ok: false, message: parsed.ok ? `${JSON.stringify(raw)} is not a date` : parsed.message };
  const { year, month, day } = parsed.parts;
  return { ok: true, date: { year, month, day }, iso: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** The calendar date after `date`. */
export function nextLocalDate(date: LocalDate): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
