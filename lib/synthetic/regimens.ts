/**
 * The regimen library: what a visit of each kind looks like (drugs, routes, order, durations, the
 * primary reason) as a plan of administrations with offsets from the chair time. Durations carry
 * realistic jitter, so the engine's units vary around the rule book's thresholds.
 */
import type { Category, Route, SpecialService } from "@/lib/coding/types";
import type { Prng } from "./create-prng";

export type Drug = {
  name: string;
  hcpcs: string;
  category: Category;
  /** Milligrams (or mL for fluids) per HCPCS billing unit. */
  unitSize: number;
  /** Practice charge and typical payment per HCPCS unit, in cents. */
  chargeCents: number;
  payCents: number;
};

export const DRUGS = {
  oxaliplatin: { name: "Oxaliplatin", hcpcs: "J9263", category: "chemo", unitSize: 0.5, chargeCents: 260, payCents: 52 },
  leucovorin: { name: "Leucovorin calcium", hcpcs: "J0640", category: "therapeutic", unitSize: 50, chargeCents: 1200, payCents: 180 },
  fluorouracil: { name: "Fluorouracil", hcpcs: "J9190", category: "chemo", unitSize: 500, chargeCents: 900, payCents: 150 },
  paclitaxel: { name: "Paclitaxel", hcpcs: "J9267", category: "chemo", unitSize: 1, chargeCents: 90, payCents: 9 },
  carboplatin: { name: "Carboplatin", hcpcs: "J9045", category: "chemo", unitSize: 50, chargeCents: 1500, payCents: 310 },
  pembrolizumab: { name: "Pembrolizumab", hcpcs: "J9271", category: "chemo", unitSize: 1, chargeCents: 13000, payCents: 5300 },
  rituximab: { name: "Rituximab", hcpcs: "J9312", category: "chemo", unitSize: 10, chargeCents: 25000, payCents: 9500 },
  infliximab: { name: "Infliximab", hcpcs: "J1745", category: "chemo", unitSize: 10, chargeCents: 21000, payCents: 8200 },
  ironSucrose: { name: "Iron sucrose", hcpcs: "J1756", category: "therapeutic", unitSize: 1, chargeCents: 180, payCents: 40 },
  ferricCarboxymaltose: { name: "Ferric carboxymaltose", hcpcs: "J1439", category: "therapeutic", unitSize: 1, chargeCents: 420, payCents: 180 },
  ivig: { name: "Immune globulin (IVIG)", hcpcs: "J1569", category: "therapeutic", unitSize: 500, chargeCents: 16000, payCents: 5900 },
  zoledronic: { name: "Zoledronic acid", hcpcs: "J3489", category: "therapeutic", unitSize: 1, chargeCents: 4000, payCents: 420 },
  saline: { name: "Normal saline 0.9%", hcpcs: "J7050", category: "hydration", unitSize: 250, chargeCents: 3500, payCents: 300 },
  ondansetron: { name: "Ondansetron", hcpcs: "J2405", category: "therapeutic", unitSize: 1, chargeCents: 400, payCents: 10 },
  dexamethasone: { name: "Dexamethasone sodium phosphate", hcpcs: "J1100", category: "therapeutic", unitSize: 1, chargeCents: 300, payCents: 12 },
  diphenhydramine: { name: "Diphenhydramine", hcpcs: "J1200", category: "therapeutic", unitSize: 50, chargeCents: 1500, payCents: 90 },
  methylprednisolone: { name: "Methylprednisolone", hcpcs: "J2930", category: "therapeutic", unitSize: 125, chargeCents: 2500, payCents: 420 },
  denosumab: { name: "Denosumab", hcpcs: "J0897", category: "therapeutic", unitSize: 1, chargeCents: 5200, payCents: 1900 },
  leuprolide: { name: "Leuprolide acetate", hcpcs: "J9217", category: "chemo", unitSize: 7.5, chargeCents: 45000, payCents: 16000 },
} as const satisfies Record<string, Drug>;

export type DrugKey = keyof typeof DRUGS;

export type RegimenKey =
  | "folfox"
  | "paclitaxel_carboplatin"
  | "paclitaxel_weekly"
  | "pembrolizumab"
  | "rituximab"
  | "infliximab"
  | "iron_sucrose"
  | "ferric_carboxymaltose"
  | "ivig"
  | "zoledronic_acid"
  | "hydration"
  | "denosumab"
  | "leuprolide"
  | "overnight_hydration";

/** One planned administration (or one segment of it: a paused infusion has two with the same `order`). */
export type PlannedAdministration = {
  drug: DrugKey;
  route: Route;
  /** Minutes after the chair time (elapsed time). */
  offset: number;
  /** Elapsed minutes; null = no stop documented by design (a pump that runs on at home). */
  minutes: number | null;
  /** Order number within the visit: segments of one paused infusion share it (MAR order id). */
  order: number;
  /** Dose in mg (or mL), for HCPCS units. */
  dose: number;
  primaryReason?: boolean;
  service?: SpecialService;
  /** Minutes after the segment start of documented rate changes (MAR "Rate Change"). */
  rateChanges?: number[];
};

export type RegimenPlan = { administrations: PlannedAdministration[]; access: "port" | "peripheral" | "none" };

const round5 = (n: number): number => Math.max(1, Math.round(n));

/** Default mix of patients by regimen (weights). */
export const REGIMEN_WEIGHTS: readonly (readonly [RegimenKey, number])[] = [
  ["folfox", 10],
  ["paclitaxel_carboplatin", 9],
  ["paclitaxel_weekly", 7],
  ["pembrolizumab", 7],
  ["rituximab", 6],
  ["infliximab", 9],
  ["iron_sucrose", 8],
  ["ferric_carboxymaltose", 6],
  ["ivig", 6],
  ["zoledronic_acid", 5],
  ["hydration", 12],
  ["denosumab", 8],
  ["leuprolide", 7],
];

/**
 * Drugs given for very different durations in different regimens (weekly 1 h vs 3-weekly 3 h
 * paclitaxel): the organization's median duration says little about one visit, so the generator
 * never drops their stop times (the documentation estimate would be ambiguous).
 */
export const MIXED_DURATION_DRUGS: ReadonlySet<DrugKey> = new Set(["paclitaxel"]);

/** Regimens whose visits use a special service (a pump): not exported in MAR form (no service column). */
export const REGIMENS_WITH_SERVICES: ReadonlySet<RegimenKey> = new Set(["folfox"]);

/**
 * Plans the administrations of one visit.
 * @example planRegimen("pembrolizumab", rng, 1.8).administrations[0].drug //=> "pembrolizumab"
 */
export function planRegimen(key: RegimenKey, rng: Prng, bsa: number): RegimenPlan {
  const a: PlannedAdministration[] = [];
  let order = 0;
  const push = (drug: DrugKey, offset: number, dose: number): number => {
    const minutes = rng.int(2, 4);
    a.push({ drug, route: "iv_push", offset, minutes, order: ++order, dose });
    return offset + minutes + rng.int(1, 4);
  };
  const infuse = (drug: DrugKey, offset: number, minutes: number, dose: number, extra: Partial<PlannedAdministration> = {}): number => {
    const m = round5(minutes);
    a.push({ drug, route: "iv_infusion", offset, minutes: m, order: ++order, dose, ...extra });
    return offset + m + rng.int(1, 5);
  };
  const kg = bsa * 42;

  switch (key) {
    case "folfox": {
      let t = push("ondansetron", 0, 8);
      t = push("dexamethasone", t, 12);
      const oxMinutes = round5(rng.normal(120, 6));
      infuse("oxaliplatin", t, oxMinutes, 85 * bsa, { primaryReason: true });
      // Leucovorin in its own bag on the same line, hung with the oxaliplatin: concurrent (§6).
      const lvMinutes = round5(rng.normal(118, 6));
      a.push({ drug: "leucovorin", route: "iv_infusion", offset: t + rng.int(0, 3), minutes: lvMinutes, order: ++order, dose: 400 * bsa });
      t = t + Math.max(oxMinutes, lvMinutes) + rng.int(2, 6);
      t = push("fluorouracil", t, 400 * bsa);
      a.push({ drug: "fluorouracil", route: "iv_infusion", offset: t + rng.int(2, 8), minutes: null, order: ++order, dose: 2400 * bsa, service: "pump_start_portable" });
      return { administrations: a, access: "port" };
    }
    case "paclitaxel_carboplatin": {
      let t = push("dexamethasone", 0, 12);
      t = push("diphenhydramine", t, 50);
      t = push("ondansetron", t, 16);
      t = infuse("saline", t, rng.normal(50, 6), 500);
      t = infuse("paclitaxel", t, rng.normal(182, 8), 175 * bsa, { primaryReason: true });
      infuse("carboplatin", t, rng.normal(33, 4), 550 + rng.int(0, 200));
      return { administrations: a, access: "port" };
    }
    case "paclitaxel_weekly": {
      let t = push("dexamethasone", 0, 10);
      t = push("diphenhydramine", t, 25);
      infuse("paclitaxel", t, rng.normal(62, 4), 80 * bsa, { primaryReason: true });
      return { administrations: a, access: "port" };
    }
    case "pembrolizumab": {
      const t = rng.chance(0.3) ? infuse("saline", 0, rng.normal(60, 8), 500) : 0;
      infuse("pembrolizumab", t, rng.normal(32, 2), 200, { primaryReason: true });
      return { administrations: a, access: "port" };
    }
    case "rituximab": {
      const t = push("diphenhydramine", 0, 50);
      // Infusion reaction pause in about half the visits: two segments of one order (§3.1).
      const total = round5(rng.normal(255, 20));
      if (rng.chance(0.55)) {
        const first = round5(rng.normal(80, 8));
        const pause = rng.int(20, 70);
        const order1 = ++order;
        a.push({ drug: "rituximab", route: "iv_infusion", offset: t, minutes: first, order: order1, dose: 375 * bsa, primaryReason: true, rateChanges: [30, 60] });
        a.push({ drug: "rituximab", route: "iv_infusion", offset: t + first + pause, minutes: Math.max(30, total - first), order: order1, dose: 0, primaryReason: true });
      } else {
        infuse("rituximab", t, total, 375 * bsa, { primaryReason: true, rateChanges: [30, 60, 90] });
      }
      return { administrations: a, access: "port" };
    }
    case "infliximab": {
      let t = push("diphenhydramine", 0, 25);
      if (rng.chance(0.5)) t = push("methylprednisolone", t, 125);
      infuse("infliximab", t, rng.normal(124, 8), 5 * kg, { primaryReason: true });
      return { administrations: a, access: "peripheral" };
    }
    case "iron_sucrose":
      infuse("ironSucrose", 0, rng.normal(24, 3), 200, { primaryReason: true });
      return { administrations: a, access: "peripheral" };
    case "ferric_carboxymaltose":
      infuse("ferricCarboxymaltose", 0, rng.normal(26, 3), 750, { primaryReason: true });
      return { administrations: a, access: "peripheral" };
    case "ivig": {
      const t = push("diphenhydramine", 0, 25);
      const next = infuse("ivig", t, rng.normal(245, 25), 400 * kg, { primaryReason: true, rateChanges: [30, 60] });
      if (rng.chance(0.4)) infuse("saline", next, rng.normal(45, 5), 250);
      return { administrations: a, access: "peripheral" };
    }
    case "zoledronic_acid": {
      const t = infuse("saline", 0, rng.normal(42, 5), 500);
      infuse("zoledronic", t, rng.normal(24, 2), 4, { primaryReason: true });
      return { administrations: a, access: "peripheral" };
    }
    case "hydration": {
      const minutes = rng.normal(130, 30);
      a.push({ drug: "saline", route: "iv_infusion", offset: 0, minutes: round5(minutes), order: ++order, dose: 1000, primaryReason: true });
      if (rng.chance(0.45)) push("ondansetron", rng.int(10, 30), 8);
      return { administrations: a, access: "peripheral" };
    }
    case "overnight_hydration":
      a.push({ drug: "saline", route: "iv_infusion", offset: 0, minutes: 0, order: ++order, dose: 1000, primaryReason: true });
      return { administrations: a, access: "peripheral" };
    case "denosumab":
      a.push({ drug: "denosumab", route: "injection", offset: 0, minutes: 2, order: ++order, dose: 120, primaryReason: true });
      return { administrations: a, access: "none" };
    case "leuprolide":
      a.push({ drug: "leuprolide", route: "injection", offset: 0, minutes: 2, order: ++order, dose: 22.5, primaryReason: true });
      return { administrations: a, access: "none" };
  }
}

/** Length of a plan in minutes (chair time), for scheduling. */
export function planLength(plan: RegimenPlan): number {
  let end = 0;
  for (const adm of plan.administrations) end = Math.max(end, adm.offset + (adm.minutes ?? 5));
  return end;
}
