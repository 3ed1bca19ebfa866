import { codeEncounter, ENGINE_VERSION } from "@/lib/coding";
import type { CodingResult, CodingSettings } from "@/lib/coding/types";
import type { ClaimLine, ProviderAdjustment } from "@/lib/import/claims/claim-line";
import { netClaimVersions, type NetClaimPosition } from "@/lib/import/claims/net-claim-versions";
import type { ImportedEncounter } from "@/lib/import/session-types";
import { windowFromData, windowFromFilter, type AnalysisWindow } from "./annualize";
import { ENGINE_ADD_ON_RULES } from "./code-classes";
import { compareEncounter } from "./compare-encounter";
import { detectRecoveries, positionsAsFirstBilled, sumRecoveredCents, type Recovery } from "./detect-recoveries";
import { computeMedianDurations, countDocumentedDurations, estimateMissingStops } from "./estimate-missing-stops";
import { matchClaimLines } from "./match-claim-lines";
import { summarizeFindings, type CodeLeakage, type LeakageSummary, type WeeklyLeakage } from "./summarize-findings";
import type { BilledLine, Finding } from "./types";
import { buildValuator, type FeeScheduleRate, type PaidObservation, type Valuator } from "./valuation";
import type { WeekStartsOn } from "./week-bucket";

export type PracticeAnalysisInput = {
  encounters: readonly ImportedEncounter[];
  /** Every version of every claim line as read; versions are netted here first (spec §5.1). */
  claimLines: readonly ClaimLine[];
  providerAdjustments?: readonly ProviderAdjustment[];
  feeSchedule?: readonly FeeScheduleRate[];
  /** The organization's coding settings; an encounter's own `setting` column overrides `setting`. */
  codingSettings: CodingSettings;
  weekStartsOn?: WeekStartsOn;
  /** A user date filter (inclusive `YYYY-MM-DD`); without it the window is the data's own weeks. */
  dateFilter?: { from: string; to: string };
};

export type EncounterAnalysis = {
  encounterId: string;
  dateOfService: string;
  payer: string;
  coded: CodingResult;
  billed: BilledLine[];
  findings: Finding[];
  /** What later versions of the encounter's claims recovered (empty unless a claim was replaced). */
  recoveries: Recovery[];
};

export type PracticeAnalysis = {
  engineVersion: string;
  window: AnalysisWindow | null;
  summary: LeakageSummary | null;
  weekly: WeeklyLeakage[];
  byCode: CodeLeakage[];
  findings: Finding[];
  /** Recovered by corrections and replacements; `findings` are those still open after them. */
  recovered: Recovery[];
  recoveredCents: number;
  encounters: EncounterAnalysis[];
  claimMatching: { matchedLines: number; unmatchedLines: number; ambiguousLines: number };
};

export const NO_PAYER = "(no payer)";

export function toBilledLine(position: NetClaimPosition & { code: string }): BilledLine {
  return {
    claimId: position.claimId,
    code: position.code,
    modifiers: position.modifiers,
    units: position.billedUnits,
    billedCents: position.billedCents,
    allowedCents: position.allowedCents,
    paidCents: position.paidCents,
    paidUnits: position.paidUnits,
    adjustments: position.adjustments,
  };
}

/** A netted claim position that carries a code: what encounters are compared against. */
export type CodedPosition = NetClaimPosition & { code: string };

/** The active, coded positions of netted claim versions (the only ones billed, valued and matched). */
export function activeCodedPositions(positions: readonly NetClaimPosition[]): CodedPosition[] {
  return positions.filter((position): position is CodedPosition => position.state === "active" && position.code !== null);
}

/**
 * What every encounter's analysis shares, computed once over the whole organization: the value
 * per unit (spec §5.3), the median durations for missing stops (§5.2) and PLB take-backs by claim.
 * The `analyze` command builds it from files; the database recompute from streamed aggregates.
 */
export type PracticeAnalysisContext = {
  codingSettings: CodingSettings;
  valueOf: Valuator;
  medians: ReadonlyMap<string, number>;
  /** How many documented administrations each median is taken over (for the explanation). */
  medianCounts?: ReadonlyMap<string, number>;
  takenBackByClaim: ReadonlyMap<string, readonly { amountCents: number; reason: string }[]>;
};

export function groupTakeBacksByClaim(adjustments: readonly ProviderAdjustment[]): Map<string, { amountCents: number; reason: string }[]> {
  const takenBackByClaim = new Map<string, { amountCents: number; reason: string }[]>();
  for (const adjustment of adjustments) {
    if (!adjustment.claimId) continue;
    const list = takenBackByClaim.get(adjustment.claimId) ?? [];
    list.push({ amountCents: adjustment.amountCents, reason: adjustment.reason });
    takenBackByClaim.set(adjustment.claimId, list);
  }
  return takenBackByClaim;
}

/**
 * Recodes one encounter and compares it with the claim positions matched to it (spec §5.2):
 * the per-encounter half of `analyzePractice`.
 */
export function analyzeEncounter(
  context: PracticeAnalysisContext,
  imported: Pick<ImportedEncounter, "encounter" | "meta">,
  claimPositions: readonly CodedPosition[],
): EncounterAnalysis {
  const settings: CodingSettings = imported.meta.setting ? { ...context.codingSettings, setting: imported.meta.setting } : context.codingSettings;
  const coded = codeEncounter(imported.encounter, settings);
  const payer = imported.meta.payer ?? claimPositions[0]?.payer ?? NO_PAYER;
  const compare = (positions: readonly CodedPosition[]): { billed: BilledLine[]; findings: Finding[] } => {
    const billed = positions.map(toBilledLine);
    const claimIds = [...new Set(billed.map((line) => line.claimId))];
    const findings = compareEncounter(
      {
        encounterId: imported.meta.encounterId,
        dateOfService: imported.meta.dateOfService,
        payer,
        canonical: coded.lines,
        billed,
        recoupments: claimIds.flatMap((claimId) => (context.takenBackByClaim.get(claimId) ?? []).map((taken) => ({ claimId, ...taken }))),
        missingStopEstimates: estimateMissingStops(imported.encounter, coded, context.medians, settings, context.medianCounts),
        administrations: imported.encounter.administrations,
      },
      context.valueOf,
      ENGINE_ADD_ON_RULES,
    );
    return { billed, findings };
  };
  const { billed, findings } = compare(claimPositions);
  const firstBilled = positionsAsFirstBilled(claimPositions);
  const recoveries = firstBilled
    ? detectRecoveries({ encounterId: imported.meta.encounterId, firstBilled, current: claimPositions, findingsAsFirstBilled: compare(firstBilled).findings, findingsNow: findings })
    : [];
  return { encounterId: imported.meta.encounterId, dateOfService: imported.meta.dateOfService, payer, coded, billed, findings, recoveries };
}

/**
 * The whole analysis of spec §5 over parsed inputs, with no database: recode every encounter, net
 * claim versions, match claim lines to encounters, value and compare, then total by week and
 * annualize. The `analyze` command and the app both run this.
 */
export function analyzePractice(input: PracticeAnalysisInput): PracticeAnalysis {
  const inFilter = (date: string) => !input.dateFilter || (date >= input.dateFilter.from && date <= input.dateFilter.to);
  const encounters = input.encounters.filter((imported) => inFilter(imported.meta.dateOfService));

  const positions = activeCodedPositions(netClaimVersions(input.claimLines));
  const matchable = encounters.map((imported) => ({
    encounterId: imported.meta.encounterId,
    patientId: imported.meta.patientId ?? "",
    dateOfService: imported.meta.dateOfService,
    site: imported.meta.site ?? null,
    imported,
  }));
  const match = matchClaimLines(matchable, positions);
  const matchedLines = [...match.byEncounter.values()].reduce((sum, lines) => sum + lines.length, 0);

  const lastDateOfService = encounters.reduce((last, imported) => (imported.meta.dateOfService > last ? imported.meta.dateOfService : last), "");
  const paid: PaidObservation[] = positions.map((position) => ({
    payer: position.payer,
    code: position.code,
    dateOfService: position.dateOfService,
    paidCents: position.paidCents,
    paidUnits: position.paidUnits,
  }));
  const context: PracticeAnalysisContext = {
    codingSettings: input.codingSettings,
    valueOf: buildValuator({
      paid,
      feeSchedule: input.feeSchedule ?? [],
      setting: input.codingSettings.setting,
      asOf: lastDateOfService || "1970-01-01",
    }),
    medians: computeMedianDurations(input.encounters.map((imported) => imported.encounter)),
    medianCounts: countDocumentedDurations(input.encounters.map((imported) => imported.encounter)),
    takenBackByClaim: groupTakeBacksByClaim(input.providerAdjustments ?? []),
  };

  const analyses: EncounterAnalysis[] = [];
  const findings: Finding[] = [];
  const recovered: Recovery[] = [];
  for (const candidate of matchable) {
    const analysis = analyzeEncounter(context, candidate.imported, match.byEncounter.get(candidate) ?? []);
    findings.push(...analysis.findings);
    recovered.push(...analysis.recoveries);
    analyses.push(analysis);
  }

  const firstDateOfService = encounters.reduce((first, imported) => (!first || imported.meta.dateOfService < first ? imported.meta.dateOfService : first), "");
  const window = input.dateFilter
    ? windowFromFilter(input.dateFilter.from, input.dateFilter.to)
    : firstDateOfService
      ? windowFromData(firstDateOfService, lastDateOfService, input.weekStartsOn ?? 1)
      : null;
  const totals = window ? summarizeFindings(findings, window, encounters.length, input.weekStartsOn ?? 1) : null;

  return {
    engineVersion: ENGINE_VERSION,
    window,
    summary: totals?.summary ?? null,
    weekly: totals?.weekly ?? [],
    byCode: totals?.byCode ?? [],
    findings,
    recovered,
    recoveredCents: sumRecoveredCents(recovered),
    encounters: analyses,
    claimMatching: { matchedLines, unmatchedLines: match.unmatched.length, ambiguousLines: match.ambiguous.length },
  };
}
