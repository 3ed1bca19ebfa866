/**
 * Wall-clock ↔ instant conversion for the practice's time zone, America/New_York (US rules since
 * 2007: daylight time from the second Sunday of March 02:00 to the first Sunday of November 02:00).
 * Hand-rolled instead of Intl so generating a million encounters stays fast and deterministic.
 */
import type { TimePoint } from "@/lib/coding/types";

export const PRACTICE_TIME_ZONE = "America/New_York";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Day number (days since 1970-01-01) of `YYYY-MM-DD`. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Day number of the `n`-th Sunday (1-based) of a month (1-based). */
function nthSunday(year: number, month: number, n: number): number {
  const first = Date.UTC(year, month - 1, 1) / MS_PER_DAY;
  const offset = (7 - weekday(first)) % 7;
  return first + offset + (n - 1) * 7;
}

const transitions = new Map<number, { startUtc: number; endUtc: number; startDay: number; endDay: number }>();

/** UTC instants of the year's daylight-time start (07:00Z) and end (06:00Z). */
export function dstTransitions(year: number): { startUtc: number; endUtc: number; startDay: number; endDay: number } {
  let t = transitions.get(year);
  if (!t) {
    const startDay = nthSunday(year, 3, 2);
    const endDay = nthSunday(year, 11, 1);
    t = { startDay, endDay, startUtc: startDay * MS_PER_DAY + 7 * 3_600_000, endUtc: endDay * MS_PER_DAY + 6 * 3_600_000 };
    transitions.set(year, t);
  }
  return t;
}

/** UTC offset in minutes (−240 or −300) at an instant. */
export function offsetMinutesAt(at: number): number {
  const year = new Date(at).getUTCFullYear();
  const t = dstTransitions(year);
  return at >= t.startUtc && at < t.endUtc ? -240 : -300;
}

/** `YYYY-MM-DDTHH:mm` wall clock of an instant. */
export function localOf(at: number): string {
  return new Date(at + offsetMinutesAt(at) * MS_PER_MINUTE).toISOString().slice(0, 16);
}

/**
 * Instant of a wall-clock minute (`day` + minutes after local midnight). Times in the spring-forward
 * gap or the repeated fall-back hour are resolved as standard time first; the generator avoids them.
 */
export function instantOf(day: number, minuteOfDay: number): number {
  const naive = day * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
  const asStandard = naive + 300 * MS_PER_MINUTE;
  return offsetMinutesAt(asStandard) === -240 ? naive + 240 * MS_PER_MINUTE : asStandard;
}

/** A TimePoint for an instant. */
export function timePointAt(at: number): TimePoint {
  return { at, local: localOf(at) };
}

/** A TimePoint for a wall-clock minute of a day. */
export function timePointOf(day: number, minuteOfDay: number): TimePoint {
  return timePointAt(instantOf(day, minuteOfDay));
}

/** A TimePoint `minutes` of real (elapsed) time after another. */
export function addElapsed(point: TimePoint, minutes: number): TimePoint {
  return timePointAt(point.at + minutes * MS_PER_MINUTE);
}
