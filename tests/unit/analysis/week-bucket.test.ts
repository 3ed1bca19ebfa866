import { describe, expect, test } from "vitest";
import { addDays, listWeekStarts, weekStartOf, weeksBetween, daysInclusive } from "@/lib/analysis/week-bucket";

describe("weekStartOf", () => {
  test.each([
    ["2025-03-03", 1, "2025-03-03"], // Monday stays
    ["2025-03-09", 1, "2025-03-03"], // Sunday belongs to the Monday before
    ["2025-03-10", 1, "2025-03-10"],
    ["2025-03-09", 0, "2025-03-09"], // Sunday-start weeks
    ["2025-03-08", 0, "2025-03-02"],
    ["2024-01-01", 1, "2024-01-01"],
    ["2025-01-01", 1, "2024-12-30"], // across a year boundary
    ["2024-02-29", 1, "2024-02-26"], // leap day
  ] as const)("%s (weeks start on %i) → %s", (date, startsOn, expected) => {
    expect(weekStartOf(date, startsOn)).toBe(expected);
  });

  test("rejects what is not a calendar date", () => {
    expect(() => weekStartOf("2025-02-30")).toThrow(/calendar date/);
    expect(() => weekStartOf("03/04/2025")).toThrow(/YYYY-MM-DD/);
  });
});

describe("weeks in a window (spec §5.4)", () => {
  test.each([
    ["2025-03-03", "2025-03-09", 1],
    ["2025-03-09", "2025-03-10", 2],
    ["2025-01-06", "2025-12-28", 51],
    ["2024-12-30", "2025-12-28", 52],
  ] as const)("%s … %s → %i weeks", (first, last, weeks) => {
    expect(weeksBetween(first, last)).toBe(weeks);
  });

  test("lists every week so empty weeks chart as zero", () => {
    expect(listWeekStarts("2025-03-05", "2025-03-20")).toEqual(["2025-03-03", "2025-03-10", "2025-03-17"]);
  });

  test("a window that ends before it starts is an error, not zero weeks", () => {
    expect(() => weeksBetween("2025-03-20", "2025-03-01")).toThrow(/before it starts/);
    expect(() => daysInclusive("2025-03-20", "2025-03-01")).toThrow(/before it starts/);
  });

  test("addDays crosses month and year ends", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
  });
});
