import { describe, expect, test } from "vitest";
import { windowFromData } from "@/lib/analysis/annualize";
import { summarizeFindings } from "@/lib/analysis/summarize-findings";
import type { Finding } from "@/lib/analysis/types";
import { addDays } from "@/lib/analysis/week-bucket";

const finding = (overrides: Partial<Finding>): Finding => ({
  encounterId: "E1",
  dateOfService: "2025-01-06",
  payer: "Aetna",
  kind: "missed_addon_hours",
  cause: "coding",
  code: "96415",
  units: 1,
  valueCents: 15_000,
  valueSource: "fee_schedule",
  isEstimate: false,
  claimId: null,
  explanation: "",
  ...overrides,
});

/** 20 sessions a week, Monday to Friday, each missing one $150 chemo hour. */
function seedFindings(weeks: number): Finding[] {
  const findings: Finding[] = [];
  for (let week = 0; week < weeks; week += 1) {
    for (let session = 0; session < 20; session += 1) {
      const dateOfService = addDays("2025-01-06", week * 7 + (session % 5));
      findings.push(finding({ encounterId: `E${week}-${session}`, dateOfService }));
    }
  }
  return findings;
}

describe("summarizeFindings (spec §5.4, §6)", () => {
  test.each([52, 13, 1])("the seed's arithmetic over %i weeks: 20 lost hours, $3,000 a week, $156,000 a year", (weeks) => {
    const findings = seedFindings(weeks);
    const window = windowFromData("2025-01-06", findings.at(-1)!.dateOfService);
    const { summary, weekly } = summarizeFindings(findings, window, findings.length);
    expect(summary.weeks).toBe(weeks);
    expect(summary.lostAddOnHours).toBe(20 * weeks);
    expect(summary.lostAddOnHoursPerWeek).toBe(20);
    expect(summary.weeklyLeakageCents).toBe(300_000);
    expect(summary.annualizedLeakageCents).toBe(15_600_000);
    expect(weekly).toHaveLength(weeks);
    expect(weekly.every((week) => week.leakageCents === 300_000 && week.lostAddOnHours === 20)).toBe(true);
  });

  test("compliance exposure is totalled apart and never netted against leakage", () => {
    const findings = [
      finding({ valueCents: 10_000 }),
      finding({ kind: "overcoded_units", cause: "compliance", valueCents: 4_000 }),
      finding({ kind: "denied_line", cause: "payer", code: "96413", valueCents: 7_000 }),
      finding({ kind: "missing_stop_time", cause: "documentation", isEstimate: true, valueCents: 2_000 }),
    ];
    const { summary, byCode } = summarizeFindings(findings, windowFromData("2025-01-06", "2025-01-06"), 1);
    expect(summary.leakageCents).toBe(19_000);
    expect(summary.byCause).toEqual({ coding: 10_000, documentation: 2_000, payer: 7_000 });
    expect(summary.complianceExposureCents).toBe(4_000);
    expect(summary.lostAddOnHours).toBe(1);
    expect(byCode.map((row) => [row.code, row.leakageCents])).toEqual([
      ["96415", 12_000],
      ["96413", 7_000],
    ]);
  });

  test("empty weeks inside the window are zero rows, not gaps", () => {
    const findings = [finding({ dateOfService: "2025-01-06" }), finding({ dateOfService: "2025-01-27" })];
    const { weekly } = summarizeFindings(findings, windowFromData("2025-01-06", "2025-01-27"), 2);
    expect(weekly.map((week) => [week.weekStart, week.leakageCents])).toEqual([
      ["2025-01-06", 15_000],
      ["2025-01-13", 0],
      ["2025-01-20", 0],
      ["2025-01-27", 15_000],
    ]);
  });
});
