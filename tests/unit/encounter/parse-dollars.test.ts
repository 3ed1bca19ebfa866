import { describe, expect, test } from "vitest";
import { MAX_RECOVERED_CENTS, parseDollarsInput } from "@/components/encounter/parse-dollars";

describe("parseDollarsInput (the recovered amount a person types)", () => {
  test.each([
    ["150", 15_000],
    ["12.34", 1_234],
    ["0.29", 29],
    ["19.99", 1_999],
    ["12.5", 1_250],
    [".5", 50],
    ["7.", 700],
    ["$1,234.56", 123_456],
    ["  42  ", 4_200],
    ["0", 0],
    ["10000000", MAX_RECOVERED_CENTS],
  ])("%j → %i cents, read from the string", (text, cents) => {
    expect(parseDollarsInput(text)).toEqual({ ok: true, cents });
  });

  test("amounts whose float product is off by a cent stay exact", () => {
    // 4.35 * 100 === 434.99999999999994 and 1.15 * 100 === 114.99999999999999 in floating point.
    expect(parseDollarsInput("4.35")).toEqual({ ok: true, cents: 435 });
    expect(parseDollarsInput("1.15")).toEqual({ ok: true, cents: 115 });
    expect(parseDollarsInput("1234567.89")).toEqual({ ok: true, cents: 123_456_789 });
  });

  test("blank is no amount (the caller decides: the finding's value, or required)", () => {
    expect(parseDollarsInput("")).toEqual({ ok: true, cents: null });
    expect(parseDollarsInput("   ")).toEqual({ ok: true, cents: null });
  });

  test.each([
    ["12.345", /two digits/],
    ["abc", /amount in dollars/],
    ["12a", /amount in dollars/],
    ["1,23", /amount in dollars/],
    ["$", /amount in dollars/],
    ["-5", /negative/],
    ["(5.00)", /negative/],
    ["10000000.01", /too large/],
  ])("%j is refused with words", (text, message) => {
    const result = parseDollarsInput(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
