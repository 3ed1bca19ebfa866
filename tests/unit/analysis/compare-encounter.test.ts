import { describe, expect, test } from "vitest";
import { compareEncounter } from "@/lib/analysis/compare-encounter";
import { ENGINE_ADD_ON_RULES } from "@/lib/analysis/code-classes";
import type { BilledLine, EncounterComparisonInput } from "@/lib/analysis/types";
import { buildValuator } from "@/lib/analysis/valuation";
import type { CodedLine } from "@/lib/coding/types";

const addOns = ENGINE_ADD_ON_RULES;
const isAddOn = (code: string) => addOns.isAddOn(code);

const RATES: Record<string, number> = { "96413": 30_000, "96415": 15_000, "96417": 12_000, "96365": 20_000, "96367": 8_000, "96361": 5_000, "96409": 10_000 };
const valueOf = buildValuator({
  paid: [],
  feeSchedule: Object.entries(RATES).map(([code, rateCents]) => ({ payer: "*", code, rateCents, effectiveFrom: "2020-01-01" })),
  setting: "professional",
  asOf: "2025-12-31",
});

const canonical = (code: string, units = 1): CodedLine => ({
  code,
  units,
  modifiers: [],
  administrationIds: ["L2"],
  explanation: `${code} ×${units} (§3.3)`,
  label: code,
  isAddOn: isAddOn(code),
  dateOfService: "2025-03-04",
});

const billed = (code: string, units = 1, overrides: Partial<BilledLine> = {}): BilledLine => ({
  claimId: "C1",
  code,
  modifiers: [],
  units,
  billedCents: 1000 * units,
  allowedCents: null,
  paidCents: (RATES[code] ?? 0) * units,
  paidUnits: units,
  adjustments: [],
  ...overrides,
});

const compare = (input: Partial<EncounterComparisonInput>) =>
  compareEncounter({ encounterId: "E1", dateOfService: "2025-03-04", payer: "Aetna", canonical: [], billed: [], ...input }, valueOf, addOns);

const brief = (findings: ReturnType<typeof compare>) =>
  findings.map(({ kind, cause, code, units, valueCents }) => ({ kind, cause, code, units, valueCents }));

describe("coding findings (spec §5.2)", () => {
  test("billing only the first hour: the missed 96415 hours are lost add-on hours", () => {
    const findings = compare({ canonical: [canonical("96413"), canonical("96415", 2)], billed: [billed("96413")] });
    expect(brief(findings)).toEqual([{ kind: "missed_addon_hours", cause: "coding", code: "96415", units: 2, valueCents: 30_000 }]);
  });

  test("correct billing produces no findings", () => {
    expect(compare({ canonical: [canonical("96413"), canonical("96415")], billed: [billed("96413"), billed("96415")] })).toEqual([]);
  });

  test("hierarchy error: billed 96365 where 96413 is the initial → wrong_initial valued at the difference", () => {
    const findings = compare({ canonical: [canonical("96413")], billed: [billed("96365")] });
    expect(brief(findings)).toEqual([{ kind: "wrong_initial", cause: "coding", code: "96413", units: 1, valueCents: 10_000 }]);
  });

  test("billing a higher initial than supported is compliance exposure, not leakage", () => {
    const findings = compare({ canonical: [canonical("96365")], billed: [billed("96413")] });
    expect(brief(findings)).toEqual([{ kind: "overcoded_units", cause: "compliance", code: "96365", units: 1, valueCents: 10_000 }]);
  });

  test("sequential drug billed as a second initial → missed 96417 (coding) and the extra 96413 (compliance) apart", () => {
    const findings = compare({ canonical: [canonical("96413"), canonical("96417")], billed: [billed("96413", 2)] });
    expect(brief(findings)).toEqual([
      { kind: "missed_sequential", cause: "coding", code: "96417", units: 1, valueCents: 12_000 },
      { kind: "unsupported_line", cause: "compliance", code: "96413", units: 1, valueCents: 30_000 },
    ]);
  });

  test("no initial billed at all → missed_initial, and the lone add-on is flagged (paid, so only at risk)", () => {
    const findings = compare({ canonical: [canonical("96365"), canonical("96367")], billed: [billed("96367")] });
    expect(brief(findings)).toEqual([
      { kind: "addon_without_primary", cause: "coding", code: "96367", units: 1, valueCents: 0 },
      { kind: "missed_initial", cause: "coding", code: "96365", units: 1, valueCents: 20_000 },
    ]);
  });

  test("an add-on billed alone is addon_without_primary, valued when it went unpaid", () => {
    const findings = compare({
      canonical: [canonical("96365"), canonical("96366")],
      billed: [billed("96366", 1, { paidCents: 0, adjustments: [{ group: "CO", reason: "B15", amountCents: 1000 }] })],
    });
    expect(brief(findings)).toEqual([
      { kind: "addon_without_primary", cause: "coding", code: "96366", units: 1, valueCents: 1941 },
      { kind: "missed_initial", cause: "coding", code: "96365", units: 1, valueCents: 20_000 },
    ]);
    // 96366 has no fee schedule row here, so it falls back to the labelled reference rate.
    expect(findings[0]?.valueSource).toBe("reference");
  });

  test("over-billed units are compliance exposure and never reduce leakage", () => {
    const findings = compare({ canonical: [canonical("96413"), canonical("96415", 1)], billed: [billed("96413"), billed("96415", 3)] });
    expect(brief(findings)).toEqual([{ kind: "overcoded_units", cause: "compliance", code: "96415", units: 2, valueCents: 30_000 }]);
  });

  test("non-drug-administration lines are kept out of the comparison", () => {
    expect(compare({ canonical: [canonical("96413")], billed: [billed("96413"), billed("J9263", 10)] })).toEqual([]);
  });
});

describe("payer findings", () => {
  test("a correctly coded line denied by the payer", () => {
    const findings = compare({
      canonical: [canonical("96413"), canonical("96415")],
      billed: [billed("96413"), billed("96415", 1, { paidCents: 0, paidUnits: 0, adjustments: [{ group: "CO", reason: "97", amountCents: 1000 }] })],
    });
    expect(brief(findings)).toEqual([{ kind: "denied_line", cause: "payer", code: "96415", units: 1, valueCents: 15_000 }]);
  });

  test("patient responsibility alone is not a denial", () => {
    const findings = compare({
      canonical: [canonical("96413")],
      billed: [billed("96413", 1, { paidCents: 0, adjustments: [{ group: "PR", reason: "1", amountCents: 30_000 }] })],
    });
    expect(findings).toEqual([]);
  });

  test("unit cut: paid for fewer units than supported", () => {
    const findings = compare({
      canonical: [canonical("96413"), canonical("96415", 3)],
      billed: [billed("96413"), billed("96415", 3, { paidUnits: 1, paidCents: 15_000 })],
    });
    expect(brief(findings)).toEqual([{ kind: "unit_cut", cause: "payer", code: "96415", units: 2, valueCents: 30_000 }]);
  });

  test("recoupments are payer leakage at the amount taken back", () => {
    const findings = compare({
      canonical: [canonical("96413")],
      billed: [billed("96413")],
      recoupments: [{ claimId: "C1", amountCents: 12_345, reason: "WO" }],
    });
    expect(brief(findings)).toEqual([{ kind: "recoupment", cause: "payer", code: null, units: 0, valueCents: 12_345 }]);
  });
});

describe("documentation findings", () => {
  test("a missing stop time is an estimate from the median duration, labelled as such", () => {
    const findings = compare({
      canonical: [canonical("96409")],
      billed: [billed("96409")],
      missingStopEstimates: [
        { administrationId: "L2", drug: "Paclitaxel", medianMinutes: 180, estimatedLines: [canonical("96413"), canonical("96415", 2)] },
      ],
    });
    expect(brief(findings)).toEqual([
      { kind: "missing_stop_time", cause: "documentation", code: "96415", units: 3, valueCents: 30_000 - 10_000 + 30_000 },
    ]);
    expect(findings[0]?.isEstimate).toBe(true);
    expect(findings[0]?.explanation).toMatch(/^Estimate: Paclitaxel has no stop time/);
  });
});
