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
});
