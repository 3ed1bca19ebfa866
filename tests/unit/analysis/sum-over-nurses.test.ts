import { describe, expect, test } from "vitest";
import { sumOverNurses, type FindingRollupRow } from "@/lib/analysis/week-analysis";

const row = (nurse: string, overrides: Partial<FindingRollupRow> = {}): FindingRollupRow => ({
  weekStart: "2025-03-03", payer: "Aetna", site: "Riverside", nurse, setting: "facility", cause: "coding", kind: "missed_addon_hours", code: "96366",
  findings: 1, units: 2, valueCents: 2_600, ...overrides,
});

describe("sumOverNurses (FindingSummaryRollup rows)", () => {
  test.each([
    ["two nurses, same cell: one row with both sums", [row("RN A"), row("RN B", { findings: 2, units: 3, valueCents: 3_900 })], [{ findings: 3, units: 5, valueCents: 6_500 }]],
    ["another week stays apart", [row("RN A"), row("RN A", { weekStart: "2025-03-10" })], [{ findings: 1 }, { findings: 1 }]],
    ["another payer, site, setting, cause, kind or code stays apart", [
      row("RN A"), row("RN A", { payer: "BCBS" }), row("RN A", { site: "Lakeview" }), row("RN A", { setting: "professional" }),
      row("RN A", { cause: "documentation" }), row("RN A", { kind: "missed_sequential" }), row("RN A", { code: "96367" }),
    ], Array.from({ length: 7 }, () => ({ findings: 1, units: 2, valueCents: 2_600 }))],
    ["no rows: no summary", [], []],
  ])("%s", (_label, rows, expected) => {
    const summary = sumOverNurses(rows);
    expect(summary).toHaveLength(expected.length);
    summary.forEach((sum, index) => expect(sum).toMatchObject(expected[index]!));
    for (const sum of summary) expect(sum).not.toHaveProperty("nurse");
  });

  test("does not change its input rows", () => {
    const rows = [row("RN A"), row("RN B")];
    sumOverNurses(rows);
    expect(rows.map((r) => r.findings)).toEqual([1, 1]);
  });
});
