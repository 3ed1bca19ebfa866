/**
 * MAR event form (spec §3.2): one row per MAR action → events → administrations.
 *
 * Events are paired per order (`order_id`, else drug + HCPCS) in time order:
 * - New Bag / Given / Started begin an interval, and end a running one ("next bag");
 * - Restarted begins an interval after a pause (no effect while one is running);
 * - Rate Change continues the running interval (and begins one if nothing is running: the drug is
 *   evidently flowing);
 * - Paused / Stopped / Completed end the running interval, so paused time is not infusion time;
 * - Push / Bolus (and Given for a push or SC/IM route) are instantaneous: start = stop;
 * - an interval still open after the last event is an administration with no stop (MISSING_STOP).
 * Each interval is its own administration (`L<line of the event that began it>`); the engine adds
 * same-drug segments together (rule book §3.1, §3.4).
 */
import type { Administration, Category, CodingWarning, Route, TimePoint } from "../coding/types";
import type { MarActionKind } from "./normalize-mar-action";
import type { RowError } from "./row-error";

export type MarEvent = {
  line: number;
  /** Administration id this event would give (`L<line>`, with the file prefix). */
  id: string;
  orderKey: string;
  kind: MarActionKind;
  /** The action as written, for messages. */
  action: string;
  time: TimePoint;
  drug?: string;
  hcpcs?: string;
  category?: Category;
  route?: Route;
  ivSite?: string;
  primaryReason?: boolean;
  nurse?: string;
  orderId?: string;
};

export type PairMarEventsResult = { administrations: Administration[]; errors: RowError[]; warnings: CodingWarning[] };

type OpenInterval = { first: MarEvent };

/**
 * Pairs the MAR events of one encounter into administrations, ordered by start time.
 * @example
 * pairMarEvents([
 *   { line: 2, id: "L2", orderKey: "O1", kind: "start", action: "New Bag", time: t0, drug: "NS", route: "iv_infusion" },
 *   { line: 3, id: "L3", orderKey: "O1", kind: "end", action: "Completed", time: t1 },
 * ]).administrations //=> [{ id: "L2", drug: "NS", route: "iv_infusion", start: t0, stop: t1 }]
 */
export function pairMarEvents(events: readonly MarEvent[]): PairMarEventsResult {
  const byOrder = new Map<string, MarEvent[]>();
  for (const event of events) {
    const list = byOrder.get(event.orderKey);
    if (list) list.push(event);
    else byOrder.set(event.orderKey, [event]);
  }

  const administrations: Administration[] = [];
  const errors: RowError[] = [];
  const warnings: CodingWarning[] = [];

  for (const list of byOrder.values()) {
    list.sort((a, b) => a.time.at - b.time.at || a.line - b.line);
    // Order-level facts documented on any event fill gaps on the others (Stopped rows often omit them).
    const fallback = {
      drug: list.find((e) => e.drug)?.drug,
      hcpcs: list.find((e) => e.hcpcs)?.hcpcs,
      category: list.find((e) => e.category)?.category,
      route: list.find((e) => e.route)?.route,
      ivSite: list.find((e) => e.ivSite)?.ivSite,
      primaryReason: list.some((e) => e.primaryReason),
      nurse: list.find((e) => e.nurse)?.nurse,
    };

    const emit = (first: MarEvent, stop: TimePoint | undefined, push: boolean): void => {
      const drug = first.drug ?? fallback.drug;
      if (!drug) {
        errors.push({ line: first.line, column: "drug", code: "MISSING_VALUE", message: "drug is empty on this order's events" });
        return;
      }
      let route = first.route ?? fallback.route;
      if (push) route = route === "injection" ? "injection" : "iv_push";
      else if (!route) route = "iv_infusion";
      const administration: Administration = { id: first.id, drug, route, start: first.time };
      const hcpcs = first.hcpcs ?? fallback.hcpcs;
      if (hcpcs) administration.hcpcs = hcpcs;
      const category = first.category ?? fallback.category;
      if (category) administration.category = category;
      if (stop) administration.stop = stop;
      const ivSite = first.ivSite ?? fallback.ivSite;
      if (ivSite) administration.ivSite = ivSite;
      if (fallback.primaryReason) administration.primaryReason = true;
      const nurse = first.nurse ?? fallback.nurse;
      if (nurse) administration.nurse = nurse;
      if (first.orderId) administration.orderId = first.orderId;
      administrations.push(administration);
    };

    let open: OpenInterval | undefined;
    for (const event of list) {
      const route = event.route ?? fallback.route;
      const instantaneous = event.kind === "push" || (event.kind === "start" && (route === "iv_push" || route === "injection"));
      if (instantaneous) {
        emit(event, event.time, true);
        continue;
      }
      switch (event.kind) {
        case "start":
          if (open) emit(open.first, event.time, false);
          open = { first: event };
          break;
        case "restart":
          if (!open) open = { first: event };
          break;
        case "continue":
          if (!open) {
            open = { first: event };
            warnings.push({
              code: "MAR_RATE_CHANGE_WITHOUT_START",
              administrationId: event.id,
              message: `${event.action} at ${event.time.local.replace("T", " ")} with no running bag: treated as the start of an interval`,
            });
          }
          break;
        case "end":
          if (open) {
            emit(open.first, event.time, false);
            open = undefined;
          } else {
            errors.push({
              line: event.line,
              column: "action",
              code: "END_WITHOUT_START",
              message: `${event.action} at ${event.time.local.replace("T", " ")} with no running interval for this order`,
              raw: event.action,
            });
          }
          break;
        case "ignore":
        case "push":
          break;
      }
    }
    if (open) emit(open.first, undefined, false);
  }

  administrations.sort((a, b) => a.start.at - b.start.at);
  return { administrations, errors, warnings };
}
