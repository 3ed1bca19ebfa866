/**
 * Payer behaviour: turns a bill into an adjudicated claim version (allowed at the payer's contract
 * rate, CO-45 write-off, PR-2 coinsurance) and, on correctly billed claims, injects denials (CO-16,
 * CO-97, CO-50), unit cuts (CO-151) and whole-claim denials at the configured rates. Orphan add-ons
 * are always denied CO-B15. Every line balances: billed − Σ adjustments = paid.
 */
import type { CodedLine } from "@/lib/coding/types";
import type { Prng } from "./create-prng";
import { orphanAddOns } from "./leaky-biller";
import { contractRateCents, type Practice } from "./practice";
import { DRUGS, type DrugKey } from "./regimens";
import type { AdjudicatedLine, Adjustment, BilledLine, ClaimVersion, ExpectedFinding, PayerBehaviour, PayerEvent } from "./types";

const DENIAL_REASONS: readonly (readonly [string, number])[] = [
  ["16", 3],
  ["97", 4],
  ["50", 2],
];
const REMARK_FOR: Readonly<Record<string, string>> = { "16": "M51", "97": "M15", "50": "N115", B15: "M80", "151": "N362" };

export type ClaimContext = {
  practice: Practice;
  firstYear: number;
  payerIndex: number;
  dateOfService: string;
};

/** Rate in cents per unit for an administration code or a drug HCPCS code. */
export function unitRateCents(ctx: ClaimContext, line: BilledLine): number {
  if (!line.isDrug) return contractRateCents(ctx.practice, ctx.payerIndex, line.code, ctx.dateOfService, ctx.firstYear);
  const drug = DRUG_BY_HCPCS.get(line.code)!;
  const payer = ctx.practice.payers[ctx.payerIndex]!;
  return Math.round(drug.payCents * Math.min(1.25, Math.max(0.85, payer.multiplier)));
}

const DRUG_BY_HCPCS = new Map(Object.values(DRUGS).map((d) => [d.hcpcs as string, d]));

export function chargeCents(ctx: ClaimContext, line: BilledLine): number {
  const per = line.isDrug ? DRUG_BY_HCPCS.get(line.code)!.chargeCents : ctx.practice.charges[line.code]!;
  return per * line.units;
}

type LineOutcome = { kind: "paid" } | { kind: "denied"; reason: string } | { kind: "cut"; paidUnits: number };

function adjudicateLine(ctx: ClaimContext, line: BilledLine, outcome: LineOutcome, lineControlNumber: string): AdjudicatedLine {
  const billedCents = chargeCents(ctx, line);
  const rate = unitRateCents(ctx, line);
  const base = { code: line.code, modifiers: line.modifiers, units: line.units, billedCents, lineControlNumber };
  if (outcome.kind === "denied") {
    return {
      ...base,
      paidUnits: 0,
      allowedCents: 0,
      paidCents: 0,
      adjustments: [{ group: "CO", reason: outcome.reason, amountCents: billedCents }],
      remarks: REMARK_FOR[outcome.reason] ? [REMARK_FOR[outcome.reason]!] : [],
    };
  }
  const paidUnits = outcome.kind === "cut" ? outcome.paidUnits : line.units;
  const allowedCents = rate * paidUnits;
  const coinsurance = ctx.practice.payers[ctx.payerIndex]!.coinsurance;
  const patientCents = Math.round(allowedCents * coinsurance);
  const adjustments: Adjustment[] = [{ group: "CO", reason: "45", amountCents: billedCents - rate * line.units }];
  if (outcome.kind === "cut") adjustments.push({ group: "CO", reason: "151", amountCents: rate * (line.units - paidUnits), quantity: line.units - paidUnits });
  if (patientCents > 0) adjustments.push({ group: "PR", reason: "2", amountCents: patientCents });
  return {
    ...base,
    paidUnits,
    allowedCents,
    paidCents: allowedCents - patientCents,
    adjustments,
    remarks: outcome.kind === "cut" ? [REMARK_FOR["151"]!] : [],
  };
}

/** Drug (J-code) lines billed with the administration lines. */
export function drugLines(rows: readonly { drug: DrugKey; dose: number }[]): BilledLine[] {
  const units = new Map<string, number>();
  for (const row of rows) {
    const drug = DRUGS[row.drug];
    if (row.dose <= 0) continue;
    units.set(drug.hcpcs, (units.get(drug.hcpcs) ?? 0) + Math.max(1, Math.ceil(row.dose / drug.unitSize - 1e-9)));
  }
  return [...units].map(([code, u]) => ({ code, units: u, modifiers: code.startsWith("J7") ? [] : ["JZ"], isDrug: true }));
}

export type AdjudicationInput = {
  claimId: string;
  encounterId: string;
  billed: readonly BilledLine[];
  canonical: readonly CodedLine[];
  /** True when the bill is exactly the canonical one (payer behaviour is injected only then). */
  isClean: boolean;
  payerName: string;
};

/**
 * Adjudicates one bill. Returns the claim lines and the payer events (with the findings they add).
 */
export function adjudicateClaim(ctx: ClaimContext, rng: Prng, behaviour: PayerBehaviour, input: AdjudicationInput): { lines: AdjudicatedLine[]; status: "1" | "4"; events: PayerEvent[] } {
  const events: PayerEvent[] = [];
  const orphans = new Set(orphanAddOns(input.billed.filter((l) => !l.isDrug)));
  const claimDenied = input.isClean && rng.chance(behaviour.claimDenialRate);
  const lines: AdjudicatedLine[] = [];
  const event = (kind: PayerEvent["event"], reason: string, code: string, expected: ExpectedFinding[], detail: string) =>
    events.push({ encounterId: input.encounterId, claimId: input.claimId, payer: input.payerName, event: kind, reason, code, expectedFindings: expected, detail });

  input.billed.forEach((line, index) => {
    const lcn = `${input.claimId}-${index + 1}`;
    let outcome: LineOutcome = { kind: "paid" };
    if (claimDenied) {
      outcome = { kind: "denied", reason: "16" };
    } else if (!line.isDrug && orphans.has(line.code)) {
      outcome = { kind: "denied", reason: "B15" };
      event("orphan_addon_denied", "CO-B15", line.code, [], `${line.code} denied: no primary on the claim`);
    } else if (!line.isDrug && input.isClean) {
      if (line.units >= 2 && rng.chance(behaviour.unitCutRate)) {
        const cut = rng.chance(0.75) ? 1 : rng.int(1, line.units - 1);
        outcome = { kind: "cut", paidUnits: line.units - cut };
        event("unit_cut", "CO-151", line.code, [{ kind: "unit_cut", cause: "payer", code: line.code, units: cut }], `${line.code} paid ${line.units - cut} of ${line.units} units`);
      } else if (rng.chance(behaviour.lineDenialRate)) {
        const reason = rng.weighted(DENIAL_REASONS);
        outcome = { kind: "denied", reason };
        event("denied_line", `CO-${reason}`, line.code, [{ kind: "denied_line", cause: "payer", code: line.code, units: line.units }], `${line.code} ×${line.units} denied CO-${reason}`);
      }
    }
    lines.push(adjudicateLine(ctx, line, outcome, lcn));
  });
  if (claimDenied) {
    const expected: ExpectedFinding[] = input.billed
      .filter((l) => !l.isDrug)
      .map((l) => ({ kind: "denied_line", cause: "payer", code: l.code, units: l.units }));
    events.push({ encounterId: input.encounterId, claimId: input.claimId, payer: input.payerName, event: "claim_denied", reason: "CO-16", expectedFindings: expected, detail: "whole claim denied (CLP02 4)" });
  }
  const status = lines.every((l) => l.paidCents <= 0) ? "4" : "1";
  return { lines, status, events };
}

/** The reversal of a claim version: same claim, CLP02 22, every amount and unit negated. */
export function reverseClaim(version: ClaimVersion, runWeek: number): ClaimVersion {
  return {
    ...version,
    status: "22",
    runWeek,
    lines: version.lines.map((l) => ({
      ...l,
      units: -l.units,
      paidUnits: -l.paidUnits,
      billedCents: -l.billedCents,
      allowedCents: -l.allowedCents,
      paidCents: -l.paidCents,
      adjustments: l.adjustments.map((a) => ({ ...a, amountCents: -a.amountCents, ...(a.quantity !== undefined && { quantity: -a.quantity }) })),
    })),
  };
}
