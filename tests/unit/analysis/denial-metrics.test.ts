import { describe, expect, test } from "vitest";
import { computeDenialMetrics, isDeniedLine } from "@/lib/analysis/denial-metrics";
import type { ClaimLine } from "@/lib/import/claims/claim-line";

const ADD_ONS = new Set(["96415", "96366", "96361"]);
const isAddOn = (code: string) => ADD_ONS.has(code);

const line = (overrides: Partial<ClaimLine>): ClaimLine => ({
  claimId: "C1",
  patientId: "P1",
  dateOfService: "2025-03-04",
  payer: "Aetna",
  code: "96413",
  modifiers: [],
  billedUnits: 1,
  paidUnits: 1,
  billedCents: 40_000,
  allowedCents: 30_000,
  paidCents: 30_000,
  adjustments: [],
  remarks: [],
  status: "paid",
  claimFrequency: "1",
  source: { file: "t.csv", line: 2 },
  ...overrides,
});

const denied = (overrides: Partial<ClaimLine>) =>
  line({ paidCents: 0, paidUnits: 0, adjustments: [{ group: "CO", reason: "B15", amountCents: 10_000, quantity: null }], ...overrides });

describe("isDeniedLine", () => {
  test.each([
    ["paid line", line({}), false],
    ["zero paid with a CO adjustment", denied({}), true],
    ["zero paid with only patient responsibility (deductible)", line({ paidCents: 0, adjustments: [{ group: "PR", reason: "1", amountCents: 40_000, quantity: null }] }), false],
    ["claim denied (CLP02 4)", line({ status: "denied" }), true],
  ])("%s → %s", (_name, claimLine, expected) => {
    expect(isDeniedLine(claimLine)).toBe(expected);
  });
});

describe("computeDenialMetrics (spec §5.5)", () => {
  const lines = [
    line({}),
    denied({ code: "96415", billedCents: 10_000 }),
    denied({ code: "96415", billedCents: 10_000, payer: "Cigna", dateOfService: "2025-03-11" }),
    line({ code: "96366", billedUnits: 3, paidUnits: 1, billedCents: 6_000, paidCents: 2_000 }),
    line({ code: null }),
    line({ status: "reversed", paidCents: -30_000 }),
  ];
  const metrics = computeDenialMetrics(lines, isAddOn);

  test("totals skip reversal lines and claim-level lines", () => {
    expect(metrics.totals).toMatchObject({ lines: 4, deniedLines: 2, billedCents: 66_000, deniedCents: 20_000, lineRate: 0.5 });
    expect(metrics.totals.dollarRate).toBeCloseTo(20_000 / 66_000);
  });

  test("add-on denials are reported apart", () => {
    expect(metrics.addOns).toMatchObject({ lines: 3, deniedLines: 2 });
  });

  test("by week, payer, code and reason", () => {
    expect(metrics.byWeek.map((week) => [week.weekStart, week.deniedLines])).toEqual([
      ["2025-03-03", 1],
      ["2025-03-10", 1],
    ]);
    expect(metrics.byPayer.map((payer) => [payer.payer, payer.lines, payer.deniedLines])).toEqual([
      ["Aetna", 3, 1],
      ["Cigna", 1, 1],
    ]);
    expect(metrics.byCode.find((code) => code.code === "96415")?.lineRate).toBe(1);
    expect(metrics.byReason).toEqual([{ group: "CO", reason: "B15", lines: 2, amountCents: 20_000 }]);
  });

  test("unit cuts are counted on paid lines", () => {
    expect(metrics.unitCuts).toEqual({ lines: 1, units: 2 });
  });

  test("no lines: rates are 0, not NaN", () => {
    expect(computeDenialMetrics([], isAddOn).totals).toMatchObject({ lineRate: 0, dollarRate: 0 });
  });
});
