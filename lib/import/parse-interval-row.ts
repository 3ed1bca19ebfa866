/**
 * One row of the interval form (spec §3.1) → an engine `Administration` plus the encounter-level
 * facts of the row, or the row's errors (every bad cell is reported, not only the first).
 */
import type { Administration, CodingWarning } from "../coding/types";
import type { ColumnMap } from "./map-columns";
import { normalizeCategory } from "./normalize-category";
import { normalizeRoute } from "./normalize-route";
import { normalizeSpecialService } from "./normalize-special-service";
import { parseBoolean } from "./parse-boolean";
import type { DateOrder } from "./parse-local-date-time";
import { cellOf, parseSessionRowMeta } from "./parse-session-row-meta";
import { nextLocalDate, parseServiceDate, parseSessionTime, type ParseSessionTimeResult } from "./parse-session-time";
import type { RowError } from "./row-error";
import type { SessionRowMeta } from "./session-types";

export type SessionRowContext = {
  timeZone: string;
  dateOrder: DateOrder;
  /** Prefix for administration ids (`L<line>`), e.g. `F2-` for the second file of a batch. */
  idPrefix: string;
  /**
   * `engine` (default): keep a stop earlier than the start and let the engine warn `STOP_BEFORE_START`;
   * `error`: reject the row with a `STOP_BEFORE_START` row error.
   */
  stopBeforeStart: "engine" | "error";
  /** Copies kept values out of the parsed chunk (see `createStringInterner`); identity by default. */
  intern?: (value: string) => string;
};

const NO_WARNINGS: readonly CodingWarning[] = Object.freeze([]);

export type ParsedSessionRow<T> =
  | { ok: true; meta: SessionRowMeta; item: T; start: { at: number; date: string }; warnings: readonly CodingWarning[] }
  | { ok: false; errors: RowError[] };

const MAX_MIDNIGHT_ROLL_MS = 12 * 3_600_000;

/** Warning for a fall-back local time that exists twice. */
export function ambiguousTimeWarning(administrationId: string, column: string, local: string, timeZone: string): CodingWarning {
  return {
    code: "AMBIGUOUS_LOCAL_TIME",
    administrationId,
    message: `${column} ${local.replace("T", " ")} occurs twice in ${timeZone} (clocks fell back); the earlier instant was used`,
  };
}

/**
 * @example parseIntervalRow(["E1", "P1", "Oxaliplatin", "IV", "2025-03-04 09:05", "2025-03-04 11:05"], 2, columns, ctx)
 * //=> { ok: true, item: { id: "L2", drug: "Oxaliplatin", route: "iv_infusion", start: {…}, stop: {…} }, … }
 */
export function parseIntervalRow(
  cells: readonly string[],
  line: number,
  columns: ColumnMap,
  ctx: SessionRowContext,
): ParsedSessionRow<Administration> {
  const errors: RowError[] = [];
  const { meta, serviceDate } = parseSessionRowMeta(cells, line, columns, ctx.dateOrder, errors, ctx.intern);
  const id = `${ctx.idPrefix}L${line}`;
  const intern = ctx.intern ?? ((v: string) => v);

  const serviceRaw = cellOf(cells, columns, "service");
  const service = serviceRaw ? normalizeSpecialService(serviceRaw) : undefined;
  if (serviceRaw && !service) {
    errors.push({ line, column: "service", code: "BAD_SERVICE", message: `service: unknown special service ${JSON.stringify(serviceRaw)}`, raw: serviceRaw });
  }

  const drug = cellOf(cells, columns, "drug");
  if (!drug && !service) errors.push({ line, column: "drug", code: "MISSING_VALUE", message: "drug is empty" });

  const routeRaw = cellOf(cells, columns, "route");
  let route = routeRaw ? normalizeRoute(routeRaw) : undefined;
  if (!routeRaw) {
    if (service) route = "other";
    else errors.push({ line, column: "route", code: "MISSING_VALUE", message: "route is empty" });
  } else if (!route) {
    errors.push({ line, column: "route", code: "BAD_ROUTE", message: `route: unknown route ${JSON.stringify(routeRaw)}`, raw: routeRaw });
  }

  const categoryRaw = cellOf(cells, columns, "category");
  const category = categoryRaw ? normalizeCategory(categoryRaw) : undefined;
  if (categoryRaw && !category) {
    errors.push({ line, column: "category", code: "BAD_CATEGORY", message: `category: ${JSON.stringify(categoryRaw)} is not chemo, therapeutic or hydration`, raw: categoryRaw });
  }

  const primaryRaw = cellOf(cells, columns, "primary_reason");
  const primaryReason = primaryRaw ? parseBoolean(primaryRaw) : undefined;
  if (primaryRaw && primaryReason === undefined) {
    errors.push({ line, column: "primary_reason", code: "BAD_BOOLEAN", message: `primary_reason: ${JSON.stringify(primaryRaw)} is not yes/no`, raw: primaryRaw });
  }

  // Separate date columns: a start/stop that is a time alone takes its date from start_date/stop_date,
  // else from date_of_service.
  let startBase = serviceDate;
  const startDateRaw = cellOf(cells, columns, "start_date");
  if (startDateRaw) {
    const parsed = parseServiceDate(startDateRaw, ctx.dateOrder);
    if (parsed.ok) startBase = parsed.date;
    else errors.push({ line, column: "start_date", code: "BAD_DATE", message: `start_date: ${parsed.message}`, raw: startDateRaw });
  }
  let stopBase = startBase;
  let explicitStopDate = false;
  const stopDateRaw = cellOf(cells, columns, "stop_date");
  if (stopDateRaw) {
    const parsed = parseServiceDate(stopDateRaw, ctx.dateOrder);
    if (parsed.ok) {
      stopBase = parsed.date;
      explicitStopDate = true;
    } else errors.push({ line, column: "stop_date", code: "BAD_DATE", message: `stop_date: ${parsed.message}`, raw: stopDateRaw });
  }

  const startRaw = cellOf(cells, columns, "start");
  let start: ParseSessionTimeResult | undefined;
  if (!startRaw) errors.push({ line, column: "start", code: "MISSING_VALUE", message: "start is empty" });
  else {
    start = parseSessionTime(startRaw, "start", line, ctx, startBase);
    if (!start.ok) errors.push(start.error);
  }

  const stopRaw = cellOf(cells, columns, "stop");
  let stop: ParseSessionTimeResult | undefined;
  if (stopRaw) {
    const base = explicitStopDate ? stopBase : start?.ok ? start.date : startBase;
    stop = parseSessionTime(stopRaw, "stop", line, ctx, base);
    if (!stop.ok) errors.push(stop.error);
    else if (start?.ok && !stop.hasDate && !explicitStopDate && stop.point.at < start.point.at) {
      // A time-only stop earlier than the start crossed midnight (23:00 → 02:00), within reason.
      const rolled = parseSessionTime(stopRaw, "stop", line, ctx, nextLocalDate(stop.date));
      if (rolled.ok && rolled.point.at - start.point.at <= MAX_MIDNIGHT_ROLL_MS) stop = rolled;
    }
  }

  if (start?.ok && stop?.ok && stop.point.at < start.point.at && ctx.stopBeforeStart === "error") {
    errors.push({
      line,
      column: "stop",
      code: "STOP_BEFORE_START",
      message: `stop ${stop.point.local.replace("T", " ")} is before start ${start.point.local.replace("T", " ")}`,
      raw: stopRaw,
    });
  }

  if (errors.length > 0 || !start?.ok || !route) return { ok: false, errors };

  const administration: Administration = { id, drug: intern(drug) || (service ?? ""), route, start: start.point };
  const hcpcs = cellOf(cells, columns, "hcpcs");
  if (hcpcs) administration.hcpcs = intern(hcpcs.toUpperCase());
  if (category) administration.category = category;
  if (stop?.ok) administration.stop = stop.point;
  const ivSite = cellOf(cells, columns, "iv_site");
  if (ivSite) administration.ivSite = intern(ivSite);
  if (primaryReason) administration.primaryReason = true;
  if (service) administration.service = service;
  if (meta.nurse) administration.nurse = meta.nurse;

  let warnings = NO_WARNINGS;
  if (start.ambiguous || (stop?.ok && stop.ambiguous)) {
    const list: CodingWarning[] = [];
    if (start.ambiguous) list.push(ambiguousTimeWarning(id, "start", start.point.local, ctx.timeZone));
    if (stop?.ok && stop.ambiguous) list.push(ambiguousTimeWarning(id, "stop", stop.point.local, ctx.timeZone));
    warnings = list;
  }

  return { ok: true, meta, item: administration, start: { at: start.point.at, date: start.point.local.slice(0, 10) }, warnings };
}
