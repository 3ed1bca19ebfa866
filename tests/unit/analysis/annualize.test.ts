import { describe, expect, test } from "vitest";
import { annualize, perWeek, windowFromData, windowFromFilter } from "@/lib/analysis/annualize";

describe("annualization (spec §5.4)", () => {
  test("the seed: 20 sessions a week × one $150 hour → $3,000 a week, $156,000 a year", () => {
    const weeklyTotal = 20 * 15_000;
    expect(annualize(weeklyTotal * 52, 52)).toEqual({ weeklyCents: 300_000, annualizedCents: 15_600_000 });
  });

  test("the same rate over 13 weeks also annualizes to $156,000", () => {
    expect(annualize(20 * 15_000 * 13, 13)).toEqual({ weeklyCents: 300_000, annualizedCents: 15_600_000 });
  });

  test("a user filter window is its days ÷ 7", () => {
    const window = windowFromFilter("2025-01-01", "2025-01-14");
    expect(window.weeks).toBe(2);
    expect(annualize(600_000, window.weeks).annualizedCents).toBe(15_600_000);
  });

  test("a data window counts whole weeks from the first to the last date of service", () => {
    expect(windowFromData("2025-03-05", "2025-03-31").weeks).toBe(5);
  });

  test("no weeks means zero, not NaN or Infinity", () => {
    expect(annualize(1000, 0)).toEqual({ weeklyCents: 0, annualizedCents: 0 });
    expect(perWeek(10, 0)).toBe(0);
  });

  test("weekly is rounded to the cent before × 52, as the spec defines", () => {
    expect(annualize(1000, 3)).toEqual({ weeklyCents: 333, annualizedCents: 333 * 52 });
    expect(perWeek(20, 3)).toBe(6.67);
  });
});
