import { describe, expect, test } from "vitest";
import { formatCents, formatDollars, formatDollarsCompact } from "@/lib/format/format-money";

describe("formatDollars (KPI cards: whole dollars, separators, no cents)", () => {
  test.each([
    [15_600_000, "$156,000"],
    [0, "$0"],
    [49, "$0"],
    [50, "$1"],
    [123_456_789, "$1,234,568"],
    [-1_250, "-$13"],
    [-49, "$0"],
  ])("%i cents → %s", (cents, expected) => {
    expect(formatDollars(cents)).toBe(expected);
  });

  test("negatives in parentheses on request", () => {
    expect(formatDollars(-120_000, { negative: "parentheses" })).toBe("($1,200)");
  });
});

describe("formatCents (tables: cents, negatives in parentheses)", () => {
  test.each([
    [123_456, "$1,234.56"],
    [0, "$0.00"],
    [5, "$0.05"],
    [-1_200, "($12.00)"],
    [100_000_000, "$1,000,000.00"],
  ])("%i cents → %s", (cents, expected) => {
    expect(formatCents(cents)).toBe(expected);
  });

  test("a minus sign on request", () => {
    expect(formatCents(-1_200, { negative: "minus" })).toBe("-$12.00");
  });
});

describe("formatDollarsCompact (chart axes)", () => {
  test.each([
    [0, "$0"],
    [95_000, "$950"],
    [1_250_000, "$12.5k"],
    [15_000_000, "$150k"],
    [123_000_000, "$1.2M"],
    [-300_000, "-$3k"],
  ])("%i cents → %s", (cents, expected) => {
    expect(formatDollarsCompact(cents)).toBe(expected);
  });
});
