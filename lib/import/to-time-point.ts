/**
 * Wall-clock parts + IANA time zone → the engine's `TimePoint` (`at` UTC epoch ms, `local`
 * `YYYY-MM-DDTHH:mm`). DST-safe: a local time that does not exist (spring-forward gap) is an error;
 * one that exists twice (fall-back overlap) resolves to the earlier instant and is flagged.
 */
import { tzOffset } from "@date-fns/tz";
import type { TimePoint } from "../coding/types";
import type { LocalDateTimeParts } from "./parse-local-date-time";

export type ToTimePointResult =
  | { ok: true; point: TimePoint; ambiguous: boolean }
  | { ok: false; code: "NONEXISTENT_LOCAL_TIME"; message: string };

const BUCKET_MS = 15 * 60_000;
const offsetCaches = new Map<string, Map<number, number>>();

/**
 * UTC offset in minutes of `timeZone` at instant `at`, cached per 15-minute bucket (every modern
 * zone changes offset on a quarter hour).
 */
export function offsetMinutesAt(timeZone: string, at: number): number {
  let cache = offsetCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    offsetCaches.set(timeZone, cache);
  }
  const bucket = Math.floor(at / BUCKET_MS);
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(bucket * BUCKET_MS));
    cache.set(bucket, offset);
  }
  return offset;
}

/**
 * True when the runtime knows the IANA time zone name.
 * @example isValidTimeZone("America/New_York") //=> true
 * @example isValidTimeZone("Mars/Olympus") //=> false
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// One shared, flat `YYYY-MM-DDTHH:mm` string per wall-clock minute: a million administrations
// carry two of them each, and most fall on far fewer distinct minutes.
const localByWallMinute = new Map<number, string>();
const MAX_LOCAL_STRINGS = 1 << 20;

/** `YYYY-MM-DDTHH:mm` for a wall-clock time given as UTC-based epoch ms of its fields. */
function wallMinuteString(wall: number): string {
  const key = Math.floor(wall / 60_000);
  let text = localByWallMinute.get(key);
  if (text === undefined) {
    const d = new Date(key * 60_000);
    text = [d.getUTCFullYear(), "-", pad2(d.getUTCMonth() + 1), "-", pad2(d.getUTCDate()), "T", pad2(d.getUTCHours()), ":", pad2(d.getUTCMinutes())].join("");
    if (localByWallMinute.size >= MAX_LOCAL_STRINGS) localByWallMinute.clear();
    localByWallMinute.set(key, text);
  }
  return text;
}

/** Formats an instant as the wall-clock `YYYY-MM-DDTHH:mm` of the zone. */
export function formatLocalMinute(at: number, timeZone: string): string {
  return wallMinuteString(at + offsetMinutesAt(timeZone, at) * 60_000);
}

/**
 * Resolves wall-clock parts in `timeZone` to a `TimePoint`.
 * @example toTimePoint({ year: 2025, month: 3, day: 4, hour: 9, minute: 5, second: 0, millisecond: 0 }, "America/New_York")
 * //=> { ok: true, ambiguous: false, point: { at: 1741097100000, local: "2025-03-04T09:05" } }
 */
export function toTimePoint(parts: LocalDateTimeParts, timeZone: string): ToTimePointResult {
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second, parts.millisecond);
  if (parts.offsetMinutes !== undefined) {
    const at = wall - parts.offsetMinutes * 60_000;
    return { ok: true, ambiguous: false, point: { at, local: formatLocalMinute(at, timeZone) } };
  }
  const local = wallMinuteString(wall);
  // The offset in force can only be one of those a day either side (zones change at most once a day).
  const before = offsetMinutesAt(timeZone, wall - 86_400_000);
  const after = offsetMinutesAt(timeZone, wall + 86_400_000);
  let earliest: number | undefined;
  let valid = 0;
  for (const offset of before === after ? [before] : [before, after]) {
    const at = wall - offset * 60_000;
    if (offsetMinutesAt(timeZone, at) !== offset) continue;
    valid++;
    if (earliest === undefined || at < earliest) earliest = at;
  }
  if (earliest === undefined) {
    return {
      ok: false,
      code: "NONEXISTENT_LOCAL_TIME",
      message: `${local.replace("T", " ")} does not exist in ${timeZone} (clocks sprang forward)`,
    };
  }
  return { ok: true, ambiguous: valid > 1, point: { at: earliest, local } };
}
