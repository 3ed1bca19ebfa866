/**
 * Encounters that cross midnight (rule book §3.5, §13.7).
 *
 * - `midnightRule: "encounter"` (CMS, default): one initial per encounter across dates; the whole
 *   encounter is one partition.
 * - `midnightRule: "calendarDay"` (CPT): each calendar date (of an administration's start) is its own
 *   partition with its own initial.
 * - Line-item date of service = the date the service was provided (T1702). An add-on unit is dated by
 *   the wall-clock date on which its threshold minute falls (`addonDateAssignment: "thresholdMinute"`,
 *   §3.5 default) or by the service's start date (`"startDate"`, HCPro 2009).
 *
 * Dates come from `TimePoint.local` (`YYYY-MM-DDTHH:mm`) with integer arithmetic: no Date objects, no
 * Intl, no regex.
 */

import type { TimePoint } from "./types";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { MS_PER_MINUTE, sameLocalDate } = timeAndUnitsModule;

/** `YYYY-MM-DD` of a time point. */
export function localDate(tp: TimePoint): string {
  return tp.local.slice(0, 10);
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n = n * 10 + (s.charCodeAt(i) - 48);

  return n;
}

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;

  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` for days since 1970-01-01 (civil_from_days). */
function civilFromDays(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);

  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** Wall-clock minutes since 1970-01-01T00:00 of `local` (ignores the zone: a naive clock reading). */
function naiveMinutes(local: string): number {
  const days = daysFromCivil(digits(local, 0, 4), digits(local, 5, 2), digits(local, 8, 2));

  return days * 1440 + digits(local, 11, 2) * 60 + digits(local, 14, 2);
}

/** Offset (ms) between wall clock and UTC at a time point. */
function offsetMs(tp: TimePoint): number {
  return naiveMinutes(tp.local) * MS_PER_MINUTE - tp.at;
}

/**
 * Wall-clock date of instant `t` inside span `s`. Uses the UTC offset of the nearer end of the span, so
 * a DST change inside the span only matters within an hour of the change, never at midnight in zones
 * that change clocks at 01:00–03:00.
 */
export function dateInSpan(s: Span, t: number): string {
  if (sameLocalDate(s.a, s.b)) return localDate(s.a);
  const off = t - s.a.at <= s.b.at - t ? offsetMs(s.a) : offsetMs(s.b);

  return civilFromDays(Math.floor((t + off) / (1440 * MS_PER_MINUTE)));
}

/**
 * Date on which the 1-based cumulative minute `minute` of a service (its disjoint spans in order)
 * starts. The minute's first instant is used, so minute 91 of an infusion that started 22:30 is 00:00
 * of the next day.
 */
export function dateOfMinute(spans: readonly Span[], minute: number): string {
  let remaining = (minute - 1) * MS_PER_MINUTE;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const len = s.b.at - s.a.at;
    if (remaining < len) return dateInSpan(s, s.a.at + remaining);
    remaining -= len;
  }
  const last = spans[spans.length - 1];

  return last === undefined ? "" : localDate(last.b);
}

/**
 * Split `units` add-on units into per-date counts. `threshold(k)` gives the minute at which unit k is
 * earned. With `startDate` every unit goes on `startDate`.
 */
export function unitsByDate(
  spans: readonly Span[],
  units: number,
  threshold: (k: number) => number,
  mode: "thresholdMinute" | "startDate",
  startDate: string,
): Array<{ date: string; units: number }> {
  if (units <= 0) return [];
  const first = spans[0];
  const last = spans[spans.length - 1];
  // Fast path: everything on one date.
  if (mode === "startDate" || first === undefined || last === undefined || sameLocalDate(first.a, last.b)) {
    return [{ date: startDate, units }];
  }
  const out: Array<{ date: string; units: number }> = [];
  for (let k = 1; k <= units; k++) {
    const date = dateOfMinute(spans, threshold(k));
    const prev = out[out.length - 1];
    if (prev !== undefined && prev.date === date) prev.units++;
    else out.push({ date, units: 1 });
  }

  return out;
}
