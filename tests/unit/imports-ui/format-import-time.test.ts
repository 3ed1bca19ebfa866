import { describe, expect, test } from "vitest";
import { formatDuration, formatImportTime } from "@/components/imports/format-import-time";
import { importKindLabel, importStatusBadge } from "@/components/imports/import-labels";

describe("formatImportTime", () => {
  test("shows the instant in the practice's time zone", () => {
    expect(formatImportTime("2025-03-04T15:05:00Z", "America/New_York")).toBe("Mar 4, 2025, 10:05 AM");
    expect(formatImportTime("2025-07-04T15:05:00Z", "America/Phoenix")).toBe("Jul 4, 2025, 8:05 AM");
  });
});

describe("formatDuration", () => {
  test.each([
    [12, "12 ms"],
    [1_500, "1.5 s"],
    [42_000, "42 s"],
    [125_000, "2 min 5 s"],
    [120_000, "2 min"],
    [3_780_000, "1 h 3 min"],
    [-1, "—"],
  ])("%i ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe("labels", () => {
  test("every status badge carries a word, not only a colour", () => {
    for (const status of ["succeeded", "duplicate", "needs_mapping", "failed", "running", "pending", "odd"]) {
      expect(importStatusBadge(status).label.length).toBeGreaterThan(0);
    }
    expect(importStatusBadge("duplicate").label).toBe("Already imported");
  });

  test("kind labels", () => {
    expect(importKindLabel("remittance_835")).toBe("835 remittance");
    expect(importKindLabel(null)).toBe("—");
    expect(importKindLabel("new_kind")).toBe("new_kind");
  });
});
