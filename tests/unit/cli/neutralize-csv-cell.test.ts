import { describe, expect, test } from "vitest";
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";

describe("neutralizeCsvCell", () => {
  test.each([
    ["96413", "96413"],
    [1, "1"],
    [-1, "-1"],
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "\"'\rx\""],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["", ""],
  ] as const)("%j → %j", (value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected);
  });

  // Issue 11's reproduction: spreadsheets still run these as formulas; the old check looked at the first character only.
  test.each([
    [" =1+1", "' =1+1"],
    ["   +1", "'   +1"],
    [" -1", "' -1"],
    [" @SUM(A1)", "' @SUM(A1)"],
    ["\u00A0=1+1", "'\u00A0=1+1"],
    ["\u00A0 \u00A0@x", "'\u00A0 \u00A0@x"],
    ["\u3000=1", "'\u3000=1"],
    ["\u202F=1", "'\u202F=1"],
    ["\uFF1D1+1", "'\uFF1D1+1"],
    ["\uFF0B1", "'\uFF0B1"],
    ["\uFF0D1", "'\uFF0D1"],
    ["\uFF20SUM(A1)", "'\uFF20SUM(A1)"],
    [" \uFF1DHYPERLINK(\"http://x\")", "\"' \uFF1DHYPERLINK(\"\"http://x\"\")\""],
    ["\n=1", "\"'\n=1\""],
    [" =cmd,calc", "\"' =cmd,calc\""],
  ] as const)("formula after blanks or in full-width form: %j → %j", (value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected);
  });

  test.each([
    [" 96413", " 96413"],
    ["a = b", "a = b"],
    ["J9263 -", "J9263 -"],
    ["\u00A0", "\u00A0"],
    ["   ", "   "],
    ["x\uFF1D1", "x\uFF1D1"],
  ] as const)("text that does not start a formula stays as it is: %j → %j", (value, expected) => {
    expect(neutralizeCsvCell(value)).toBe(expected);
  });
});
