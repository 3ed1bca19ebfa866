import { describe, expect, test } from "vitest";
import { formatCount } from "@/lib/format/format-count";
import { formatHours } from "@/lib/format/format-hours";
import { formatPercent } from "@/lib/format/format-percent";
import { formatDate, formatDateRange, formatWeekLabel, formatWeekRange } from "@/lib/format/format-week";

describe("formatWeekLabel / formatWeekRange (weeks read left to right)", () => {
  test("axis label is the month and day of the week's first day", () => {
    expect(formatWeekLabel("2025-03-03")).toBe("Mar 3");
    expect(formatWeekLabel("2024-12-30")).toBe("Dec 30");
  });

  test("tooltip range is the full seven days with the year once", () => {
    expect(formatWeekRange("2025-03-03")).toBe("Mar 3 – Mar 9, 2025");
  });

  test("a week across New Year shows both years", () => {
    expect(formatWeekRange("2025-12-29")).toBe("Dec 29, 2025 – Jan 4, 2026");
  });

  test("a week across a month end and a leap day", () => {
    expect(formatWeekRange("2024-02-26")).toBe("Feb 26 – Mar 3, 2024");
  });

  test("dates and ranges", () => {
    expect(formatDate("2025-03-09")).toBe("Mar 9, 2025");
    expect(formatDateRange("2024-01-01", "2025-12-26")).toBe("Jan 1, 2024 – Dec 26, 2025");
  });

  test("rejects what is not a YYYY-MM-DD date", () => {
    expect(() => formatWeekLabel("03/03/2025")).toThrow(RangeError);
  });
});

describe("formatHours", () => {
  test.each([
    [35.71, "35.71 h"],
    [12, "12 h"],
    [1_234, "1,234 h"],
    [0.5, "0.5 h"],
  ])("%d → %s", (hours, expected) => {
    expect(formatHours(hours)).toBe(expected);
  });

  test("units", () => {
    expect(formatHours(1, { unit: "hours" })).toBe("1 hour");
    expect(formatHours(2.5, { unit: "hours" })).toBe("2.5 hours");
    expect(formatHours(2.5, { unit: "none" })).toBe("2.5");
  });
});

describe("formatPercent", () => {
  test.each([
    [0.0432, 1, "4.3%"],
    [0.017040598, 1, "1.7%"],
    [1, 0, "100%"],
    [0, 1, "0.0%"],
  ])("%d (%i decimals) → %s", (ratio, decimals, expected) => {
    expect(formatPercent(ratio, decimals)).toBe(expected);
  });

  test("no ratio is a dash", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });
});

test("formatCount", () => {
  expect(formatCount(30_507)).toBe("30,507");
});
