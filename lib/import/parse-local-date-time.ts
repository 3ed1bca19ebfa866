/**
 * Parses the date-time spellings found in EHR exports into wall-clock parts (no time zone applied;
 * see `toTimePoint`). Accepted:
 * - ISO-like: `2025-03-04T09:05`, `2025-03-04 09:05`, `2025/03/04 09:05:30`, optional `Z` / `+02:00`
 * - slashed: `03/04/2025 9:05 AM`, `3/4/2025 9:05 AM`, `3/4/25 21:05`, `04.03.2025 09:05` (order per file)
 * - month names: `4-Mar-2025 09:05`, `04 Mar 2025 9:05 PM`, `Mar 4, 2025 9:05 AM`
 * - compact: `20250304 0905`, `202503040905`
 * - a time alone (`9:05`, `09:05:30`, `9:05 PM`, `0905`) when a base date is given (separate date column)
 */

export type DateOrder = "MDY" | "DMY";

export type LocalDateTimeParts = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC when the text carried an offset (`Z`, `+02:00`); otherwise undefined. */
  offsetMinutes?: number;
};

export type LocalDate = { year: number; month: number; day: number };

export type ParseLocalDateTimeResult =
  | { ok: true; parts: LocalDateTimeParts; hasDate: boolean }
  | { ok: false; code: "BAD_DATE" | "BAD_TIME" | "MISSING_TIME"; message: string };

export type ParseLocalDateTimeOptions = {
  /** Order of slashed dates such as `03/04/2025` (default `MDY`). */
  dateOrder?: DateOrder;
  /** Date used when the text is a time alone (the row's date of service). */
  baseDate?: LocalDate;
  /** Accept a date without a time (midnight). Default false: `MISSING_TIME`. */
  allowDateOnly?: boolean;
};

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

const ISO_DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?=$|[T\s,])/i;
const SLASH_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?=$|[T\s,])/i;
const DAY_MONTH_NAME = /^(\d{1,2})[\s-]([a-z]{3,9})\.?[\s-],?\s*(\d{4}|\d{2})(?=$|[T\s,])/i;
const MONTH_NAME_DAY = /^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?=$|[T\s,])/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2})(\d{2})(\d{2})?)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([ap])\.?\s*m?\.?)?\s*(z|[+-]\d{2}:?\d{2})?$/i;
const MILITARY = /^(\d{2})(\d{2})(\d{2})?$/;
const HOUR_ONLY = /^(\d{1,2})\s*([ap])\.?\s*m\.?$/i;

function twoDigitYear(year: string): number {
  const n = Number(year);
  if (year.length === 4) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** True when year/month/day is a real calendar date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) return false;
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return Number.isInteger(day) && day >= 1 && day <= days;
}

type TimeParts = { hour: number; minute: number; second: number; millisecond: number; offsetMinutes?: number };

function parseOffset(text: string | undefined): number | undefined {
  if (!text) return undefined;
  if (text.toLowerCase() === "z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function parseTimeText(text: string): TimeParts | undefined {
  let m = CLOCK.exec(text);
  if (m) {
    let hour = Number(m[1]);
    const minute = Number(m[2]);
    const second = m[3] ? Number(m[3]) : 0;
    const millisecond = m[4] ? Number(m[4].slice(0, 3).padEnd(3, "0")) : 0;
    const meridiem = m[5]?.toLowerCase();
    if (meridiem) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (meridiem === "p" ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    const offsetMinutes = parseOffset(m[6]);
    return offsetMinutes === undefined ? { hour, minute, second, millisecond } : { hour, minute, second, millisecond, offsetMinutes };
  }
  m = MILITARY.exec(text);
  if (m) {
    const hour = Number(m[1]);
    const minute = Number(m[2]);
    const second = m[3] ? Number(m[3]) : 0;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    return { hour, minute, second, millisecond: 0 };
  }
  m = HOUR_ONLY.exec(text);
  if (m) {
    const h = Number(m[1]);
    if (h < 1 || h > 12) return undefined;
    return { hour: (h % 12) + (m[2]!.toLowerCase() === "p" ? 12 : 0), minute: 0, second: 0, millisecond: 0 };
  }
  return undefined;
}

function joinParts(date: LocalDate, time: TimeParts): LocalDateTimeParts {
  const parts: LocalDateTimeParts = {
    year: date.year,
    month: date.month,
    day: date.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
    millisecond: time.millisecond,
  };
  if (time.offsetMinutes !== undefined) parts.offsetMinutes = time.offsetMinutes;
  return parts;
}

const MIDNIGHT: TimeParts = { hour: 0, minute: 0, second: 0, millisecond: 0 };

type DateMatch = { date: LocalDate; rest: string } | { error: string } | undefined;

function matchDate(text: string, order: DateOrder): DateMatch {
  let m = ISO_DATE.exec(text);
  if (m) return { date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, rest: text.slice(m[0].length) };
  m = SLASH_DATE.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const year = twoDigitYear(m[4]!);
    const date = order === "DMY" ? { year, month: b, day: a } : { year, month: a, day: b };
    return { date, rest: text.slice(m[0].length) };
  }
  m = DAY_MONTH_NAME.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase().slice(0, 3)];
    if (!month) return { error: `unknown month ${JSON.stringify(m[2])}` };
    return { date: { year: twoDigitYear(m[3]!), month, day: Number(m[1]) }, rest: text.slice(m[0].length) };
  }
  m = MONTH_NAME_DAY.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase().slice(0, 3)];
    if (!month) return { error: `unknown month ${JSON.stringify(m[1])}` };
    return { date: { year: Number(m[3]), month, day: Number(m[2]) }, rest: text.slice(m[0].length) };
  }
  return undefined;
}

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * Fast path for the commonest spelling, `YYYY-MM-DD[T ]HH:mm[:ss]` (no regex, no allocation but
 * the result): returns undefined when the text is anything else, and the general parser takes over.
 */
function parseIsoFast(text: string): LocalDateTimeParts | undefined {
  const n = text.length;
  if (n !== 16 && n !== 19) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return undefined;
  const sep = text.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return undefined;
  const d = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15].map((i) => digit(text, i));
  if (d.some((x) => x < 0)) return undefined;
  let second = 0;
  if (n === 19) {
    const s1 = digit(text, 17);
    const s2 = digit(text, 18);
    if (text.charCodeAt(16) !== 58 || s1 < 0 || s2 < 0) return undefined;
    second = s1 * 10 + s2;
  }
  const year = d[0]! * 1000 + d[1]! * 100 + d[2]! * 10 + d[3]!;
  const month = d[4]! * 10 + d[5]!;
  const day = d[6]! * 10 + d[7]!;
  const hour = d[8]! * 10 + d[9]!;
  const minute = d[10]! * 10 + d[11]!;
  if (!isValidDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second, millisecond: 0 };
}

/**
 * Parses a date, a date-time, or (with `baseDate`) a time alone into wall-clock parts.
 * @example parseLocalDateTime("3/4/2025 9:05 PM") //=> { ok: true, hasDate: true, parts: { year: 2025, month: 3, day: 4, hour: 21, minute: 5, … } }
 * @example parseLocalDateTime("04/03/2025 09:05", { dateOrder: "DMY" }).parts.month //=> 3
 */
export function parseLocalDateTime(raw: string, options: ParseLocalDateTimeOptions = {}): ParseLocalDateTimeResult {
  const fast = parseIsoFast(raw);
  if (fast) return { ok: true, hasDate: true, parts: fast };
  const text = raw.trim().replace(/\s+/g, " ");
  if (text === "") return { ok: false, code: "BAD_DATE", message: "empty date-time" };
  const order = options.dateOrder ?? "MDY";

  const compact = COMPACT.exec(text);
  if (compact) {
    const date = { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]) };
    if (!isValidDate(date.year, date.month, date.day)) return { ok: false, code: "BAD_DATE", message: `invalid date ${JSON.stringify(raw)}` };
    if (compact[4] === undefined) {
      if (!options.allowDateOnly) return { ok: false, code: "MISSING_TIME", message: `${JSON.stringify(raw)} has a date but no time` };
      return { ok: true, hasDate: true, parts: joinParts(date, MIDNIGHT) };
    }
    const time = parseTimeText(`${compact[4]}${compact[5]}${compact[6] ?? ""}`);
    if (!time) return { ok: false, code: "BAD_TIME", message: `invalid time in ${JSON.stringify(raw)}` };
    return { ok: true, hasDate: true, parts: joinParts(date, time) };
  }

  const matched = matchDate(text, order);
  if (matched && "error" in matched) return { ok: false, code: "BAD_DATE", message: `${matched.error} in ${JSON.stringify(raw)}` };
  if (matched) {
    const { date } = matched;
    if (!isValidDate(date.year, date.month, date.day)) {
      return { ok: false, code: "BAD_DATE", message: `invalid date ${JSON.stringify(raw)}${SLASH_DATE.test(text) ? ` (read as ${order === "MDY" ? "month/day" : "day/month"})` : ""}` };
    }
    const rest = matched.rest.replace(/^[T\s,]+/i, "").trim();
    if (rest === "") {
      if (!options.allowDateOnly) return { ok: false, code: "MISSING_TIME", message: `${JSON.stringify(raw)} has a date but no time` };
      return { ok: true, hasDate: true, parts: joinParts(date, MIDNIGHT) };
    }
    const time = parseTimeText(rest);
    if (!time) return { ok: false, code: "BAD_TIME", message: `invalid time ${JSON.stringify(rest)} in ${JSON.stringify(raw)}` };
    return { ok: true, hasDate: true, parts: joinParts(date, time) };
  }

  const time = parseTimeText(text);
  if (time) {
    if (!options.baseDate) return { ok: false, code: "BAD_DATE", message: `${JSON.stringify(raw)} is a time without a date (no date of service)` };
    return { ok: true, hasDate: false, parts: joinParts(options.baseDate, time) };
  }
  return { ok: false, code: "BAD_DATE", message: `unrecognised date-time ${JSON.stringify(raw)}` };
}

/**
 * Tells the date order of a slashed date when the value alone settles it (a part above 12).
 * @example inferDateOrder("25/03/2025 09:00") //=> "DMY"
 * @example inferDateOrder("03/04/2025") //=> undefined (ambiguous)
 */
export function inferDateOrder(raw: string): DateOrder | undefined {
  const m = SLASH_DATE.exec(raw.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return "DMY";
  if (b > 12 && a <= 12) return "MDY";
  return undefined;
}

/**
 * True when the value is a slashed date whose order cannot be told from the value alone.
 * @example isAmbiguousSlashDate("3/4/2025 9:05") //=> true
 */
export function isAmbiguousSlashDate(raw: string): boolean {
  const m = SLASH_DATE.exec(raw.trim());
  if (!m) return false;
  const a = Number(m[1]);
  const b = Number(m[3]);
  return a <= 12 && b <= 12 && a !== b;
}
