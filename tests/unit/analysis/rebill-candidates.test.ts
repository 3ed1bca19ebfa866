import { describe, expect, test } from "vitest";
import {
  createFilingWindows,
  daysLeft,
  DEFAULT_TIMELY_FILING_DAYS,
  filingDaysFor,
  filingDeadline,
  selectRebillCandidates,
  type RebillFinding,
} from "@/lib/analysis/rebill-candidates";

const finding = (overrides: Partial<RebillFinding>): RebillFinding => ({
  encounterId: 1,
  claimId: "C1",
  payer: "Medicare",
  dateOfService: "2025-03-04",
  cause: "coding",
  kind: "missed_addon_hours",
  code: "96415",
  units: 1,
  valueCents: 3000,
  explanation: "…",
  ...overrides,
});

describe("timely-filing windows", () => {
  const windows = createFilingWindows(180, [
    { payer: "Medicare", timelyFilingDays: 365 },
    { payer: " aetna ", timelyFilingDays: 90 },
  ]);

  test("a payer's own window, else the organization's, else 365 days", () => {
    expect(filingDaysFor("Medicare", windows)).toBe(365);
    expect(filingDaysFor("AETNA", windows)).toBe(90);
    expect(filingDaysFor("Cigna", windows)).toBe(180);
    expect(filingDaysFor(null, windows)).toBe(180);
    expect(filingDaysFor("Cigna", createFilingWindows(null))).toBe(DEFAULT_TIMELY_FILING_DAYS);
    expect(filingDaysFor("Cigna", createFilingWindows(0, [{ payer: "Cigna", timelyFilingDays: -5 }]))).toBe(365);
  });

  test("the deadline is the date of service plus the window; days left count to it", () => {
    expect(filingDeadline("2025-01-10", "Aetna", windows)).toBe("2025-04-10");
    expect(filingDeadline("2024-03-01", "Medicare", windows)).toBe("2025-03-01"); // leap year: 365 days
    expect(daysLeft("2025-04-10", "2025-04-10")).toBe(0);
    expect(daysLeft("2025-04-10", "2025-04-01")).toBe(9);
    expect(daysLeft("2025-04-10", "2025-04-11")).toBe(-1);
  });
});

describe("selectRebillCandidates", () => {
  const windows = createFilingWindows(365, [{ payer: "Aetna", timelyFilingDays: 90 }]);
  const findings: RebillFinding[] = [
    finding({ encounterId: 1, claimId: "C1", payer: "Medicare", dateOfService: "2025-03-04", valueCents: 3000 }),
    finding({ encounterId: 1, claimId: "C1", payer: "Medicare", dateOfService: "2025-03-04", kind: "missed_concurrent", code: "96368", valueCents: 2000 }),
    finding({ encounterId: 2, claimId: "C2", payer: "Aetna", dateOfService: "2025-03-05", valueCents: 9000 }),
    finding({ encounterId: 3, claimId: "C3", payer: "Medicare", dateOfService: "2025-03-06", cause: "payer", kind: "denied_line" }),
    finding({ encounterId: 4, claimId: null, payer: null, dateOfService: "2025-02-01", kind: "missed_initial", code: "96360", valueCents: 100 }),
  ];

  test("groups coding findings by encounter and claim, inside each payer's window on asOf", () => {
    const candidates = selectRebillCandidates(findings, { asOf: "2025-06-01", windows });
    expect(candidates.map((c) => [c.encounterId, c.claimId, c.filingDeadline, c.daysLeft, c.valueCents, c.findings.length])).toEqual([
      [2, "C2", "2025-06-03", 2, 9000, 1],
      [4, null, "2026-02-01", 245, 100, 1],
      [1, "C1", "2026-03-04", 276, 5000, 2],
    ]);
  });

  test("the 90-day payer is still in on its last day and out the day after", () => {
    expect(selectRebillCandidates(findings, { asOf: "2025-06-03", windows }).map((c) => c.encounterId)).toContain(2);
    expect(selectRebillCandidates(findings, { asOf: "2025-06-04", windows }).map((c) => c.encounterId)).not.toContain(2);
    expect(selectRebillCandidates(findings, { asOf: "2025-06-03", windows }).find((c) => c.encounterId === 2)!.daysLeft).toBe(0);
  });

  test("payer filter, sorts and the corrected line set", () => {
    const corrected = new Map([[1, [{ code: "96413", units: 1, modifiers: [], explanation: "…" }]]]);
    const medicare = selectRebillCandidates(findings, { asOf: "2025-04-01", windows, payer: "medicare", correctedLines: corrected });
    expect(medicare.map((c) => c.encounterId)).toEqual([1]);
    expect(medicare[0]!.correctedLines.map((l) => l.code)).toEqual(["96413"]);
    const byValue = selectRebillCandidates(findings, { asOf: "2025-04-01", windows, sort: "value" });
    expect(byValue.map((c) => c.encounterId)).toEqual([2, 1, 4]);
    const byDate = selectRebillCandidates(findings, { asOf: "2025-04-01", windows, sort: "dateOfService" });
    expect(byDate.map((c) => c.encounterId)).toEqual([4, 1, 2]);
    const byDeadline = selectRebillCandidates(findings, { asOf: "2025-04-01", windows, sort: "deadline" });
    expect(byDeadline.map((c) => c.encounterId)).toEqual([2, 4, 1]);
  });
});
