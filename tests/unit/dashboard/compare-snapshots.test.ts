import { describe, expect, test } from "vitest";
import { emptyTallyByCause, parseSnapshotFigures, type TAnalysisSnapshotFigures } from "@/lib/dashboard/analysis-snapshot-figures";
import { comparisonInstant, defaultComparisonDate, parseComparisonDate } from "@/lib/dashboard/comparison-date";
import { compareKpi, compareSnapshots, rankPayerDenialMoves, type TSnapshotPoint } from "@/lib/dashboard/compare-snapshots";
import { parseDashboardFilters } from "@/lib/dashboard/filters";

function figures(partial: Partial<TAnalysisSnapshotFigures> = {}): TAnalysisSnapshotFigures {
  return {
    encounters: 100,
    window: { from: "2025-01-06", to: "2025-03-30", weeks: 12 },
    leakageCents: 1_200_000,
    weeklyLeakageCents: 100_000,
    annualizedLeakageCents: 5_200_000,
    leakageByCause: { coding: 600_000, documentation: 400_000, payer: 200_000 },
    lostAddOnHours: 48,
    lostAddOnHoursPerWeek: 4,
    findings: 40,
    complianceExposureCents: 50_000,
    complianceFindings: 2,
    denials: { lines: 200, deniedLines: 20, billedCents: 9_000_000, deniedCents: 900_000 },
    payerDenials: [],
    newFindingsByCause: emptyTallyByCause(),
    resolvedFindingsByCause: emptyTallyByCause(),
    ...partial,
  };
}

const point = (analysisVersion: number, partial: Partial<TAnalysisSnapshotFigures> = {}): TSnapshotPoint => ({
  analysisVersion,
  publishedAt: new Date(Date.UTC(2025, 3, analysisVersion)),
  figures: figures(partial),
});

const tally = (coding: [number, number], documentation: [number, number], payer: [number, number], compliance: [number, number]) => ({
  coding: { count: coding[0], valueCents: coding[1] },
  documentation: { count: documentation[0], valueCents: documentation[1] },
  payer: { count: payer[0], valueCents: payer[1] },
  compliance: { count: compliance[0], valueCents: compliance[1] },
});

const NOTHING_RECOVERED = { count: 0, valueCents: 0 };

describe("compareKpi", () => {
  test.each([
    { key: "annualizedLeakageCents", before: { annualizedLeakageCents: 5_200_000 }, after: { annualizedLeakageCents: 3_900_000 }, change: -1_300_000, percentChange: -0.25 },
    { key: "weeklyLeakageCents", before: { weeklyLeakageCents: 100_000 }, after: { weeklyLeakageCents: 110_000 }, change: 10_000, percentChange: 0.1 },
    { key: "leakageCents", before: { leakageCents: 0 }, after: { leakageCents: 50_000 }, change: 50_000, percentChange: null },
    { key: "lostAddOnHoursPerWeek", before: { lostAddOnHoursPerWeek: 0.1 }, after: { lostAddOnHoursPerWeek: 0.3 }, change: 0.2, percentChange: 2 },
    { key: "findings", before: { findings: 40 }, after: { findings: 40 }, change: 0, percentChange: 0 },
    { key: "complianceExposureCents", before: { complianceExposureCents: 50_000 }, after: { complianceExposureCents: 0 }, change: -50_000, percentChange: -1 },
  ] as const)("$key: $change ($percentChange)", ({ key, before, after, change, percentChange }) => {
    expect(compareKpi(key, figures(before), figures(after))).toEqual({ key, before: Object.values(before)[0], after: Object.values(after)[0], change, percentChange });
  });

  test.each([
    { name: "a rate's change is in ratio points, never a percent of a percent", before: { lines: 200, deniedLines: 20 }, after: { lines: 400, deniedLines: 60 }, expected: { before: 0.1, after: 0.15, change: 0.05, percentChange: null } },
    { name: "no claim lines at one end: no rate, no change", before: { lines: 0, deniedLines: 0 }, after: { lines: 10, deniedLines: 1 }, expected: { before: null, after: 0.1, change: null, percentChange: null } },
  ])("denial line rate: $name", ({ before, after, expected }) => {
    const denials = (sums: { lines: number; deniedLines: number }) => figures({ denials: { ...sums, billedCents: 0, deniedCents: 0 } });
    expect(compareKpi("denialLineRate", denials(before), denials(after))).toEqual({ key: "denialLineRate", ...expected });
  });
});

describe("rankPayerDenialMoves", () => {
  const payers = (rows: [string, number, number][]) => figures({ payerDenials: rows.map(([payer, lines, deniedLines]) => ({ payer, lines, deniedLines })) });

  test.each([
    {
      name: "largest absolute move first, up or down; a payer that did not move is left out",
      before: [["Aetna", 100, 10], ["Cigna", 100, 30], ["Humana", 50, 5], ["Medicare", 200, 20]],
      after: [["Aetna", 100, 25], ["Cigna", 120, 12], ["Humana", 60, 6], ["Medicare", 200, 22]],
      expected: [
        ["Cigna", 0.3, 0.1],
        ["Aetna", 0.1, 0.25],
        ["Medicare", 0.1, 0.11],
      ],
    },
    {
      name: "fewer than 10 lines at either end, or a payer missing at one end: not ranked",
      before: [["Aetna", 9, 9], ["Cigna", 40, 0], ["Old", 100, 50]],
      after: [["Aetna", 100, 0], ["Cigna", 8, 8], ["New", 100, 50]],
      expected: [],
    },
    {
      name: "equal moves: by payer name",
      before: [["Zeta", 10, 1], ["Alpha", 10, 1]],
      after: [["Zeta", 10, 2], ["Alpha", 10, 0]],
      expected: [
        ["Alpha", 0.1, 0],
        ["Zeta", 0.1, 0.2],
      ],
    },
  ] as { name: string; before: [string, number, number][]; after: [string, number, number][]; expected: [string, number, number][] }[])("$name", ({ before, after, expected }) => {
    const moves = rankPayerDenialMoves(payers(before), payers(after));
    expect(moves.map((move) => [move.payer, move.beforeRate, move.afterRate])).toEqual(expected);
    for (const move of moves) expect(move.change).toBeCloseTo(move.afterRate - move.beforeRate, 12);
  });

  test("at most five payers (or the limit asked)", () => {
    const names = ["A", "B", "C", "D", "E", "F", "G"];
    const before = payers(names.map((name) => [name, 100, 10]));
    const after = payers(names.map((name, index) => [name, 100, 10 + index + 1]));
    expect(rankPayerDenialMoves(before, after).map((move) => move.payer)).toEqual(["G", "F", "E", "D", "C"]);
    expect(rankPayerDenialMoves(before, after, { payerLimit: 2 }).map((move) => move.payer)).toEqual(["G", "F"]);
  });
});

describe("compareSnapshots", () => {
  test.each([
    {
      name: "nothing published since: the current analysis is the baseline, nothing new or resolved",
      later: [],
      current: 3,
      newFindings: { count: 0, valueCents: 0 },
      resolvedFindings: { count: 0, valueCents: 0 },
    },
    {
      name: "one analysis since: its own diff",
      later: [point(4, { findings: 42, newFindingsByCause: tally([2, 3_000], [0, 0], [1, 500], [0, 0]), resolvedFindingsByCause: tally([1, 1_000], [0, 0], [0, 0], [0, 0]) })],
      current: 4,
      newFindings: { count: 3, valueCents: 3_500 },
      resolvedFindings: { count: 1, valueCents: 1_000 },
    },
    {
      name: "several analyses since: their diffs add up, the last one is today's figures",
      later: [
        point(4, { newFindingsByCause: tally([2, 3_000], [0, 0], [0, 0], [1, 200]), resolvedFindingsByCause: tally([0, 0], [1, 700], [0, 0], [0, 0]) }),
        point(5, { newFindingsByCause: tally([0, 0], [0, 0], [2, 1_000], [0, 0]), resolvedFindingsByCause: tally([2, 3_000], [0, 0], [0, 0], [0, 0]) }),
      ],
      current: 5,
      newFindings: { count: 5, valueCents: 4_200 },
      resolvedFindings: { count: 3, valueCents: 3_700 },
    },
  ])("$name", ({ later, current, newFindings, resolvedFindings }) => {
    const changes = compareSnapshots({ baseline: point(3), later, startsAtFirstAnalysis: false, recovered: NOTHING_RECOVERED });
    expect(changes.baseline.analysisVersion).toBe(3);
    expect(changes.current.analysisVersion).toBe(current);
    expect(changes.analysesPublished).toBe(later.length);
    expect(changes.newFindings).toEqual(newFindings);
    expect(changes.resolvedFindings).toEqual(resolvedFindings);
  });

  test("new findings by cause are summed per cause; the KPIs compare the baseline with the last analysis", () => {
    const changes = compareSnapshots({
      baseline: point(1, { findings: 40, annualizedLeakageCents: 5_200_000 }),
      later: [
        point(2, { findings: 45, annualizedLeakageCents: 9_999_999, newFindingsByCause: tally([5, 5_000], [0, 0], [0, 0], [0, 0]) }),
        point(3, { findings: 43, annualizedLeakageCents: 6_240_000, newFindingsByCause: tally([1, 100], [2, 400], [0, 0], [0, 0]), resolvedFindingsByCause: tally([4, 4_000], [0, 0], [0, 0], [0, 0]) }),
      ],
      startsAtFirstAnalysis: true,
      recovered: { count: 2, valueCents: 12_000 },
    });
    expect(changes.newFindingsByCause).toEqual(tally([6, 5_100], [2, 400], [0, 0], [0, 0]));
    expect(changes.resolvedFindingsByCause).toEqual(tally([4, 4_000], [0, 0], [0, 0], [0, 0]));
    expect(changes.kpis.find((kpi) => kpi.key === "findings")).toEqual({ key: "findings", before: 40, after: 43, change: 3, percentChange: 0.075 });
    expect(changes.kpis.find((kpi) => kpi.key === "annualizedLeakageCents")).toEqual({ key: "annualizedLeakageCents", before: 5_200_000, after: 6_240_000, change: 1_040_000, percentChange: 0.2 });
    expect(changes.startsAtFirstAnalysis).toBe(true);
    expect(changes.recovered).toEqual({ count: 2, valueCents: 12_000 });
  });
});

describe("snapshot figures JSON", () => {
  test("round-trips; anything else reads as no snapshot", () => {
    const stored = figures({ payerDenials: [{ payer: "Aetna", lines: 12, deniedLines: 3 }] });
    expect(parseSnapshotFigures(JSON.stringify(stored))).toEqual(stored);
    expect(parseSnapshotFigures("{")).toBeNull();
    expect(parseSnapshotFigures(JSON.stringify({ ...stored, findings: "40" }))).toBeNull();
  });
});

describe("comparison date", () => {
  test.each([
    { value: "2025-03-10", expected: "2025-03-10" },
    { value: ["2025-03-10", "2025-01-01"], expected: "2025-03-10" },
    { value: " 2025-03-10 ", expected: "2025-03-10" },
    { value: "2025-02-30", expected: null },
    { value: "03/10/2025", expected: null },
    { value: "", expected: null },
    { value: undefined, expected: null },
  ])("parseComparisonDate($value) = $expected", ({ value, expected }) => {
    expect(parseComparisonDate(value)).toBe(expected);
  });

  test.each([
    { name: "the previous report's day in the practice's zone", previousReportAt: new Date("2025-03-11T02:30:00Z"), expected: "2025-03-10" },
    { name: "no previous report: 30 days before today in the practice's zone", previousReportAt: null, expected: "2025-03-31" },
  ])("default: $name", ({ previousReportAt, expected }) => {
    // 2025-05-01 01:00 UTC is still April 30 in New York.
    expect(defaultComparisonDate({ previousReportAt, timeZone: "America/New_York", now: new Date("2025-05-01T01:00:00Z") })).toBe(expected);
  });

  test("the comparison starts when the day starts in the practice's zone", () => {
    expect(comparisonInstant("2025-03-10", "America/New_York").toISOString()).toBe("2025-03-10T04:00:00.000Z");
    expect(comparisonInstant("2025-01-10", "America/Chicago").toISOString()).toBe("2025-01-10T06:00:00.000Z");
  });

  test("the overview's `since` param is not a dashboard filter: parsing ignores it", () => {
    expect(parseDashboardFilters({ since: "2025-03-10", payer: "Aetna" })).toEqual({ payer: "Aetna" });
  });
});
