/**
 * Issue 13: every finding kind's explanation carries the numbers it rests on — the minutes behind it
 * (the engine's time math, or the §3.3 time math derived for compliance findings) and the dollars,
 * with the source of each unit value (own paid median with its count and dates, fee schedule payer
 * or default row, reference table and year). One test per finding kind of spec §5.2.
 */
import { describe, expect, test } from "vitest";
import { ENGINE_ADD_ON_RULES } from "@/lib/analysis/code-classes";
import { compareEncounter } from "@/lib/analysis/compare-encounter";
import { computeMedianDurations, countDocumentedDurations, estimateMissingStops } from "@/lib/analysis/estimate-missing-stops";
import { dollars } from "@/lib/analysis/explain-finding";
import type { BilledLine, Finding } from "@/lib/analysis/types";
import { buildValuator, type PaidObservation } from "@/lib/analysis/valuation";
import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { Administration, CodingSettings, Route } from "@/lib/coding/types";

const DOS = "2025-03-04";
const SETTINGS: CodingSettings = { ...DEFAULT_CODING_SETTINGS, setting: "facility" };
const RATES: Record<string, number> = {
  "96413": 30_000, "96415": 15_000, "96417": 12_000, "96365": 20_000, "96366": 6_000, "96367": 8_000, "96368": 7_000,
  "96360": 10_000, "96361": 5_000, "96374": 9_000, "96375": 4_000, "96372": 2_500, "96409": 10_000,
};

const at = (hhmm: string, date = DOS) => ({ at: Date.parse(`${date}T${hhmm}:00Z`), local: `${date}T${hhmm}` });
let nextId = 1;
function admin(drug: string, route: Route, start: string, stop?: string, extra: Partial<Administration> = {}): Administration {
  return { id: `L${nextId++}`, drug, route, start: at(start), ...(stop ? { stop: at(stop) } : {}), ...extra };
}
const chemo = (start: string, stop?: string, drug = "Oxaliplatin") => admin(drug, "iv_infusion", start, stop, { hcpcs: "J9263", category: "chemo" });
const therapeutic = (drug: string, start: string, stop?: string, route: Route = "iv_infusion") => admin(drug, route, start, stop, { category: "therapeutic" });
const hydration = (start: string, stop?: string) => admin("Normal saline", "iv_infusion", start, stop, { category: "hydration" });

const billed = (code: string, units = 1, overrides: Partial<BilledLine> = {}): BilledLine => ({
  claimId: "C1", code, modifiers: [], units, billedCents: 1000 * units, allowedCents: null,
  paidCents: (RATES[code] ?? 0) * units, paidUnits: units, adjustments: [], ...overrides,
});
const denied = (code: string, units = 1, reason = "16"): BilledLine =>
  billed(code, units, { paidCents: 0, paidUnits: 0, adjustments: [{ group: "CO", reason, amountCents: 1000 * units }] });

const feeSchedule = Object.entries(RATES).map(([code, rateCents]) => ({ payer: "*", code, rateCents, effectiveFrom: "2025-01-01" }));

function analyze(
  administrations: Administration[],
  billedLines: BilledLine[],
  options: { paid?: PaidObservation[]; history?: Administration[][]; recoupments?: { claimId: string; amountCents: number; reason: string }[]; rates?: typeof feeSchedule } = {},
): Finding[] {
  const encounter = { id: "E1", administrations };
  const coded = codeEncounter(encounter, SETTINGS);
  const valueOf = buildValuator({ paid: options.paid ?? [], feeSchedule: options.rates ?? feeSchedule, setting: "facility", asOf: "2025-12-31" });
  const all = [encounter, ...(options.history ?? []).map((h, i) => ({ id: `H${i}`, administrations: h }))];
  return compareEncounter(
    {
      encounterId: "E1", dateOfService: DOS, payer: "Aetna", canonical: coded.lines, billed: billedLines, administrations,
      ...(options.recoupments ? { recoupments: options.recoupments } : {}),
      missingStopEstimates: estimateMissingStops(encounter, coded, computeMedianDurations(all), SETTINGS, countDocumentedDurations(all)),
    },
    valueOf,
    ENGINE_ADD_ON_RULES,
  );
}

const only = (findings: Finding[], kind: Finding["kind"]): Finding => {
  const matching = findings.filter((finding) => finding.kind === kind);
  expect(matching, JSON.stringify(findings, null, 1)).toHaveLength(1);
  return matching[0]!;
};

/** The finding's explanation states these minutes and dollar amounts (and its value is the stated total). */
function expectNumbers(finding: Finding, numbers: { minutes: number[]; dollars: number[] }) {
  for (const minutes of numbers.minutes) expect(finding.explanation).toContain(`${minutes} min`);
  for (const cents of numbers.dollars) expect(finding.explanation).toContain(dollars(cents));
  expect(finding.explanation).toContain(dollars(finding.valueCents));
}

describe("coding findings: minutes and dollars", () => {
  test("missed_addon_hours: 120 min of chemo, one 96415 hour not billed at $150.00 (fee schedule * row)", () => {
    const finding = only(analyze([chemo("09:00", "11:00")], [billed("96413")]), "missed_addon_hours");
    expectNumbers(finding, { minutes: [120], dollars: [15_000] });
    expect(finding.explanation).toContain("1 × $150.00 = $150.00 (fee schedule, default (*) row for 96415 (effective 2025-01-01))");
    expect(finding.claimId).toBe("C1");
  });

  test("missed_sequential: a second chemo drug of 45 min not billed as 96417", () => {
    const finding = only(analyze([chemo("09:00", "10:00"), chemo("10:00", "10:45", "Fluorouracil")], [billed("96413")]), "missed_sequential");
    expectNumbers(finding, { minutes: [45], dollars: [12_000] });
    expect(finding.claimId).toBe("C1");
  });

  test("missed_sequential and unsupported_line: the sequential drug billed as a second initial", () => {
    const findings = analyze([chemo("09:00", "10:00"), chemo("10:00", "10:45", "Fluorouracil")], [billed("96413", 2)]);
    expectNumbers(only(findings, "missed_sequential"), { minutes: [45], dollars: [12_000] });
    const unsupported = only(findings, "unsupported_line");
    expectNumbers(unsupported, { minutes: [45], dollars: [30_000] });
    expect(unsupported.explanation).toContain("Exposure: 1 × $300.00 = $300.00");
  });

  test("missed_concurrent: two infusions running together, 96368 not billed", () => {
    const findings = analyze([therapeutic("Drug A", "09:00", "10:00"), therapeutic("Drug B", "09:10", "09:50")], [billed("96365")]);
    const finding = only(findings, "missed_concurrent");
    expectNumbers(finding, { minutes: [40], dollars: [7_000] });
  });

  test("missed_initial: 60 min of hydration billed with nothing", () => {
    const finding = only(analyze([hydration("10:00", "11:00")], []), "missed_initial");
    expectNumbers(finding, { minutes: [60], dollars: [10_000] });
    expect(finding.claimId).toBeNull();
  });

  test("missed_service: an injection not billed shows its time and value", () => {
    const findings = analyze([chemo("09:00", "10:00"), admin("Denosumab", "injection", "10:30", undefined, { category: "therapeutic" })], [billed("96413")]);
    const finding = only(findings, "missed_service");
    expect(finding.code).toBe("96372");
    // An injection is untimed: its time of day and value are the numbers it rests on.
    expect(finding.explanation).toContain("10:30");
    expectNumbers(finding, { minutes: [], dollars: [2_500] });
  });

  test("wrong_initial: both codes' values and the difference", () => {
    const finding = only(analyze([chemo("09:00", "10:00")], [billed("96365")]), "wrong_initial");
    expectNumbers(finding, { minutes: [60], dollars: [30_000, 20_000, 10_000] });
    expect(finding.explanation).toContain("96413 at $300.00 (fee schedule, default (*) row for 96413 (effective 2025-01-01)) − 96365 at $200.00");
    expect(finding.explanation).toContain("= $100.00");
    expect(finding.claimId).toBe("C1");
  });

  test("addon_without_primary: 96415 billed alone and denied; the chemo ran 120 min", () => {
    const finding = only(analyze([chemo("09:00", "11:00")], [denied("96415", 1, "B15")]), "addon_without_primary");
    expectNumbers(finding, { minutes: [120], dollars: [15_000] });
    expect(finding.valueCents).toBe(15_000);
  });

  test("addon_without_primary, paid this time: valued at $0.00 with the amount at risk", () => {
    const finding = only(analyze([chemo("09:00", "11:00")], [billed("96415")]), "addon_without_primary");
    expect(finding.valueCents).toBe(0);
    expectNumbers(finding, { minutes: [120], dollars: [15_000, 0] });
    expect(finding.explanation).toContain("At risk: 1 × $150.00 = $150.00");
  });
});

describe("documentation findings", () => {
  test("missing_stop_time: the codes at the practice's median minus what is coded and billed, with the median's count", () => {
    const history = [1, 2, 3].map(() => [therapeutic("Iron sucrose", "09:00", "11:30")]);
    const finding = only(analyze([therapeutic("Iron sucrose", "10:00")], [billed("96374")], { history }), "missing_stop_time");
    expect(finding.isEstimate).toBe(true);
    // 96365 $200 + 96366 $60 − 96374 $90 = $170.
    expect(finding.valueCents).toBe(17_000);
    expectNumbers(finding, { minutes: [150], dollars: [20_000, 6_000, 9_000, 17_000] });
    expect(finding.explanation).toContain("median of 150 min over 3 documented administrations of Iron sucrose");
    expect(finding.explanation).toContain("billed: 96374 ×1");
    expect(finding.claimId).toBe("C1");
  });
});

describe("payer findings", () => {
  test("denied_line: the denied hour's minutes and the own paid median with its count and dates", () => {
    const paid = [14_000, 15_000, 15_500, 16_000, 14_500].map((paidCents): PaidObservation => ({ payer: "Aetna", code: "96415", dateOfService: "2025-02-01", paidCents, paidUnits: 1 }));
    const finding = only(analyze([chemo("09:00", "11:00")], [billed("96413"), denied("96415", 1, "97")], { paid }), "denied_line");
    expectNumbers(finding, { minutes: [120], dollars: [15_000] });
    expect(finding.explanation).toContain("own paid median of 5 Aetna lines, dates of service 2025-01-01 to 2025-12-31");
    expect(finding.valueSource).toBe("own_paid_median");
  });

  test("unit_cut: 3 hours supported, 1 paid", () => {
    const finding = only(
      analyze([chemo("09:00", "13:00")], [billed("96413"), billed("96415", 3, { paidUnits: 1, paidCents: 15_000, adjustments: [{ group: "CO", reason: "151", amountCents: 30_000 }] })]),
      "unit_cut",
    );
    expectNumbers(finding, { minutes: [240], dollars: [15_000, 30_000] });
  });

  test("recoupment: the amount taken back (a take-back rests on no minutes)", () => {
    const finding = only(analyze([chemo("09:00", "10:00")], [billed("96413")], { recoupments: [{ claimId: "C1", amountCents: 12_345, reason: "WO" }] }), "recoupment");
    expectNumbers(finding, { minutes: [], dollars: [12_345] });
    expect(finding.explanation).toContain("claim C1");
  });
});

describe("compliance findings: the time math", () => {
  test("overcoded_units: 105 min supports one 96415 hour; two need 151 min", () => {
    const finding = only(analyze([chemo("09:00", "10:45")], [billed("96413"), billed("96415", 2)]), "overcoded_units");
    expect(finding.explanation).toContain("ran 105 min: 90 in the first hour, 15 min past it → 96415 ×1; ×2 needs 151 min, 46 more (§3.3)");
    expectNumbers(finding, { minutes: [105, 151], dollars: [15_000] });
  });

  test("overcoded_units on secondary hydration: 100 min after another initial supports ×2", () => {
    const finding = only(analyze([chemo("09:00", "10:00"), hydration("10:00", "11:40")], [billed("96413"), billed("96361", 3)]), "overcoded_units");
    expect(finding.explanation).toContain("ran 100 min after another initial service: 70 min past the first 30 → 96361 ×2; ×3 needs 151 min, 51 more (§3.3)");
    expectNumbers(finding, { minutes: [100, 151], dollars: [5_000] });
  });

  test("overcoded_units on the initial: billed 96413 where 96365 is supported, both values and the difference", () => {
    const finding = only(analyze([therapeutic("Iron sucrose", "09:00", "10:00")], [billed("96413")]), "overcoded_units");
    expect(finding.cause).toBe("compliance");
    expectNumbers(finding, { minutes: [60], dollars: [30_000, 20_000, 10_000] });
  });

  test("unsupported_line: 96415 billed for a 75-min chemo infusion", () => {
    const finding = only(analyze([chemo("09:00", "10:15")], [billed("96413"), billed("96415")]), "unsupported_line");
    expect(finding.explanation).toContain("ran 75 min: all within the first hour's 90 min of 96413; 96415 ×1 needs 91 min, 16 more (§3.3)");
    expectNumbers(finding, { minutes: [75, 91], dollars: [15_000] });
  });

  test("unsupported_line: 96360 billed for 25 min of hydration", () => {
    const finding = only(analyze([hydration("10:00", "10:25")], [billed("96360")]), "unsupported_line");
    expect(finding.explanation).toContain("hydration needs 31 min or more (§3.2)");
    expectNumbers(finding, { minutes: [25], dollars: [10_000] });
  });

  test("a reference-rate value names the table and year", () => {
    const finding = only(analyze([hydration("10:00", "10:25")], [billed("96360")], { rates: [] }), "unsupported_line");
    expect(finding.explanation).toContain("reference rate, Medicare OPPS APC national unadjusted (rule book §10.2; secondary source), CY2025");
    expectNumbers(finding, { minutes: [25], dollars: [21_069] });
  });
});
