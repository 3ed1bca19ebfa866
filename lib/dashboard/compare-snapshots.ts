/**
 * "What changed since" (issue [11/12]): the whole practice's analysis at a comparison date against
 * today's, from the AnalysisSnapshot rows published in between. Pure: the snapshots and the
 * recovered dollars are read by lib/db/dashboard/get-analysis-changes.ts.
 *
 * New and resolved findings are the sums of every in-between version's own diff against the version
 * before it: a finding that appeared and went again in between counts once in each.
 */
import type { TAnalysisSnapshotFigures, TFindingTally } from "./analysis-snapshot-figures";
import { emptyTallyByCause } from "./analysis-snapshot-figures";
import type { TFigureUnit } from "@/lib/format/format-change";
import { CAUSES, type TCause } from "./causes";

export type TSnapshotPoint = { analysisVersion: number; publishedAt: Date; figures: TAnalysisSnapshotFigures };

export const KPI_CHANGE_KEYS = [
  "annualizedLeakageCents",
  "weeklyLeakageCents",
  "leakageCents",
  "lostAddOnHoursPerWeek",
  "findings",
  "denialLineRate",
  "complianceExposureCents",
] as const;
export type TKpiChangeKey = (typeof KPI_CHANGE_KEYS)[number];

export const KPI_CHANGE_LABELS: Readonly<Record<TKpiChangeKey, string>> = {
  annualizedLeakageCents: "Annualized leakage",
  weeklyLeakageCents: "Average weekly leakage",
  leakageCents: "Total leakage",
  lostAddOnHoursPerWeek: "Lost add-on hours / week",
  findings: "Leakage findings",
  denialLineRate: "Denial rate (lines)",
  complianceExposureCents: "Compliance exposure",
};

export const KPI_CHANGE_UNITS: Readonly<Record<TKpiChangeKey, TFigureUnit>> = {
  annualizedLeakageCents: "cents",
  weeklyLeakageCents: "cents",
  leakageCents: "cents",
  lostAddOnHoursPerWeek: "hours",
  findings: "count",
  denialLineRate: "rate",
  complianceExposureCents: "cents",
};

/**
 * One KPI then and now. `change` is after − before (for the denial line rate: a difference of
 * ratios, i.e. percentage points ÷ 100); `percentChange` is that change relative to before, null
 * when before is zero or the KPI is itself a rate.
 */
export type TKpiChange = { key: TKpiChangeKey; before: number | null; after: number | null; change: number | null; percentChange: number | null };

export type TPayerDenialMove = {
  payer: string;
  beforeRate: number;
  afterRate: number;
  /** afterRate − beforeRate. */
  change: number;
  beforeLines: number;
  afterLines: number;
};

export type TAnalysisChanges = {
  baseline: { analysisVersion: number; publishedAt: Date };
  current: { analysisVersion: number; publishedAt: Date };
  /** No analysis was published at or before the comparison date: the baseline is the first one. */
  startsAtFirstAnalysis: boolean;
  /** Analyses published after the baseline, up to the current one. */
  analysesPublished: number;
  kpis: TKpiChange[];
  newFindingsByCause: Record<TCause, TFindingTally>;
  newFindings: TFindingTally;
  resolvedFindingsByCause: Record<TCause, TFindingTally>;
  resolvedFindings: TFindingTally;
  /** Dollars recovered (recovered and partially recovered work) paid on or after the comparison date. */
  recovered: TFindingTally;
  /** Payers whose denial line rate moved most, largest move first. */
  payerDenialMoves: TPayerDenialMove[];
};

export type TCompareOptions = {
  /** How many payers to list (default 5). */
  payerLimit?: number;
  /** A payer's rate counts only with at least this many netted lines at both ends (default 10): a rate on a handful of lines is noise. */
  minimumPayerLines?: number;
};

function kpiValue(figures: TAnalysisSnapshotFigures, key: TKpiChangeKey): number | null {
  if (key === "denialLineRate") return figures.denials.lines > 0 ? figures.denials.deniedLines / figures.denials.lines : null;

  return figures[key];
}

/** Float noise off (hours per week are kept to two decimals, rates to far more than shown). */
function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

export function compareKpi(key: TKpiChangeKey, before: TAnalysisSnapshotFigures, after: TAnalysisSnapshotFigures): TKpiChange {
  const then = kpiValue(before, key);
  const now = kpiValue(after, key);
  const change = then === null || now === null ? null : tidy(now - then);
  const percentChange = change === null || key === "denialLineRate" || then === 0 || then === null ? null : tidy(change / Math.abs(then));

  return { key, before: then, after: now, change, percentChange };
}

function addTallies(into: Record<TCause, TFindingTally>, from: Record<TCause, TFindingTally>): void {
  for (const cause of CAUSES) {
    into[cause].count += from[cause].count;
    into[cause].valueCents += from[cause].valueCents;
  }
}

function totalOf(byCause: Record<TCause, TFindingTally>): TFindingTally {
  return CAUSES.reduce((sum, cause) => ({ count: sum.count + byCause[cause].count, valueCents: sum.valueCents + byCause[cause].valueCents }), { count: 0, valueCents: 0 });
}

/** Payers with enough lines at both ends whose line rate changed, by absolute change (ties: payer name). */
export function rankPayerDenialMoves(before: TAnalysisSnapshotFigures, after: TAnalysisSnapshotFigures, options: TCompareOptions = {}): TPayerDenialMove[] {
  const { payerLimit = 5, minimumPayerLines = 10 } = options;
  const then = new Map(before.payerDenials.map((row) => [row.payer, row]));
  const moves: TPayerDenialMove[] = [];
  for (const now of after.payerDenials) {
    const old = then.get(now.payer);
    if (!old || old.lines < minimumPayerLines || now.lines < minimumPayerLines) continue;
    const beforeRate = old.deniedLines / old.lines;
    const afterRate = now.deniedLines / now.lines;
    const change = tidy(afterRate - beforeRate);
    if (change === 0) continue;
    moves.push({ payer: now.payer, beforeRate, afterRate, change, beforeLines: old.lines, afterLines: now.lines });
  }

  return moves.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.payer.localeCompare(b.payer)).slice(0, payerLimit);
}

/**
 * The changes from `baseline` (the last snapshot published at or before the comparison date, or the
 * first one) to the last of `later` (the snapshots published after it, oldest first; none: nothing
 * changed), with the dollars recovered since the date.
 */
export function compareSnapshots(
  input: { baseline: TSnapshotPoint; later: readonly TSnapshotPoint[]; startsAtFirstAnalysis: boolean; recovered: TFindingTally },
  options: TCompareOptions = {},
): TAnalysisChanges {
  const { baseline, later } = input;
  const current = later.at(-1) ?? baseline;
  const newFindingsByCause = emptyTallyByCause();
  const resolvedFindingsByCause = emptyTallyByCause();
  for (const snapshot of later) {
    addTallies(newFindingsByCause, snapshot.figures.newFindingsByCause);
    addTallies(resolvedFindingsByCause, snapshot.figures.resolvedFindingsByCause);
  }

  return {
    baseline: { analysisVersion: baseline.analysisVersion, publishedAt: baseline.publishedAt },
    current: { analysisVersion: current.analysisVersion, publishedAt: current.publishedAt },
    startsAtFirstAnalysis: input.startsAtFirstAnalysis,
    analysesPublished: later.length,
    kpis: KPI_CHANGE_KEYS.map((key) => compareKpi(key, baseline.figures, current.figures)),
    newFindingsByCause,
    newFindings: totalOf(newFindingsByCause),
    resolvedFindingsByCause,
    resolvedFindings: totalOf(resolvedFindingsByCause),
    recovered: input.recovered,
    payerDenialMoves: rankPayerDenialMoves(baseline.figures, current.figures, options),
  };
}
