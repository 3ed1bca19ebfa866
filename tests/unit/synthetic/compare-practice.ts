/**
 * Test helper: reads a written synthetic practice back with the project's readers and runs the
 * analysis comparison per encounter, returning actual and expected findings side by side.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compareEncounter } from "@/lib/analysis/compare-encounter";
import { computeMedianDurations, estimateMissingStops } from "@/lib/analysis/estimate-missing-stops";
import { matchClaimLines } from "@/lib/analysis/match-claim-lines";
import type { AddOnRules, BilledLine, Finding } from "@/lib/analysis/types";
import { buildValuator } from "@/lib/analysis/valuation";
import { CODES, codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { CodingSettings } from "@/lib/coding/types";
import { netClaimVersions, readClaimsFile, type ClaimLine } from "@/lib/import/claims";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { readSessions } from "@/lib/import/read-sessions";
import type { ImportedEncounter } from "@/lib/import/session-types";
import { contractRateCents, createPractice } from "@/lib/synthetic/practice";
import { REGIMEN_WEIGHTS } from "@/lib/synthetic/regimens";
import type { ExpectedFinding, InjectedError, PayerEvent, TruthCounts } from "@/lib/synthetic/types";

export type Truth = {
  parameters: { seed: number; setting: "professional" | "facility"; startDate: string; sites: number };
  errors: InjectedError[];
  payerEvents: PayerEvent[];
  counts: TruthCounts;
};

export const ADD_ON_RULES: AddOnRules = {
  isAddOn: (code) => CODES.get(code)?.isAddOn ?? false,
  parentsOf: (code) => CODES.get(code)?.parents ?? [],
};

/** `kind|cause|code|units`; documentation estimates drop the units (they depend on the org's median). */
export function findingKey(f: Pick<ExpectedFinding, "kind" | "cause" | "code" | "units">): string {
  return f.kind === "missing_stop_time" ? `${f.kind}|${f.cause}|${f.code}` : `${f.kind}|${f.cause}|${f.code}|${f.units}`;
}

export function readTruth(dir: string): Truth {
  return JSON.parse(readFileSync(join(dir, "truth.json"), "utf8")) as Truth;
}

export async function readPracticeSessions(dir: string): Promise<ImportedEncounter[]> {
  const interval = await readSessions(join(dir, "sessions.csv"), { timeZone: "America/New_York" });
  const mar = await readSessions(join(dir, "sessions-mar.csv"), { timeZone: "America/New_York", fileIndex: 1 });
  if (interval.errors.length + mar.errors.length > 0) throw new Error(`session row errors: ${JSON.stringify([...interval.errors, ...mar.errors].slice(0, 3))}`);
  return [...interval.encounters, ...mar.encounters];
}

export async function readRemits(dir: string): Promise<{ lines: ClaimLine[]; recoupments: { claimId: string; amountCents: number; reason: string }[]; issues: number }> {
  const lines: ClaimLine[] = [];
  const recoupments: { claimId: string; amountCents: number; reason: string }[] = [];
  let issues = 0;
  for (const file of readdirSync(join(dir, "remits")).sort()) {
    const result = await readClaimsFile(join(dir, "remits", file));
    issues += result.errors.length + result.warnings.length;
    lines.push(...result.lines);
    for (const payment of result.payments ?? []) {
      for (const adj of payment.providerAdjustments) if (adj.claimId) recoupments.push({ claimId: adj.claimId, amountCents: adj.amountCents, reason: adj.reason });
    }
  }
  return { lines, recoupments, issues };
}

export type EncounterComparison = { encounterId: string; actual: string[]; expected: string[]; findings: Finding[] };

/** Runs compareEncounter for every encounter of a written practice, with billed lines from its 835 files. */
export async function comparePractice(dir: string): Promise<EncounterComparison[]> {
  const truth = readTruth(dir);
  const settings: CodingSettings = { ...DEFAULT_CODING_SETTINGS, setting: truth.parameters.setting };
  const encounters = await readPracticeSessions(dir);
  const { lines, recoupments } = await readRemits(dir);
  const fee = await readFeeSchedule(join(dir, "fee-schedule.csv"));
  const dates = encounters.map((e) => e.meta.dateOfService).sort();
  const valueOf = buildValuator({ paid: [], feeSchedule: fee.rates, setting: truth.parameters.setting, asOf: dates[dates.length - 1]! });

  const positions = netClaimVersions(lines).filter((p) => p.state === "active" && p.code !== null);
  const matchable = encounters.map((e) => ({ encounterId: e.meta.encounterId, patientId: e.meta.patientId ?? "", dateOfService: e.meta.dateOfService }));
  const match = matchClaimLines(matchable, positions);
  if (match.unmatched.length + match.ambiguous.length > 0) throw new Error(`unmatched claim lines: ${match.unmatched.length}, ambiguous: ${match.ambiguous.length}`);
  const billedBy = new Map<string, BilledLine[]>();
  const claimToEncounter = new Map<string, string>();
  for (const [e, list] of match.byEncounter) {
    billedBy.set(
      e.encounterId,
      list.map((p) => ({
        claimId: p.claimId,
        code: p.code!,
        modifiers: p.modifiers,
        units: p.billedUnits,
        billedCents: p.billedCents,
        allowedCents: p.allowedCents,
        paidCents: p.paidCents,
        paidUnits: p.paidUnits,
        adjustments: p.adjustments,
      })),
    );
    for (const p of list) claimToEncounter.set(p.claimId, e.encounterId);
  }

  const expectedBy = new Map<string, ExpectedFinding[]>();
  const addExpected = (id: string, list: readonly ExpectedFinding[]) => expectedBy.set(id, [...(expectedBy.get(id) ?? []), ...list]);
  for (const e of truth.errors) addExpected(e.encounterId, e.expectedFindings);
  for (const p of truth.payerEvents) addExpected(p.encounterId, p.expectedFindings);

  const medians = computeMedianDurations(encounters.map((e) => e.encounter));
  const out: EncounterComparison[] = [];
  for (const imported of encounters) {
    const id = imported.meta.encounterId;
    const coded = codeEncounter(imported.encounter, settings);
    const findings = compareEncounter(
      {
        encounterId: id,
        dateOfService: imported.meta.dateOfService,
        payer: imported.meta.payer ?? "",
        canonical: coded.lines,
        billed: billedBy.get(id) ?? [],
        recoupments: recoupments.filter((r) => claimToEncounter.get(r.claimId) === id),
        missingStopEstimates: estimateMissingStops(imported.encounter, coded, medians, settings),
      },
      valueOf,
      ADD_ON_RULES,
    );
    out.push({ encounterId: id, actual: findings.map(findingKey).sort(), expected: (expectedBy.get(id) ?? []).map(findingKey).sort(), findings });
  }
  return out;
}

/**
 * The generator's own contract rates (lib/synthetic/practice.ts), rebuilt from the truth's seed: the
 * rates are drawn before the patient panel, so the panel size does not change them.
 */
export function generatorRates(truth: Truth): { rateCents: (payer: string, code: string, dateOfService: string) => number; coinsurance: (payer: string) => number } {
  const practice = createPractice(truth.parameters.seed, { sites: truth.parameters.sites, patientsPerSite: 1, regimenWeights: REGIMEN_WEIGHTS });
  // The generator's first year is the year of the Monday on or before its start date.
  const start = new Date(`${truth.parameters.startDate}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
  const firstYear = start.getUTCFullYear();
  const payerIndex = (payer: string) => {
    const index = practice.payers.findIndex((p) => p.name === payer);
    if (index < 0) throw new Error(`not a generator payer: ${payer}`);
    return index;
  };
  return {
    rateCents: (payer, code, dateOfService) => contractRateCents(practice, payerIndex(payer), code, dateOfService, firstYear),
    coinsurance: (payer) => practice.payers[payerIndex(payer)]!.coinsurance,
  };
}

/** Finding kinds whose value is the unit value of the finding's own code × its units (compareEncounter). */
const VALUED_PER_UNIT: ReadonlySet<string> = new Set([
  "missed_addon_hours", "missed_sequential", "missed_concurrent", "missed_initial", "missed_service",
  "unsupported_line", "denied_line", "unit_cut", "addon_without_primary",
]);

export type DollarCheck = { checked: Record<string, number>; mismatches: string[] };

/**
 * Compares each finding's dollars with the generator's contract rates: a fee-schedule value must be
 * the contract rate × units to the cent; an own-paid-median value must be within 1 cent per unit of
 * contract rate × (1 − coinsurance) (the payer pays the allowed amount less the patient's PR-2
 * share, rounded to the cent per line, and the median is of paid ÷ paid units, rounded).
 * Findings valued otherwise (recoupment, missing stop estimates, hierarchy differences) are skipped.
 */
export function checkDollars(findings: readonly Finding[], rates: ReturnType<typeof generatorRates>): DollarCheck {
  const checked: Record<string, number> = {};
  const mismatches: string[] = [];
  for (const f of findings) {
    if (!VALUED_PER_UNIT.has(f.kind) || f.code === null) continue;
    // A paid orphan add-on is only at risk ($0); the generator's are always denied CO-B15.
    const label = `${f.encounterId} ${f.kind} ${f.code}×${f.units} ${f.payer} ${f.valueSource} ${f.valueCents}`;
    const rate = rates.rateCents(f.payer, f.code, f.dateOfService);
    checked[f.valueSource] = (checked[f.valueSource] ?? 0) + 1;
    if (f.valueSource === "fee_schedule") {
      if (f.valueCents !== rate * f.units) mismatches.push(`${label}: expected ${rate} × ${f.units}`);
    } else if (f.valueSource === "own_paid_median") {
      const expectedPerUnit = rate * (1 - rates.coinsurance(f.payer));
      if (f.valueCents % f.units !== 0 || Math.abs(f.valueCents / f.units - expectedPerUnit) > 1) mismatches.push(`${label}: expected ${expectedPerUnit.toFixed(1)} ± 1 per unit`);
    } else {
      mismatches.push(`${label}: every generator code has a fee schedule row, so no ${f.valueSource} value is expected`);
    }
  }
  return { checked, mismatches };
}
