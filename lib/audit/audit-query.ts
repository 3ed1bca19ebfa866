/**
 * The Audit screen's filters as they travel in the URL (user, action, date from/to in the
 * practice's time zone, page), their conversion to a database filter, and the CSV rows of the
 * export. Pure.
 */
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";
import type { TAuditEventFilter, TAuditEventRow } from "@/lib/db/audit-events";
import { offsetMinutesAt, toTimePoint } from "@/lib/import/to-time-point";

export type TAuditQuery = {
  userId?: string;
  action?: string;
  /** YYYY-MM-DD, first day shown (practice time zone). */
  from?: string;
  /** YYYY-MM-DD, last day shown (practice time zone). */
  to?: string;
  page: number;
};

type TSearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

function readParam(params: TSearchParams, name: string): string | undefined {
  const value = params instanceof URLSearchParams ? params.get(name) : params[name];
  const text = Array.isArray(value) ? value[0] : value;

  return text?.trim() || undefined;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);

  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The filters from the URL; anything malformed is dropped rather than refused (a hand-edited URL
 * shows more, never an error).
 * @example parseAuditQuery(new URLSearchParams("action=auth.signed_in&from=2026-12-01&page=2"))
 * //=> { action: "auth.signed_in", from: "2026-12-01", page: 2 }
 */
export function parseAuditQuery(params: TSearchParams): TAuditQuery {
  const userId = readParam(params, "user");
  const action = readParam(params, "action");
  const from = readParam(params, "from");
  const to = readParam(params, "to");
  const page = Number(readParam(params, "page") ?? "1");

  return {
    ...(userId && /^[A-Za-z0-9_-]{1,64}$/.test(userId) ? { userId } : {}),
    ...(action && /^[a-z][a-z_.]{0,79}$/.test(action) ? { action } : {}),
    ...(from && isCalendarDate(from) ? { from } : {}),
    ...(to && isCalendarDate(to) ? { to } : {}),
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
  };
}

/** The URL query of the filters (without the page unless asked), e.g. "?action=auth.signed_in&page=2". */
export function auditQueryString(query: Partial<TAuditQuery>, options: { withPage?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (query.userId) params.set("user", query.userId);
  if (query.action) params.set("action", query.action);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (options.withPage && query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();

  return text ? `?${text}` : "";
}

/** The instant a calendar day starts in the time zone (the first instant that exists that day). */
export function startOfDayIn(date: string, timeZone: string): Date {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const point = toTimePoint({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
  if (point.ok) return new Date(point.point.at);
  // Midnight fell into a daylight-saving gap: the day starts when the clocks jump, which is
  // midnight read with the offset in force before the jump.
  const wall = Date.UTC(year, month - 1, day);

  return new Date(wall - offsetMinutesAt(timeZone, wall - 86_400_000) * 60_000);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The database filter for the practice: `to` includes its whole day. */
export function toAuditFilter(query: TAuditQuery, organizationId: string, timeZone: string): TAuditEventFilter {
  return {
    organizationId,
    userId: query.userId,
    action: query.action,
    from: query.from ? startOfDayIn(query.from, timeZone) : undefined,
    to: query.to ? startOfDayIn(nextDay(query.to), timeZone) : undefined,
  };
}

/**
 * An event's time in the practice's time zone, to the second, with the zone's abbreviation.
 * @example formatAuditTime(new Date("2026-12-04T19:05:09Z"), "America/New_York") //=> "2026-12-04 14:05:09 EST"
 */
export function formatAuditTime(at: Date, timeZone: string): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", timeZoneName: "short" }).formatToParts(at);
  } catch {
    return `${at.toISOString().slice(0, 19).replace("T", " ")} UTC`;
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";

  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}:${part("second")} ${part("timeZoneName")}`;
}

/** "encounter 42", "user u_1", "ImportBatch 7"; empty without a subject. */
export function describeAuditSubject(row: Pick<TAuditEventRow, "subjectType" | "subjectId">): string {
  return [row.subjectType, row.subjectId].filter(Boolean).join(" ");
}

export const AUDIT_CSV_HEADER = ["time", "time_utc", "user", "address", "action", "practice_id", "subject_type", "subject_id", "detail"] as const;

/** One CSV line (no line break) of an event; every cell is neutralized against formula injection. */
export function toAuditCsvLine(row: TAuditEventRow, timeZone: string): string {
  return [
    formatAuditTime(row.createdAt, timeZone),
    row.createdAt.toISOString(),
    row.actorEmail ?? "",
    row.address ?? "",
    row.action,
    row.organizationId ?? "",
    row.subjectType ?? "",
    row.subjectId ?? "",
    row.detail === null || row.detail === undefined ? "" : typeof row.detail === "string" ? row.detail : JSON.stringify(row.detail),
  ]
    .map(neutralizeCsvCell)
    .join(",");
}
