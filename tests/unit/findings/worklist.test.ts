import { describe, expect, test } from "vitest";
import { compareLines } from "@/components/encounter/compare-lines";
import { findOverlaps, layoutTimeline, MISSING_STOP_STUB_MINUTES } from "@/components/encounter/timeline-layout";
import { todayInTimeZone } from "@/components/findings/today-in-time-zone";
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding/settings";
import {
  decodeFindingCursor,
  encodeFindingCursor,
  parseFindingListQuery,
  toFindingSearchParams,
} from "@/lib/db/findings/finding-list-query";
import { defaultRuleSettings, readRuleSettings, RULE_OPTIONS, ZRuleSettings } from "@/lib/db/settings/rule-options";
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";

const MINUTE = 60_000;
const T0 = Date.parse("2025-03-04T14:00:00Z"); // 09:00 in New York

describe("worklist query from the URL", () => {
  test("defaults: newest first, 50 a page, no filters", () => {
    expect(parseFindingListQuery({})).toEqual({ filters: {}, sort: "date", direction: "desc", limit: 50 });
  });

  test("dashboard filters snap to whole weeks; worklist filters are kept; junk is dropped", () => {
    const query = parseFindingListQuery(
      new URLSearchParams("from=2025-03-05&to=2025-03-05&payer=Aetna&cause=coding&kind=missed_addon_hours&code=96415&estimate=no&sort=value&dir=asc&size=20&bogus=1"),
    );
    expect(query).toEqual({
      filters: { from: "2025-03-03", to: "2025-03-09", payer: "Aetna", cause: "coding", kind: "missed_addon_hours", code: "96415", estimate: false },
      sort: "value",
      direction: "asc",
      limit: 20,
    });
    expect(parseFindingListQuery({ cause: "nonsense", code: "';DROP", kind: "X Y", sort: "evil", size: "100000" })).toEqual(parseFindingListQuery({}));
  });

  test("the rebill view sorts by deadline first and pages by number", () => {
    expect(parseFindingListQuery({ view: "rebill", page: "3" })).toMatchObject({ filters: { rebill: true }, sort: "deadline", direction: "asc", page: 3 });
    expect(parseFindingListQuery({ page: "3" }).page).toBeUndefined();
  });

  test("cursors round-trip through the URL; a tampered cursor is ignored", () => {
    const cursor = { values: ["2025-03-04", null], id: 42 };
    expect(decodeFindingCursor(encodeFindingCursor(cursor))).toEqual(cursor);
    expect(decodeFindingCursor("not-base64-json")).toBeUndefined();
    expect(decodeFindingCursor(Buffer.from(JSON.stringify({ v: [{}], i: 1 })).toString("base64url"))).toBeUndefined();
  });

  test("toFindingSearchParams is the inverse of the parser (defaults left out)", () => {
    const query = parseFindingListQuery({ payer: "Medicare", kind: "unit_cut", estimate: "yes", sort: "payer", dir: "desc" });
    const params = toFindingSearchParams({ ...query, after: { values: ["Medicare"], id: 9 } });
    expect(params.get("sort")).toBe("payer");
    expect(params.get("dir")).toBe("desc");
    expect(params.get("estimate")).toBe("yes");
    expect(parseFindingListQuery(params)).toEqual({ ...query, after: { values: ["Medicare"], id: 9 } });
    expect(toFindingSearchParams(parseFindingListQuery({})).toString()).toBe("");
  });
});

describe("rule options", () => {
  test("every option of DEFAULT_CODING_SETTINGS except the organization's setting is on the page, with a § and its default", () => {
    const keys = Object.keys(DEFAULT_CODING_SETTINGS).filter((key) => key !== "setting");
    expect(RULE_OPTIONS.map((option) => option.key).sort()).toEqual(keys.sort());
    for (const option of RULE_OPTIONS) expect(option.section).toMatch(/^§\d/);
    expect(ZRuleSettings.parse(defaultRuleSettings())).toEqual(defaultRuleSettings());
    for (const key of keys) expect((defaultRuleSettings() as Record<string, unknown>)[key]).toBe((DEFAULT_CODING_SETTINGS as Record<string, unknown>)[key]);
  });

  test("stored rule settings are read leniently: bad values fall back to the default", () => {
    expect(readRuleSettings({ midnightRule: "calendarDay", missingStop: "sometimes", sequentialMinMinutes: 20 })).toEqual({
      ...defaultRuleSettings(),
      midnightRule: "calendarDay",
      sequentialMinMinutes: 20,
    });
    expect(readRuleSettings(null)).toEqual(defaultRuleSettings());
    expect(readRuleSettings([1, 2])).toEqual(defaultRuleSettings());
  });
});

describe("timeline layout", () => {
  test("one row per drug in order of first use; bars, pushes and missing stops", () => {
    const layout = layoutTimeline([
      { id: 1, drug: "Oxaliplatin", category: "chemo", route: "iv_infusion", startAt: T0, stopAt: T0 + 120 * MINUTE },
      { id: 2, drug: "Ondansetron", category: "therapeutic", route: "iv_push", startAt: T0 - 10 * MINUTE, stopAt: T0 - 8 * MINUTE },
      { id: 3, drug: "Leucovorin", category: "therapeutic", route: "iv_infusion", startAt: T0 + 30 * MINUTE, stopAt: T0 + 90 * MINUTE },
      { id: 4, drug: "Normal saline", category: "hydration", route: "iv_infusion", startAt: T0 + 150 * MINUTE, stopAt: null },
      { id: 5, drug: "oxaliplatin ", category: "chemo", route: "iv_infusion", startAt: T0 + 200 * MINUTE, stopAt: T0 + 230 * MINUTE },
    ]);
    expect(layout.rows.map((row) => row.drug)).toEqual(["Ondansetron", "Oxaliplatin", "Leucovorin", "Normal saline"]);
    expect(layout.marks.map((mark) => [mark.id, mark.kind, mark.row])).toEqual([
      [2, "push", 0],
      [1, "bar", 1],
      [3, "bar", 2],
      [4, "missing-stop", 3],
      [5, "bar", 1],
    ]);
    const missing = layout.marks.find((mark) => mark.kind === "missing-stop");
    expect(missing && missing.kind === "missing-stop" ? missing.end - missing.start : 0).toBe(MISSING_STOP_STUB_MINUTES * MINUTE);
    // Oxaliplatin and leucovorin overlap 30–90 min; the gap before the next oxaliplatin stays a gap.
    expect(layout.overlaps).toEqual([{ start: T0 + 30 * MINUTE, end: T0 + 90 * MINUTE }]);
    expect(layout.axisStart).toBeLessThanOrEqual(T0 - 10 * MINUTE);
    expect(layout.axisEnd).toBeGreaterThanOrEqual(T0 + 230 * MINUTE);
  });

  test("ticks fall on local hours of the practice's time zone", () => {
    const layout = layoutTimeline(
      [{ id: 1, drug: "IVIG", category: "therapeutic", route: "iv_infusion", startAt: T0 + 7 * MINUTE, stopAt: T0 + 300 * MINUTE }],
      () => -300, // UTC−5
    );
    for (const tick of layout.ticks) expect(((tick / MINUTE - 300) % 60 + 60) % 60).toBe(0);
    expect(layout.ticks.length).toBeLessThanOrEqual(12);
  });

  test("overlap windows merge and need two infusions at once", () => {
    expect(findOverlaps([])).toEqual([]);
    expect(findOverlaps([{ start: 0, end: 10 }, { start: 10, end: 20 }])).toEqual([]);
    expect(findOverlaps([{ start: 0, end: 10 }, { start: 5, end: 20 }, { start: 8, end: 15 }])).toEqual([{ start: 5, end: 15 }]);
  });
});

describe("should bill vs billed", () => {
  test("missing units mark the canonical line; denials and over-billing mark the billed line", () => {
    const marks = compareLines(
      [
        { id: 1, code: "96413", units: 1 },
        { id: 2, code: "96415", units: 2 },
        { id: 3, code: "96368", units: 1 },
      ],
      [
        { id: 10, code: "96413", billedUnits: 1, paidUnits: 1, status: "paid" },
        { id: 11, code: "96415", billedUnits: 1, paidUnits: 1, status: "paid" },
        { id: 12, code: "96375", billedUnits: 1, paidUnits: 0, status: "denied" },
        { id: 13, code: "96361", billedUnits: 2, paidUnits: 2, status: "paid" },
        { id: 14, code: "J9263", billedUnits: 100, paidUnits: 100, status: "paid" },
        { id: 15, code: "96413", billedUnits: 1, paidUnits: 1, status: "reversed" },
      ],
      [{ kind: "missed_addon_hours", cause: "coding", code: "96415" }],
    );
    expect(Object.fromEntries(marks.coded)).toEqual({
      2: { cause: "coding", note: "billed 1 of 2 units" },
      3: { cause: "coding", note: "not billed" },
    });
    expect(Object.fromEntries(marks.billed)).toEqual({
      11: { cause: "coding", note: "see findings" },
      12: { cause: "payer", note: "denied" },
      13: { cause: "compliance", note: "not supported" },
    });
  });
});

describe("export safety and dates", () => {
  test.each(["=1+2", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])("a cell starting with %j is neutralized", (value) => {
    expect(neutralizeCsvCell(value).replace(/^"/, "")).toMatch(/^'/);
  });

  test("today in the practice's time zone, not the server's", () => {
    const late = new Date("2026-01-01T03:00:00Z");
    expect(todayInTimeZone("America/Chicago", late)).toBe("2025-12-31");
    expect(todayInTimeZone("Asia/Tokyo", late)).toBe("2026-01-01");
    expect(todayInTimeZone("Not/AZone", late)).toBe("2026-01-01");
  });
});
