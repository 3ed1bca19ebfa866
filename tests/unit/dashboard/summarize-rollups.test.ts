import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { windowFromData, windowFromFilter } from "@/lib/analysis/annualize";
import { summarizeFindings } from "@/lib/analysis/summarize-findings";
import type { Finding } from "@/lib/analysis/types";
import { addDays, weekStartOf } from "@/lib/analysis/week-bucket";
import { buildWeeklyLeakage, groupLeakageBy, summarizeFindingSums, withDenialRates, type TFindingSums } from "@/lib/dashboard/summarize-rollups";

function finding(partial: Partial<Finding> & Pick<Finding, "cause" | "kind" | "valueCents" | "units" | "dateOfService">): Finding {
  return { encounterId: "E1", payer: "Aetna", code: "96415", valueSource: "fee_schedule", isEstimate: false, explanation: "", ...partial } as Finding;
}

/** What the recompute writes: findings summed by week, cause, kind (the rollup grain the overview reads). */
function rollUp(findings: readonly Finding[]): (TFindingSums & { weekStart: string })[] {
  const groups = new Map<string, TFindingSums & { weekStart: string }>();
  for (const item of findings) {
    const weekStart = weekStartOf(item.dateOfService);
    const key = `${weekStart}|${item.cause}|${item.kind}`;
    const group = groups.get(key) ?? { weekStart, cause: item.cause, kind: item.kind, valueCents: 0, units: 0, findings: 0 };
    group.valueCents += item.valueCents;
    group.units += item.units;
    group.findings += 1;
    groups.set(key, group);
  }

  return [...groups.values()];
}

describe("summarizeFindingSums", () => {
  test("spec §5.4 worked example: 20 sessions a week × one missed $150 hour annualize to $156,000 (52 or 13 weeks)", () => {
    for (const weeks of [52, 13]) {
      const findings: Finding[] = [];
      for (let week = 0; week < weeks; week++) {
        for (let session = 0; session < 20; session++) {
          findings.push(finding({ cause: "coding", kind: "missed_addon_hours", valueCents: 15_000, units: 1, dateOfService: addDays("2025-01-06", week * 7 + (session % 5)) }));
        }
      }
      const window = windowFromData("2025-01-06", addDays("2025-01-06", (weeks - 1) * 7 + 4));
      const totals = summarizeFindingSums(rollUp(findings), window);
      expect(totals.weeklyLeakageCents).toBe(300_000);
      expect(totals.annualizedLeakageCents).toBe(15_600_000);
      expect(totals.lostAddOnHoursPerWeek).toBe(20);
    }
  });

  test("compliance exposure is summed apart and never added to leakage", () => {
    const totals = summarizeFindingSums(
      [
        { cause: "coding", kind: "missed_addon_hours", valueCents: 1_000, units: 2, findings: 1 },
        { cause: "compliance", kind: "overcoded_units", valueCents: 9_999, units: 3, findings: 4 },
        { cause: "documentation", kind: "missing_stop_time", valueCents: 500, units: 1, findings: 1 },
        { cause: "payer", kind: "denied_line", valueCents: 250, units: 1, findings: 1 },
      ],
      windowFromFilter("2025-03-03", "2025-03-16"),
    );
    expect(totals).toMatchObject({
      leakageCents: 1_750,
      complianceExposureCents: 9_999,
      byCause: { coding: 1_000, documentation: 500, payer: 250 },
      lostAddOnHours: 2,
      findings: 3,
      complianceFindings: 4,
      weeklyLeakageCents: 875,
      annualizedLeakageCents: 45_500,
      lostAddOnHoursPerWeek: 1,
    });
  });

  test("no window: zero weekly figures", () => {
    expect(summarizeFindingSums([{ cause: "coding", kind: "missed_initial", valueCents: 100, units: 1, findings: 1 }], null)).toMatchObject({ leakageCents: 100, weeklyLeakageCents: 0, annualizedLeakageCents: 0 });
  });

  const ZFinding = fc.record({
    cause: fc.constantFrom("coding", "documentation", "payer", "compliance" as const),
    kind: fc.constantFrom("missed_addon_hours", "missed_initial", "missing_stop_time", "denied_line", "unsupported_line"),
    valueCents: fc.integer({ min: 0, max: 500_000 }),
    units: fc.integer({ min: 0, max: 6 }),
    day: fc.integer({ min: 0, max: 200 }),
  });

  test("property: rollup sums give exactly what summarizeFindings (the analyze command) gives on the findings", () => {
    fc.assert(
      fc.property(fc.array(ZFinding, { minLength: 1, maxLength: 80 }), fc.constantFrom(0, 1, 6), (raw, weekStartsOn) => {
        const findings = raw.map((item) =>
          finding({
            cause: item.cause,
            kind: item.kind as Finding["kind"],
            valueCents: item.valueCents,
            units: item.units,
            dateOfService: addDays("2025-01-01", item.day),
          }),
        );
        const dates = findings.map((item) => item.dateOfService).sort();
        const window = windowFromData(dates[0]!, dates.at(-1)!, weekStartsOn as 0 | 1 | 6);
        const expected = summarizeFindings(findings, window, 0, weekStartsOn as 0 | 1 | 6);
        const groups = (() => {
          const map = new Map<string, TFindingSums & { weekStart: string }>();
          for (const item of findings) {
            const weekStart = weekStartOf(item.dateOfService, weekStartsOn as 0 | 1 | 6);
            const key = `${weekStart}|${item.cause}|${item.kind}`;
            const group = map.get(key) ?? { weekStart, cause: item.cause, kind: item.kind, valueCents: 0, units: 0, findings: 0 };
            group.valueCents += item.valueCents;
            group.units += item.units;
            group.findings += 1;
            map.set(key, group);
          }
          return [...map.values()];
        })();
        const totals = summarizeFindingSums(groups, window);
        expect(totals.leakageCents).toBe(expected.summary.leakageCents);
        expect(totals.weeklyLeakageCents).toBe(expected.summary.weeklyLeakageCents);
        expect(totals.annualizedLeakageCents).toBe(expected.summary.annualizedLeakageCents);
        expect(totals.lostAddOnHours).toBe(expected.summary.lostAddOnHours);
        expect(totals.lostAddOnHoursPerWeek).toBe(expected.summary.lostAddOnHoursPerWeek);
        expect(totals.byCause).toEqual(expected.summary.byCause);
        expect(totals.complianceExposureCents).toBe(expected.summary.complianceExposureCents);
        const weekly = buildWeeklyLeakage(groups, window, weekStartsOn as 0 | 1 | 6);
        expect(weekly.map((week) => [week.weekStart, week.leakageCents, week.lostAddOnHours])).toEqual(
          expected.weekly.map((week) => [week.weekStart, week.leakageCents, week.lostAddOnHours]),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe("buildWeeklyLeakage", () => {
  test("every week of the window is present, empty weeks as zero", () => {
    const weekly = buildWeeklyLeakage(
      [
        { weekStart: "2025-03-03", cause: "coding", kind: "missed_addon_hours", valueCents: 300, units: 2, findings: 2 },
        { weekStart: "2025-03-17", cause: "payer", kind: "denied_line", valueCents: 100, units: 1, findings: 1 },
        { weekStart: "2025-03-17", cause: "compliance", kind: "unsupported_line", valueCents: 900, units: 1, findings: 1 },
      ],
      windowFromData("2025-03-04", "2025-03-19"),
    );
    expect(weekly).toEqual([
      { weekStart: "2025-03-03", coding: 300, documentation: 0, payer: 0, leakageCents: 300, lostAddOnHours: 2 },
      { weekStart: "2025-03-10", coding: 0, documentation: 0, payer: 0, leakageCents: 0, lostAddOnHours: 0 },
      { weekStart: "2025-03-17", coding: 0, documentation: 0, payer: 100, leakageCents: 100, lostAddOnHours: 0 },
    ]);
  });
});

describe("groupLeakageBy and withDenialRates", () => {
  test("largest first, compliance left out, ties by key", () => {
    expect(
      groupLeakageBy([
        { key: "Aetna", cause: "coding", kind: "", valueCents: 100, units: 0, findings: 1 },
        { key: "BCBS", cause: "payer", kind: "", valueCents: 100, units: 0, findings: 1 },
        { key: "Medicare", cause: "coding", kind: "", valueCents: 50, units: 0, findings: 1 },
        { key: "Medicare", cause: "documentation", kind: "", valueCents: 200, units: 0, findings: 2 },
        { key: "Medicaid", cause: "compliance", kind: "", valueCents: 5_000, units: 0, findings: 1 },
      ]).map((entry) => [entry.key, entry.leakageCents, entry.findings]),
    ).toEqual([
      ["Medicare", 250, 3],
      ["Aetna", 100, 1],
      ["BCBS", 100, 1],
    ]);
  });

  test("rates by lines and by dollars; none without lines", () => {
    expect(withDenialRates({ lines: 200, deniedLines: 5, billedCents: 100_000, deniedCents: 2_500 })).toMatchObject({ lineRate: 0.025, dollarRate: 0.025 });
    expect(withDenialRates({ lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0 })).toMatchObject({ lineRate: null, dollarRate: null });
  });
});
