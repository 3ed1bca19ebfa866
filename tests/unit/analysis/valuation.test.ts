import { describe, expect, test } from "vitest";
import { buildValuator, medianCents, type PaidObservation } from "@/lib/analysis/valuation";
import { findReferenceRate } from "@/lib/analysis/reference-rates";

const paid = (payer: string, code: string, dateOfService: string, paidCents: number, paidUnits = 1): PaidObservation => ({
  payer,
  code,
  dateOfService,
  paidCents,
  paidUnits,
});

describe("medianCents", () => {
  test.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[1, 2, 3, 4], 3], // (2 + 3) / 2 = 2.5 → 3
    [[100, 100, 101, 101], 101],
  ])("%j → %i", (values, expected) => {
    expect(medianCents(values)).toBe(expected);
  });
});

describe("value per unit (spec §5.3)", () => {
  const feeSchedule = [
    { payer: "*", code: "96415", rateCents: 15_000, effectiveFrom: "2024-01-01" },
    { payer: "Aetna", code: "96415", rateCents: 9_000, effectiveFrom: "2025-01-01", effectiveTo: "2025-06-30" },
  ];

  test("own paid median wins with at least 5 paid lines in the trailing 12 months", () => {
    const history = [2000, 2100, 2200, 2300, 2400].map((cents) => paid("Aetna", "96415", "2025-05-01", cents));
    const valueOf = buildValuator({ paid: history, feeSchedule, setting: "professional", asOf: "2025-12-31" });
    expect(valueOf("aetna", "96415", "2025-03-04")).toMatchObject({
      cents: 2200,
      source: "own_paid_median",
      detail: "own paid median of 5 aetna lines, dates of service 2025-01-01 to 2025-12-31",
    });
  });

  test("per-unit: a 2-unit line paid $50 counts as $25 a unit", () => {
    const history = Array.from({ length: 5 }, () => paid("Aetna", "96415", "2025-05-01", 5000, 2));
    const valueOf = buildValuator({ paid: history, feeSchedule, setting: "professional", asOf: "2025-12-31" });
    expect(valueOf("Aetna", "96415", "2025-03-04").cents).toBe(2500);
  });

  test("four paid lines are not enough; lines older than 12 months or unpaid do not count", () => {
    const history = [
      ...[2000, 2100, 2200, 2300].map((cents) => paid("Aetna", "96415", "2025-05-01", cents)),
      paid("Aetna", "96415", "2024-12-31", 2400), // 365 days before asOf: outside
      paid("Aetna", "96415", "2025-05-01", 0), // denied
    ];
    const valueOf = buildValuator({ paid: history, feeSchedule, setting: "professional", asOf: "2025-12-31" });
    expect(valueOf("Aetna", "96415", "2025-03-04")).toMatchObject({ cents: 9_000, source: "fee_schedule" });
  });

  test("fee schedule: payer row when effective, else the * row", () => {
    const valueOf = buildValuator({ paid: [], feeSchedule, setting: "professional", asOf: "2025-12-31" });
    expect(valueOf("Aetna", "96415", "2025-06-30")).toMatchObject({ cents: 9_000, detail: "fee schedule, Aetna row for 96415 (effective 2025-01-01 to 2025-06-30)" });
    expect(valueOf("Aetna", "96415", "2025-07-01")).toMatchObject({ cents: 15_000, detail: "fee schedule, default (*) row for 96415 (effective 2024-01-01)" });
    expect(valueOf("Cigna", "96415", "2025-03-04")).toMatchObject({ cents: 15_000, source: "fee_schedule" });
  });

  test("reference rates by setting and year, labelled as reference", () => {
    const valueOf = buildValuator({ paid: [], feeSchedule: [], setting: "professional", asOf: "2025-12-31" });
    expect(valueOf("Aetna", "96415", "2025-03-04")).toMatchObject({
      cents: 2555,
      source: "reference",
      detail: "reference rate, Medicare PFS national non-facility (rule book §10.1; secondary source), CY2025",
    });
    expect(valueOf("Aetna", "96415", "2024-03-04").detail).toBe(
      "reference rate, Medicare PFS national non-facility (rule book §10.1; secondary source), CY2025, the nearest year to 2024",
    );
    expect(valueOf("Aetna", "96415", "2026-03-04").cents).toBe(2839);
    const facility = buildValuator({ paid: [], feeSchedule: [], setting: "facility", asOf: "2025-12-31" });
    expect(facility("Aetna", "96413", "2025-03-04")).toMatchObject({ cents: 33169, source: "reference" });
  });

  test("no value at all is 0 with source none, never a guess", () => {
    const valueOf = buildValuator({ paid: [], feeSchedule: [], setting: "professional", asOf: "2025-12-31" });
    expect(valueOf("Aetna", "96523", "2025-03-04")).toMatchObject({ cents: 0, source: "none" });
  });

  test("reference years fall back to the nearest year", () => {
    expect(findReferenceRate("96413", "professional", 2030)).toMatchObject({ year: 2026, cents: 13327 });
    expect(findReferenceRate("96413", "facility", 2026)).toMatchObject({ year: 2025 });
    expect(findReferenceRate("96401", "professional", 2025)).toBeNull();
  });
});
