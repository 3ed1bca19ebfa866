/**
 * Calendar arithmetic on `YYYY-MM-DD` date-of-service strings. Dates of service are already local
 * to the practice (the importer converts instants in the organization's time zone), so weeks are
 * pure calendar math: no time zone, no clock.
 */

const MS_PER_DAY = 86_400_000;

/** 0 = Sunday … 6 = Saturday (date-fns convention). Monday (1) is the product default (spec §5.4). */
export type WeekStartsOn = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a `YYYY-MM-DD` string; throws on anything else. */
export function toDayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [, year, month, day] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day));
  const roundTrip = new Date(ms).toISOString().slice(0, 10);
  if (roundTrip !== date) throw new RangeError(`Not a calendar date: ${date}`);
  return ms / MS_PER_DAY;
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * The first day of the week holding `date`.
 *
 * @example
 * weekStartOf("2025-03-06", 1) //=> "2025-03-03" (a Thursday belongs to the week of Monday Mar 3)
 */
export function weekStartOf(date: string, weekStartsOn: WeekStartsOn = 1): string {
  const day = toDayNumber(date);
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday (4)
  const back = (weekday - weekStartsOn + 7) % 7;
  return fromDayNumber(day - back);
}

/**
 * Weeks from the week holding `first` to the week holding `last`, inclusive (spec §5.4).
 *
 * @example
 * weeksBetween("2025-03-03", "2025-03-09") //=> 1
 * weeksBetween("2025-03-09", "2025-03-10") //=> 2 (Sunday, then Monday of the next week)
 */
export function weeksBetween(first: string, last: string, weekStartsOn: WeekStartsOn = 1): number {
  const a = toDayNumber(weekStartOf(first, weekStartsOn));
  const b = toDayNumber(weekStartOf(last, weekStartsOn));
  if (b < a) throw new RangeError(`Window ends (${last}) before it starts (${first})`);
  return (b - a) / 7 + 1;
}

/** Every week start from the week of `first` to the week of `last`, so empty weeks chart as zero. */
export function listWeekStarts(first: string, last: string, weekStartsOn: WeekStartsOn = 1): string[] {
  const count = weeksBetween(first, last, weekStartsOn);
  const start = toDayNumber(weekStartOf(first, weekStartsOn));
  return Array.from({ length: count }, (_, index) => fromDayNumber(start + index * 7));
}

/** Days in an inclusive date range, for a user-chosen filter window (spec §5.4: filter days ÷ 7). */
export function daysInclusive(from: string, to: string): number {
  const days = toDayNumber(to) - toDayNumber(from) + 1;
  if (days < 1) throw new RangeError(`Date range ends (${to}) before it starts (${from})`);
  return days;
}
