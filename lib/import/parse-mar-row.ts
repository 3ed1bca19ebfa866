/**
 * One row of the MAR event form (spec §3.2) → a `MarEvent` plus the encounter-level facts of the
 * row, or the row's errors. Pairing into administrations happens per encounter in `pairMarEvents`.
 */
import type { ColumnMap } from "./map-columns";
import type { MarActionKind } from "./normalize-mar-action";
import { normalizeCategory } from "./normalize-category";
import { normalizeRoute } from "./normalize-route";
import { parseBoolean } from "./parse-boolean";
import type { MarEvent } from "./pair-mar-events";
import type { ParsedSessionRow, SessionRowContext } from "./parse-interval-row";
import { ambiguousTimeWarning } from "./parse-interval-row";
import { cellOf, parseSessionRowMeta } from "./parse-session-row-meta";
import { parseSessionTime } from "./parse-session-time";
import type { RowError } from "./row-error";

/**
 * @example parseMarRow(["E1", "P1", "O1", "NS", "IV", "New Bag", "2025-03-04 09:00"], 2, columns, ctx, normalizeMarAction)
 * //=> { ok: true, item: { id: "L2", orderKey: "O1", kind: "start", … }, … }
 */
export function parseMarRow(
  cells: readonly string[],
  line: number,
  columns: ColumnMap,
  ctx: SessionRowContext,
  normalizeAction: (raw: string) => MarActionKind | undefined,
): ParsedSessionRow<MarEvent> {
  const errors: RowError[] = [];
  const { meta, serviceDate } = parseSessionRowMeta(cells, line, columns, ctx.dateOrder, errors, ctx.intern);
  const intern = ctx.intern ?? ((v: string) => v);
  const id = `${ctx.idPrefix}L${line}`;

  const action = cellOf(cells, columns, "action");
  const kind = action ? normalizeAction(action) : undefined;
  if (!action) errors.push({ line, column: "action", code: "MISSING_VALUE", message: "action is empty" });
  else if (!kind) {
    errors.push({ line, column: "action", code: "BAD_ACTION", message: `action: unknown MAR action ${JSON.stringify(action)} (add it with --mar-action kind=Spelling)`, raw: action });
  }

  const drug = cellOf(cells, columns, "drug");
  const hcpcs = cellOf(cells, columns, "hcpcs").toUpperCase();
  const routeRaw = cellOf(cells, columns, "route");
  const route = routeRaw ? normalizeRoute(routeRaw) : undefined;
  if (routeRaw && !route) errors.push({ line, column: "route", code: "BAD_ROUTE", message: `route: unknown route ${JSON.stringify(routeRaw)}`, raw: routeRaw });
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

  const orderId = cellOf(cells, columns, "order_id");
  const orderKey = intern(orderId ? `O\u0000${orderId}` : `D\u0000${drug.toLowerCase()}\u0000${hcpcs}`);
  if (!orderId && !drug) errors.push({ line, column: "drug", code: "MISSING_VALUE", message: "no order id and no drug: the event cannot be paired" });

  const timeRaw = cellOf(cells, columns, "time");
  const time = timeRaw ? parseSessionTime(timeRaw, "time", line, ctx, serviceDate) : undefined;
  if (!timeRaw) errors.push({ line, column: "time", code: "MISSING_VALUE", message: "time is empty" });
  else if (time && !time.ok) errors.push(time.error);

  if (errors.length > 0 || !time?.ok || !kind) return { ok: false, errors };

  const event: MarEvent = { line, id, orderKey, kind, action, time: time.point };
  if (drug) event.drug = intern(drug);
  if (hcpcs) event.hcpcs = intern(hcpcs);
  if (category) event.category = category;
  if (route) event.route = route;
  const ivSite = cellOf(cells, columns, "iv_site");
  if (ivSite) event.ivSite = intern(ivSite);
  if (primaryReason) event.primaryReason = true;
  if (meta.nurse) event.nurse = meta.nurse;
  if (orderId) event.orderId = intern(orderId);

  const warnings = time.ambiguous ? [ambiguousTimeWarning(id, "time", time.point.local, ctx.timeZone)] : [];
  return { ok: true, meta, item: event, start: { at: time.point.at, date: time.point.local.slice(0, 10) }, warnings };
}
