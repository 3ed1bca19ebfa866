import { describe, expect, test } from "vitest";
import { buildDatePresets } from "@/lib/dashboard/date-presets";
import { resolveWindow } from "@/lib/dashboard/resolve-window";
import { carcLabel, codeLabel } from "@/lib/dashboard/code-label";

describe("resolveWindow (spec §5.4)", () => {
  test("no date filter: first to last date of service, weeks counted inclusive", () => {
    expect(resolveWindow({}, "2024-01-01", "2025-12-26")).toEqual({ from: "2024-01-01", to: "2025-12-26", weeks: 104 });
    expect(resolveWindow({}, "2025-03-09", "2025-03-10")).toEqual({ from: "2025-03-09", to: "2025-03-10", weeks: 2 });
  });

  test("a date filter: filter days ÷ 7, even beyond the data", () => {
    expect(resolveWindow({ from: "2025-03-03", to: "2025-03-30" }, "2025-03-10", "2025-03-12")).toEqual({ from: "2025-03-03", to: "2025-03-30", weeks: 4 });
    expect(resolveWindow({ from: "2025-03-03", to: "2025-03-30" }, null, null)?.weeks).toBe(4);
  });

  test("one open end is closed by the data's week", () => {
    expect(resolveWindow({ from: "2025-03-03" }, "2025-01-01", "2025-03-19")).toEqual({ from: "2025-03-03", to: "2025-03-23", weeks: 3 });
    expect(resolveWindow({ to: "2025-03-09" }, "2025-02-26", "2025-12-01")).toEqual({ from: "2025-02-24", to: "2025-03-09", weeks: 2 });
  });

  test("no data and no full range: no window", () => {
    expect(resolveWindow({}, null, null)).toBeNull();
    expect(resolveWindow({ from: "2026-01-05" }, "2025-01-01", "2025-03-19")).toBeNull();
  });
});

describe("buildDatePresets", () => {
  test("whole weeks ending with the last data week", () => {
    expect(buildDatePresets("2025-12-26")).toEqual([
      { label: "Last 4 weeks", from: "2025-12-01", to: "2025-12-28" },
      { label: "Last 13 weeks", from: "2025-09-29", to: "2025-12-28" },
      { label: "Last 52 weeks", from: "2024-12-30", to: "2025-12-28" },
      { label: "All weeks" },
    ]);
    expect(buildDatePresets(null)).toEqual([]);
  });
});

describe("labels", () => {
  test("our own short code labels, never licensed descriptors", () => {
    expect(codeLabel("96415")).toBe("Chemo infusion, each extra hour");
    expect(codeLabel("")).toBe("Claim level");
    expect(codeLabel("J9263")).toBe("J9263");
  });

  test("CARC group + reason: the code, then our own words (tests/unit/dashboard/reason-labels.test.ts)", () => {
    expect(carcLabel("CO", "16")).toBe("CO-16 · Claim info missing or wrong (see remark code)");
    expect(carcLabel("CO", "999")).toBe("CO-999");
  });
});
