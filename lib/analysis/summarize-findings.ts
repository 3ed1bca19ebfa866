import { annualize, perWeek, type AnalysisWindow } from "./annualize";
import type { Cause, Finding } from "./types";
import { listWeekStarts, weekStartOf, type WeekStartsOn } from "./week-bucket";

export type LeakageCause = Exclude<Cause, "compliance">;

export type WeeklyLeakage = {
  weekStart: string;
  lostAddOnHours: number;
  leakageCents: number;
  byCause: Record<LeakageCause, number>;
};

export type CodeLeakage = { code: string; units: number; leakageCents: number; findings: number };

export type LeakageSummary = {
  from: string;
  to: string;
  weeks: number;
  encounters: number;
  lostAddOnHours: number;
  lostAddOnHoursPerWeek: number;
  leakageCents: number;
  weeklyLeakageCents: number;
  annualizedLeakageCents: number;
  byCause: Record<LeakageCause, number>;
  complianceExposureCents: number;
};

const LEAKAGE_CAUSES: readonly LeakageCause[] = ["coding", "documentation", "payer"];

function emptyByCause(): Record<LeakageCause, number> {
  return { coding: 0, documentation: 0, payer: 0 };
}

export function isLeakage(finding: Finding): finding is Finding & { cause: LeakageCause } {
  return finding.cause !== "compliance";
}

/**
 * Totals, weekly series and per-code split of spec §5.4 and §6. Compliance exposure is summed
 * apart and never netted against leakage. Lost add-on hours count the coding finding
 * `missed_addon_hours` (definite); documentation estimates stay in their own cause.
 */
export function summarizeFindings(
  findings: readonly Finding[],
  window: AnalysisWindow,
  encounterCount: number,
  weekStartsOn: WeekStartsOn = 1,
): { summary: LeakageSummary; weekly: WeeklyLeakage[]; byCode: CodeLeakage[] } {
  const byCause = emptyByCause();
  let complianceExposureCents = 0;
  let lostAddOnHours = 0;
  const weeks = new Map<string, WeeklyLeakage>(
    listWeekStarts(window.from, window.to, weekStartsOn).map((weekStart) => [
      weekStart,
      { weekStart, lostAddOnHours: 0, leakageCents: 0, byCause: emptyByCause() },
    ]),
  );
  const codes = new Map<string, CodeLeakage>();

  for (const finding of findings) {
    if (!isLeakage(finding)) {
      complianceExposureCents += finding.valueCents;
      continue;
    }
    byCause[finding.cause] += finding.valueCents;
    const hours = finding.kind === "missed_addon_hours" ? finding.units : 0;
    lostAddOnHours += hours;
    const week = weeks.get(weekStartOf(finding.dateOfService, weekStartsOn));
    if (week) {
      week.leakageCents += finding.valueCents;
      week.byCause[finding.cause] += finding.valueCents;
      week.lostAddOnHours += hours;
    }
    const codeKey = finding.code ?? "(claim level)";
    const code = codes.get(codeKey) ?? { code: codeKey, units: 0, leakageCents: 0, findings: 0 };
    code.units += finding.units;
    code.leakageCents += finding.valueCents;
    code.findings += 1;
    codes.set(codeKey, code);
  }

  const leakageCents = LEAKAGE_CAUSES.reduce((sum, cause) => sum + byCause[cause], 0);
  const { weeklyCents, annualizedCents } = annualize(leakageCents, window.weeks);
  return {
    summary: {
      from: window.from,
      to: window.to,
      weeks: window.weeks,
      encounters: encounterCount,
      lostAddOnHours,
      lostAddOnHoursPerWeek: perWeek(lostAddOnHours, window.weeks),
      leakageCents,
      weeklyLeakageCents: weeklyCents,
      annualizedLeakageCents: annualizedCents,
      byCause,
      complianceExposureCents,
    },
    weekly: [...weeks.values()],
    byCode: [...codes.values()].sort((a, b) => b.leakageCents - a.leakageCents || (a.code < b.code ? -1 : 1)),
  };
}
