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
import type { ExpectedFinding, InjectedError, PayerEvent, TruthCounts } from "@/lib/synthetic/types";

export type Truth = { parameters: { seed: number; setting: "professional" | "facility" }; errors: InjectedError[]; payerEvents: PayerEvent[]; counts: TruthCounts };

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
