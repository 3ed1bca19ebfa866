/**
 * Pure shaping of rollup sums into the overview's figures. The definitions are the analysis's own
 * (spec §5.4, lib/analysis/annualize.ts): weekly = total ÷ weeks rounded to the cent, annualized =
 * weekly × 52, per-week hours to two decimals, lost add-on hours = units of the coding finding
 * `missed_addon_hours`, compliance exposure summed apart and never added to leakage.
 */
import { annualize, perWeek, type AnalysisWindow } from "@/lib/analysis/annualize";
import { listWeekStarts, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import { LEAKAGE_CAUSES, type TLeakageCause } from "./causes";

/** One group of summed FindingRollup rows. */
export type TFindingSums = { cause: string; kind: string; valueCents: number; units: number; findings: number };

export const LOST_HOURS_KIND = "missed_addon_hours";

export type TLeakageTotals = {
  leakageCents: number;
  weeklyLeakageCents: number;
  annualizedLeakageCents: number;
  lostAddOnHours: number;
  lostAddOnHoursPerWeek: number;
  byCause: Record<TLeakageCause, number>;
  complianceExposureCents: number;
  /** Leakage findings (coding, documentation, payer). */
  findings: number;
  complianceFindings: number;
};

export function emptyByCause(): Record<TLeakageCause, number> {
  return { coding: 0, documentation: 0, payer: 0 };
}

export function isLeakageCause(cause: string): cause is TLeakageCause {
  return (LEAKAGE_CAUSES as readonly string[]).includes(cause);
}

/**
 * Lost add-on hours in a group: the units of `missed_addon_hours` findings (a coding kind), counted
 * exactly as summarizeFindings counts them (any leakage cause; compliance never).
 */
export function lostHoursOf(sums: Pick<TFindingSums, "cause" | "kind" | "units">): number {
  return isLeakageCause(sums.cause) && sums.kind === LOST_HOURS_KIND ? sums.units : 0;
}

/** Totals, weekly and annualized figures over a window from groups of finding sums. */
export function summarizeFindingSums(groups: readonly TFindingSums[], window: AnalysisWindow | null): TLeakageTotals {
  const byCause = emptyByCause();
  let complianceExposureCents = 0;
  let lostAddOnHours = 0;
  let findings = 0;
  let complianceFindings = 0;
  for (const group of groups) {
    if (isLeakageCause(group.cause)) {
      byCause[group.cause] += group.valueCents;
      findings += group.findings;
      lostAddOnHours += lostHoursOf(group);
    } else if (group.cause === "compliance") {
      complianceExposureCents += group.valueCents;
      complianceFindings += group.findings;
    }
  }
  const leakageCents = LEAKAGE_CAUSES.reduce((sum, cause) => sum + byCause[cause], 0);
  const weeks = window?.weeks ?? 0;
  const { weeklyCents, annualizedCents } = annualize(leakageCents, weeks);

  return {
    leakageCents,
    weeklyLeakageCents: weeklyCents,
    annualizedLeakageCents: annualizedCents,
    lostAddOnHours,
    lostAddOnHoursPerWeek: perWeek(lostAddOnHours, weeks),
    byCause,
    complianceExposureCents,
    findings,
    complianceFindings,
  };
}

export type TWeeklyLeakagePoint = {
  weekStart: string;
  coding: number;
  documentation: number;
  payer: number;
  leakageCents: number;
  lostAddOnHours: number;
};

/** Leakage per week by cause plus lost hours, every week of the window present (empty = zero). */
export function buildWeeklyLeakage(
  groups: readonly (TFindingSums & { weekStart: string })[],
  window: AnalysisWindow | null,
  weekStartsOn: WeekStartsOn = 1,
): TWeeklyLeakagePoint[] {
  if (!window) return [];
  const weeks = new Map<string, TWeeklyLeakagePoint>(
    listWeekStarts(window.from, window.to, weekStartsOn).map((weekStart) => [
      weekStart,
      { weekStart, coding: 0, documentation: 0, payer: 0, leakageCents: 0, lostAddOnHours: 0 },
    ]),
  );
  for (const group of groups) {
    const week = weeks.get(group.weekStart);
    if (!week || !isLeakageCause(group.cause)) continue;
    week[group.cause] += group.valueCents;
    week.leakageCents += group.valueCents;
    week.lostAddOnHours += lostHoursOf(group);
  }

  return [...weeks.values()];
}

export type TDimensionLeakage = {
  key: string;
  byCause: Record<TLeakageCause, number>;
  leakageCents: number;
  findings: number;
};

/** Leakage by one dimension (payer, site, nurse, code), largest first, ties by key. */
export function groupLeakageBy(groups: readonly (TFindingSums & { key: string })[]): TDimensionLeakage[] {
  const byKey = new Map<string, TDimensionLeakage>();
  for (const group of groups) {
    if (!isLeakageCause(group.cause)) continue;
    const entry = byKey.get(group.key) ?? { key: group.key, byCause: emptyByCause(), leakageCents: 0, findings: 0 };
    entry.byCause[group.cause] += group.valueCents;
    entry.leakageCents += group.valueCents;
    entry.findings += group.findings;
    byKey.set(group.key, entry);
  }

  return [...byKey.values()].sort((a, b) => b.leakageCents - a.leakageCents || a.key.localeCompare(b.key));
}

export type TDenialSums = { lines: number; deniedLines: number; billedCents: number; deniedCents: number };

export type TDenialRates = TDenialSums & { lineRate: number | null; dollarRate: number | null };

/** Denial rates (lines and dollars) from netted-line sums; null when there are no lines. */
export function withDenialRates(sums: TDenialSums): TDenialRates {
  return {
    ...sums,
    lineRate: sums.lines > 0 ? sums.deniedLines / sums.lines : null,
    dollarRate: sums.billedCents > 0 ? sums.deniedCents / sums.billedCents : null,
  };
}
