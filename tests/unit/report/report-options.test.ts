import { describe, expect, test } from "vitest";
import { REPORT_SECTIONS } from "@/lib/report/report-data";
import { parseReportChoices, presetRange, toReportSearchParams, ZReportJobBody } from "@/lib/report/report-options";

const MONDAY = { lastDate: "2025-12-26", weekStartsOn: 1 as const };

describe("report period presets (whole weeks ending with the last week that has data)", () => {
  test.each([
    ["quarter", "2025-12-26", { from: "2025-09-29", to: "2025-12-28" }],
    ["year", "2025-12-26", { from: "2024-12-30", to: "2025-12-28" }],
    ["quarter", "2025-12-22", { from: "2025-09-29", to: "2025-12-28" }],
    ["quarter", "2025-12-28", { from: "2025-09-29", to: "2025-12-28" }],
  ] as const)("%s ending %s", (period, lastDate, expected) => {
    expect(presetRange(period, lastDate, 1)).toEqual(expected);
  });

  test("13 and 52 whole weeks", () => {
    const quarter = presetRange("quarter", "2025-06-11", 1);
    const days = (Date.parse(`${quarter.to}T00:00:00Z`) - Date.parse(`${quarter.from}T00:00:00Z`)) / 86_400_000 + 1;
    expect(days).toBe(13 * 7);
  });

  test("a Sunday week start", () => {
    expect(presetRange("quarter", "2025-12-26", 0)).toEqual({ from: "2025-09-28", to: "2025-12-27" });
  });
});

describe("parseReportChoices", () => {
  test("defaults: last quarter, every section, de-identified", () => {
    expect(parseReportChoices({}, MONDAY)).toEqual({ period: "quarter", filters: { from: "2025-09-29", to: "2025-12-28" }, sections: [...REPORT_SECTIONS], deidentify: true });
  });

  test("a filtered dashboard view carries over: its dates become a custom range, its other filters stay", () => {
    const choices = parseReportChoices({ from: "2025-03-05", to: "2025-03-12", payer: "Aetna", cause: "coding" }, MONDAY);
    expect(choices.period).toBe("custom");
    expect(choices.filters).toEqual({ from: "2025-03-03", to: "2025-03-16", payer: "Aetna", cause: "coding" });
  });

  test("a preset replaces the carried dates but keeps the other filters", () => {
    const choices = parseReportChoices({ period: "year", from: "2025-03-05", payer: "Aetna" }, MONDAY);
    expect(choices.filters).toEqual({ payer: "Aetna", from: "2024-12-30", to: "2025-12-28" });
  });

  test("all data has no dates; an unknown period falls back to the default", () => {
    expect(parseReportChoices({ period: "all", site: "North" }, MONDAY).filters).toEqual({ site: "North" });
    expect(parseReportChoices({ period: "decade" }, MONDAY).period).toBe("quarter");
  });

  test("sections from the form's ticked boxes, from a link's list, or all when none is valid", () => {
    expect(parseReportChoices({ section: ["trend", "summary"], sections: "" }, MONDAY).sections).toEqual(["summary", "trend"]);
    expect(parseReportChoices(new URLSearchParams("section=rebill&section=methodology&sections="), MONDAY).sections).toEqual(["rebill", "methodology"]);
    expect(parseReportChoices({ sections: "denials,findings" }, MONDAY).sections).toEqual(["denials", "findings"]);
    expect(parseReportChoices({ sections: "bogus" }, MONDAY).sections).toEqual([...REPORT_SECTIONS]);
  });

  test("de-identification is turned off only by an explicit 0 (the form's ticked box comes first)", () => {
    expect(parseReportChoices({ deidentified: "0" }, MONDAY).deidentify).toBe(false);
    expect(parseReportChoices(new URLSearchParams("deidentified=1&deidentified=0"), MONDAY).deidentify).toBe(true);
  });

  test("no data yet: a preset has no dates", () => {
    expect(parseReportChoices({}, { lastDate: null, weekStartsOn: 1 }).filters).toEqual({});
  });

  test("round trip through the URL", () => {
    const choices = parseReportChoices({ period: "custom", from: "2025-01-06", to: "2025-02-02", sections: "summary,rebill", deidentified: "0" }, MONDAY);
    expect(parseReportChoices(toReportSearchParams(choices), MONDAY)).toEqual(choices);
  });
});

describe("the job body", () => {
  test("needs a known format and at least one known section", () => {
    expect(ZReportJobBody.safeParse({ format: "pdf", filters: {}, sections: ["summary"], deidentify: true }).success).toBe(true);
    expect(ZReportJobBody.safeParse({ format: "docx", filters: {}, sections: ["summary"], deidentify: true }).success).toBe(false);
    expect(ZReportJobBody.safeParse({ format: "pdf", filters: {}, sections: [], deidentify: true }).success).toBe(false);
    expect(ZReportJobBody.safeParse({ format: "pdf", filters: {}, sections: ["cover-letter"], deidentify: true }).success).toBe(false);
    expect(ZReportJobBody.safeParse({ format: "pdf", filters: {}, sections: ["summary"] }).success).toBe(false);
  });
});
