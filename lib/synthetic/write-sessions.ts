/**
 * Session exports: the interval CSV (spec §3.1, one row per administration) and the MAR event CSV
 * (spec §3.2, one row per MAR action) for the encounters exported that way.
 */
import type { TimePoint } from "@/lib/coding/types";
import { csvRow } from "./file-sink";
import { timePointAt } from "./local-time";
import type { Practice } from "./practice";
import type { SyntheticEncounter } from "./types";

export const INTERVAL_HEADER = ["encounter_id", "patient_id", "date_of_service", "site", "nurse", "payer", "setting", "drug", "hcpcs", "category", "route", "start", "stop", "iv_site", "primary_reason", "service"];

export const MAR_HEADER = ["encounter_id", "patient_id", "date_of_service", "site", "nurse", "payer", "setting", "order_id", "drug", "hcpcs", "category", "route", "action", "time", "iv_site", "primary_reason"];

/** `YYYY-MM-DD HH:mm` (the wall clock; no offset, spec §3). */
function wall(point: TimePoint): string {
  return point.local.replace("T", " ");
}

/** Interval rows of one encounter. */
export function intervalRows(e: SyntheticEncounter, practice: Practice, setting: string): string {
  let out = "";
  const payer = practice.payers[e.payerIndex]!.name;
  for (const r of e.rows) {
    out += csvRow([
      e.id, e.patient.id, e.dateOfService, e.site.name, e.nurse, payer, setting,
      r.drug.name, r.drug.hcpcs, r.showCategory ? r.drug.category : "", r.routeText,
      wall(r.start), r.stop ? wall(r.stop) : "", r.ivSite ?? "", r.primaryReason ? "y" : "", r.service ?? "",
    ]);
  }
  return out;
}

/** MAR event rows of one encounter, in time order. */
export function marRows(e: SyntheticEncounter, practice: Practice, setting: string): string {
  const payer = practice.payers[e.payerIndex]!.name;
  type Event = { at: number; local: string; rank: number; row: (typeof e.rows)[number]; action: string };
  const events: Event[] = [];
  const segmentsByOrder = new Map<number, number[]>();
  e.rows.forEach((r, i) => segmentsByOrder.set(r.order, [...(segmentsByOrder.get(r.order) ?? []), i]));
  e.rows.forEach((r, i) => {
    const add = (point: TimePoint, action: string, rank: number) => events.push({ at: point.at, local: point.local, rank, row: r, action });
    if (r.route === "iv_push") return add(r.start, "Push", 1);
    if (r.route === "injection") return add(r.start, "Given", 1);
    const segments = segmentsByOrder.get(r.order)!;
    const position = segments.indexOf(i);
    add(r.start, position === 0 ? "New Bag" : "Restarted", 2);
    const minutes = r.stop ? (r.stop.at - r.start.at) / 60_000 : Infinity;
    for (const change of r.rateChanges) {
      if (change < minutes) add(timePointAt(r.start.at + change * 60_000), "Rate Change", 2);
    }
    if (r.stop) add(r.stop, position === segments.length - 1 ? "Completed" : "Paused", 0);
  });
  events.sort((a, b) => a.at - b.at || a.rank - b.rank);
  let out = "";
  for (const ev of events) {
    const r = ev.row;
    out += csvRow([
      e.id, e.patient.id, e.dateOfService, e.site.name, e.nurse, payer, setting, `${e.id}-O${r.order}`,
      r.drug.name, r.drug.hcpcs, r.showCategory ? r.drug.category : "", r.routeText, ev.action,
      ev.local.replace("T", " "), r.ivSite ?? "", r.primaryReason ? "y" : "",
    ]);
  }
  return out;
}
