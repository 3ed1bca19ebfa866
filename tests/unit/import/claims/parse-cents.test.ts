import { describe, expect, test } from "vitest";
import { formatCents, parseCents } from "@/lib/import/claims/parse-cents";

describe("parseCents (CSV format)", () => {
  test.each([
    ["1234.56", 123456],
    ["$1,234.56", 123456],
    ["  $ 1,234.56 ", 123456],
    ["(12.00)", -1200],
    ["($1,000.10)", -100010],
    ["-12.5", -1250],
    ["+12.5", 1250],
    ["$-3.10", -310],
    ["-$3.10", -310],
    ["12.00-", -1200],
    ["0", 0],
    ["-0.00", 0],
    [".5", 50],
    ["5.", 500],
    ["007.01", 701],
    ["1234567", 123456700],
    // Floating point would give 1.15 * 100 = 114.99999999999999 and 0.29 * 100 = 28.999999999999996.
    ["1.15", 115],
    ["0.29", 29],
    ["19.99", 1999],
    // More than two decimals: half away from zero on the third decimal.
    ["1234.565", 123457],
    ["1234.5649", 123456],
    ["1234.564999", 123456],
    ["0.005", 1],
    ["-0.005", -1],
    ["-1234.565", -123457],
    ["0.0049", 0],
  ])("%j → %d", (text, cents) => {
    expect(parseCents(text)).toBe(cents);
  });

  test.each(["", "   ", "abc", "12a", "1,23.00", "12,34", "1.2.3", "--1", "(-1)", "(1", "$", "-", ".", "1 000", "1e3", "12..5", "99999999999999.00"])(
    "%j is not an amount",
    (text) => {
      expect(parseCents(text)).toBeUndefined();
    },
  );
});

describe("parseCents (X12 format)", () => {
  test.each([
    ["1766.50", 176650],
    ["-9.00", -900],
    ["-1.27", -127],
    ["5.5", 550],
    ["6", 600],
    [".75", 75],
    ["0", 0],
  ])("%j → %d", (text, cents) => {
    expect(parseCents(text, { format: "x12" })).toBe(cents);
  });

  test.each(["$5.00", "1,000.00", "(5.00)", "+5", "5-", "1O0.00"])("%j is not an X12 amount", (text) => {
    expect(parseCents(text, { format: "x12" })).toBeUndefined();
  });
});

test("formatCents", () => {
  expect([formatCents(0), formatCents(5), formatCents(-1250), formatCents(123456)]).toEqual(["0.00", "0.05", "-12.50", "1234.56"]);
});
