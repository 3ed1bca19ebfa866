/**
 * Route spellings seen in EHR/MAR exports → the engine's `Route`.
 */
import type { Route } from "../coding/types";

const ROUTE_BY_KEY: Record<string, Route> = {};
const add = (route: Route, spellings: string[]): void => {
  for (const s of spellings) ROUTE_BY_KEY[routeKey(s)] = route;
};

function routeKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

add("iv_infusion", [
  "iv_infusion", "IV", "Intravenous", "IV Infusion", "Intravenous Infusion", "IVPB", "IV Piggyback",
  "Piggyback", "IV Drip", "IV Continuous", "Continuous IV", "Continuous Infusion", "Infusion",
  "IV Intermittent", "Intermittent Infusion", "IVF", "IV Fluid", "IV Fluids", "IV Bag", "IV Secondary",
  "IV Primary", "Intravenous Piggyback", "IVINF", "Central Line", "Peripheral IV", "PIV",
]);
add("iv_push", [
  "iv_push", "IV Push", "IVP", "Intravenous Push", "IV Bolus", "Bolus", "Push", "IV Slow Push",
  "Slow IV Push", "IV Injection", "Intravenous Injection", "IVSP",
]);
add("subq_infusion", [
  "subq_infusion", "SubQ Infusion", "SC Infusion", "SQ Infusion", "Subcutaneous Infusion", "SCIG",
  "Subcut Infusion", "Sub-Q Infusion", "Subcutaneous Pump",
]);
add("injection", [
  "injection", "Subcutaneous", "SubQ", "Sub-Q", "Subcut", "SC", "SQ", "SQ Injection", "SC Injection",
  "SubQ Injection", "Subcutaneous Injection", "IM", "Intramuscular", "IM Injection",
  "Intramuscular Injection", "Inj", "Intradermal", "ID",
]);
add("intra_arterial", ["intra_arterial", "Intra-arterial", "Intraarterial", "IA", "Intra Arterial", "Arterial", "HAI"]);
add("other", [
  "other", "PO", "Oral", "Topical", "Intrathecal", "IT", "Intravesical", "Intrapleural", "Intraperitoneal",
  "IP", "Inhalation", "Nebulized", "SL", "Sublingual", "Rectal", "PR", "Ophthalmic", "Nasal", "Intranasal",
  "Transdermal", "Intralesional", "Intraocular", "Intravitreal",
]);

/**
 * Normalises a route spelling. Returns `undefined` for an empty or unrecognised value. Plain `IV`
 * means an infusion; the engine reclassifies an IV administration of 15 minutes or less as a push.
 * @example normalizeRoute("IVPB") //=> "iv_infusion"
 * @example normalizeRoute("SubQ") //=> "injection"
 */
export function normalizeRoute(raw: string): Route | undefined {
  const key = routeKey(raw);
  if (key === "") return undefined;
  return ROUTE_BY_KEY[key];
}
