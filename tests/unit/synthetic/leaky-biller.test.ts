import { describe, expect, test } from "vitest";
import { compareEncounter } from "@/lib/analysis/compare-encounter";
import type { BilledLine } from "@/lib/analysis/types";
import { CODES } from "@/lib/coding";
import type { CodedLine } from "@/lib/coding/types";
import { createPrng } from "@/lib/synthetic/create-prng";
import { billCanonical, errorOptions, orphanAddOns } from "@/lib/synthetic/leaky-biller";
import type { BilledLine as SyntheticBilledLine } from "@/lib/synthetic/types";
import { ADD_ON_RULES, findingKey } from "./compare-practice";

function canonical(spec: string): CodedLine[] {
  return spec.split(" ").map((part) => {
    const [code, units] = part.split("x") as [string, string];
    return { code, units: Number(units), modifiers: [], administrationIds: [], explanation: "", label: "", isAddOn: CODES.get(code)!.isAddOn, dateOfService: "2025-03-04" };
  });
}

function toBilled(lines: readonly SyntheticBilledLine[]): BilledLine[] {
  const orphans = new Set(orphanAddOns(lines));
  return lines.map((l) => ({
    claimId: "C1",
    code: l.code,
    modifiers: l.modifiers,
    units: l.units,
    billedCents: 10_000 * l.units,
    allowedCents: orphans.has(l.code) ? 0 : 5_000 * l.units,
    paidCents: orphans.has(l.code) ? 0 : 4_000 * l.units,
    paidUnits: orphans.has(l.code) ? 0 : l.units,
    adjustments: orphans.has(l.code) ? [{ group: "CO", reason: "B15", amountCents: 10_000 * l.units }] : [{ group: "CO", reason: "45", amountCents: 5_000 * l.units }],
  }));
}

const valueOf = () => ({ cents: 1_000, source: "fee_schedule" as const, detail: "test" });

function compare(canonicalLines: readonly CodedLine[], billed: readonly SyntheticBilledLine[]): string[] {
  return compareEncounter({ encounterId: "E1", dateOfService: "2025-03-04", payer: "Aetna", canonical: canonicalLines, billed: toBilled(billed) }, valueOf, ADD_ON_RULES)
    .map(findingKey)
    .sort();
}

const PAC_CARBO = canonical("96413x1 96361x1 96375x3 96415x2 96417x1");
const FOLFOX = canonical("96413x1 96416x1 96368x1 96375x2 96411x1 96415x1");

describe("errorOptions", () => {
  test("offers only the errors possible for the encounter", () => {
    expect(errorOptions(PAC_CARBO).map((o) => o.kind)).toEqual(["dropped_addon_hours", "hydration_not_billed", "sequential_billed_as_initial", "addon_without_primary"]);
    expect(errorOptions(FOLFOX).map((o) => o.kind)).toEqual(["dropped_addon_hours", "sequential_billed_as_initial", "missing_concurrent", "addon_without_primary"]);
    expect(errorOptions(canonical("96372x1")).map((o) => o.kind)).toEqual([]);
    expect(errorOptions(canonical("96360x1 96361x2")).map((o) => o.kind)).toEqual(["dropped_addon_hours", "hydration_not_billed", "addon_without_primary"]);
    expect(errorOptions([])).toEqual([]);
  });

  test("the correct bill produces no finding", () => {
    for (const lines of [PAC_CARBO, FOLFOX]) expect(compare(lines, billCanonical(lines))).toEqual([]);
  });

  test("addon_without_primary names every orphan and the missed initial", () => {
    const option = errorOptions(PAC_CARBO).find((o) => o.kind === "addon_without_primary")!;
    const result = option.apply(createPrng(1));
    expect(result.billed.map((l) => `${l.code}x${l.units}`)).toEqual(["96361x1", "96375x3", "96415x2", "96417x1"]);
    expect(result.expectedFindings.map(findingKey).sort()).toEqual([
      "addon_without_primary|coding|96361|1",
      "addon_without_primary|coding|96375|3",
      "addon_without_primary|coding|96417|1",
      "missed_initial|coding|96413|1",
    ]);
    expect(compare(PAC_CARBO, result.billed)).toEqual(result.expectedFindings.map(findingKey).sort());
  });

  test("sequential billed as initial: missed_sequential plus an unsupported second initial", () => {
    for (let seed = 0; seed < 12; seed++) {
      const result = errorOptions(FOLFOX).find((o) => o.kind === "sequential_billed_as_initial")!.apply(createPrng(seed));
      const keys = result.expectedFindings.map(findingKey).sort();
      expect(keys).toHaveLength(2);
      expect(["missed_sequential|coding|96375|1,unsupported_line|compliance|96374|1", "missed_sequential|coding|96411|1,unsupported_line|compliance|96409|1"]).toContain(keys.join(","));
      expect(compare(FOLFOX, result.billed)).toEqual(keys);
    }
  });

  test("every option's expected findings are exactly what compareEncounter reports", () => {
    const cases = [PAC_CARBO, FOLFOX, canonical("96360x1 96361x2"), canonical("96365x1 96366x3 96375x1 96361x1"), canonical("96413x1 96375x2 96415x1")];
    let checked = 0;
    for (const lines of cases) {
      for (const option of errorOptions(lines)) {
        for (let seed = 0; seed < 5; seed++) {
          const result = option.apply(createPrng(seed, option.kind));
          expect(compare(lines, result.billed), `${option.kind} on ${lines.map((l) => l.code).join(" ")}`).toEqual(result.expectedFindings.map(findingKey).sort());
          checked++;
        }
      }
    }
    expect(checked).toBe(90);
  });

  test("hydration-only visit not billed: no claim at all", () => {
    const result = errorOptions(canonical("96360x1 96361x2")).find((o) => o.kind === "hydration_not_billed")!.apply(createPrng(1));
    expect(result.billed).toEqual([]);
    expect(result.expectedFindings.map(findingKey)).toEqual(["missed_initial|coding|96360|1", "missed_addon_hours|coding|96361|2"]);
  });
});
