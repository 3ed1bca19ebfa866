/**
 * Table tests from the record to the findings (codeEncounter → compareEncounter), for cases the
 * other tables leave out: `missed_service` (codes outside the initial / add-on-hour / sequential /
 * concurrent families) and billed modifiers that differ from the engine's (a second initial on a
 * separate access site needs XU or 59, rule book §4.3).
 *
 * How a modifier mismatch shows up: compareEncounter compares units per code and does not look at
 * modifiers, so a second initial billed without its XU/59 gives no coding finding of its own. It
 * shows up only when the payer denies the line (a payer `denied_line`), as the last rows pin down.
 */
import { describe, expect, test } from "vitest";
import { ENGINE_ADD_ON_RULES } from "@/lib/analysis/code-classes";
import { compareEncounter } from "@/lib/analysis/compare-encounter";
import type { BilledLine } from "@/lib/analysis/types";
import { buildValuator } from "@/lib/analysis/valuation";
import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { Administration, CodingSettings } from "@/lib/coding/types";
import { adm } from "../coding/helpers";

const RATES: Record<string, number> = {
  "96413": 30_000, "96415": 15_000, "96365": 20_000, "96366": 6_000, "96372": 2_500, "96401": 7_500, "96402": 3_100, "96374": 9_000,
  "96521": 11_000, "96523": 2_500,
};
const valueOf = buildValuator({
  paid: [],
  feeSchedule: Object.entries(RATES).map(([code, rateCents]) => ({ payer: "*", code, rateCents, effectiveFrom: "2025-01-01" })),
  setting: "facility",
  asOf: "2025-12-31",
});

/** A billed line "CODE", "CODExN", "CODE-XU" or "CODE-XUxN", paid in full unless `denied` (CO reason). */
function billed(spec: string, denied?: string): BilledLine {
  const [, code, mods, units] = /^(\w+)(?:-([\w-]+?))?(?:x(\d+))?$/.exec(spec)!;
  const n = Number(units ?? 1);
  return {
    claimId: "C1", code: code!, modifiers: mods ? mods.split("-") : [], units: n, billedCents: 1_000 * n, allowedCents: null,
    paidCents: denied ? 0 : (RATES[code!] ?? 0) * n, paidUnits: denied ? 0 : n,
    adjustments: denied ? [{ group: "CO", reason: denied, amountCents: 1_000 * n }] : [],
  };
}

function findings(administrations: Administration[], bill: BilledLine[], overrides: Partial<CodingSettings> = {}) {
  const coded = codeEncounter({ id: "E1", administrations }, { ...DEFAULT_CODING_SETTINGS, setting: "facility", ...overrides });
  const list = compareEncounter({ encounterId: "E1", dateOfService: "2025-03-04", payer: "Aetna", canonical: coded.lines, billed: bill, administrations }, valueOf, ENGINE_ADD_ON_RULES);
  return {
    canonical: coded.lines.map((l) => `${l.code}${l.modifiers.length ? `-${l.modifiers.join("-")}` : ""}${l.units > 1 ? `x${l.units}` : ""}`),
    found: list.map((f) => `${f.kind} ${f.cause} ${f.code}×${f.units} ${f.valueCents}`),
  };
}

const chemo = () => adm("Oxaliplatin", "chemo", "iv_infusion", "09:00", "10:00", { hcpcs: "J9263" });

describe("missed_service: a supported code outside the infusion families, not billed", () => {
  test.each([
    ["an IM injection (96372) after a chemo infusion", () => [chemo(), adm("Denosumab", "therapeutic", "injection", "10:30")], ["96413"], ["96413", "96372"], ["missed_service coding 96372×1 2500"]],
    ["two injections of different drugs (96372 ×2), one billed", () => [adm("Vitamin B12", "therapeutic", "injection", "09:00"), adm("Ceftriaxone", "therapeutic", "injection", "09:10")], ["96372"], ["96372x2"], ["missed_service coding 96372×1 2500"]],
    ["a hormonal chemo injection (96402) billed as a therapeutic one (96372)", () => [adm("Leuprolide", "chemo", "injection", "09:00", undefined, { hcpcs: "J9217" })], ["96372"], ["96402"], ["unsupported_line compliance 96372×1 2500", "missed_service coding 96402×1 3100"]],
    ["an injection billed: no finding", () => [chemo(), adm("Denosumab", "therapeutic", "injection", "10:30")], ["96413", "96372"], ["96413", "96372"], []],
  ])("%s", (_name, administrations, bill, canonical, expected) => {
    const result = findings(administrations(), bill.map((spec) => billed(spec)));
    expect(result.canonical).toEqual(canonical);
    expect(result.found).toEqual(expected);
  });
});

describe("modifier mismatches on a second initial at a separate access site (§4.3)", () => {
  const twoSites = () => [
    adm("Cisplatin", "chemo", "iv_infusion", "09:00", "10:00", { ivSite: "L arm" }),
    adm("Magnesium sulfate", "therapeutic", "iv_infusion", "09:30", "10:30", { ivSite: "R arm" }),
  ];

  test.each([
    ["billed with XU as the engine codes it → no finding", {}, ["96413", "96365-XU"], undefined, ["96413", "96365-XU"], []],
    ["XU left off, paid → no finding (modifiers are not compared)", {}, ["96413", "96365"], undefined, ["96413", "96365-XU"], []],
    ["59 billed where the practice uses XU, paid → no finding", {}, ["96413", "96365-59"], undefined, ["96413", "96365-XU"], []],
    ["practice set to 59, billed with 59 → no finding", { separateSiteModifier: "59" as const }, ["96413", "96365-59"], undefined, ["96413", "96365-59"], []],
    ["XU left off and the payer denies it (CO-4, modifier missing) → payer denied_line", {}, ["96413", "96365"], "4", ["96413", "96365-XU"], ["denied_line payer 96365×1 20000"]],
    ["59 left off and denied (CO-4) → payer denied_line", { separateSiteModifier: "59" as const }, ["96413", "96365"], "4", ["96413", "96365-59"], ["denied_line payer 96365×1 20000"]],
  ])("%s", (_name, overrides, bill, deniedReason, canonical, expected) => {
    const lines = bill.map((spec) => billed(spec, spec.startsWith("96365") ? deniedReason : undefined));
    const result = findings(twoSites(), lines, overrides);
    expect(result.canonical).toEqual(canonical);
    expect(result.found).toEqual(expected);
  });
});
