/**
 * Rebill candidates (spec §1 billing manager, §7 Findings worklist): coding findings on claims
 * whose date of service is still inside the payer's timely-filing window as of a given date. Pure:
 * the date is always passed in (`asOf`), never read from a clock.
 *
 * Window: PayerSetting.timelyFilingDays for the payer (payer names compared trimmed and
 * case-insensitively), else Organization.timelyFilingDays, else 365 days. The filing deadline is
 * the date of service + the window's days (the last day to rebill); a claim is a candidate while
 * `asOf <= deadline`, with `daysLeft = deadline − asOf` (0 = last day).
 */
import { addDays, toDayNumber } from "./week-bucket";

export const DEFAULT_TIMELY_FILING_DAYS = 365;

export type FilingWindows = { defaultDays: number; byPayer: ReadonlyMap<string, number> };

const payerKey = (payer: string): string => payer.trim().toLowerCase();

export function createFilingWindows(
  organizationDays: number | null | undefined,
  payerSettings: readonly { payer: string; timelyFilingDays: number }[] = [],
): FilingWindows {
  const byPayer = new Map<string, number>();
  for (const setting of payerSettings) {
    if (Number.isInteger(setting.timelyFilingDays) && setting.timelyFilingDays > 0) byPayer.set(payerKey(setting.payer), setting.timelyFilingDays);
  }
  const defaultDays = Number.isInteger(organizationDays) && (organizationDays as number) > 0 ? (organizationDays as number) : DEFAULT_TIMELY_FILING_DAYS;
  return { defaultDays, byPayer };
}

export function filingDaysFor(payer: string | null | undefined, windows: FilingWindows): number {
  return (payer ? windows.byPayer.get(payerKey(payer)) : undefined) ?? windows.defaultDays;
}

/** Last day to (re)bill: date of service + the payer's window. @example filingDeadline("2025-01-10", "Aetna", w90) //=> "2025-04-10" */
export function filingDeadline(dateOfService: string, payer: string | null | undefined, windows: FilingWindows): string {
  return addDays(dateOfService, filingDaysFor(payer, windows));
}

/** Days from `asOf` to the deadline (0 = last day, negative = too late). */
export function daysLeft(deadline: string, asOf: string): number {
  return toDayNumber(deadline) - toDayNumber(asOf);
}

export const REBILL_SORTS = ["deadline", "value", "dateOfService"] as const;
export type RebillSort = (typeof REBILL_SORTS)[number];

export type RebillFinding = {
  encounterId: number;
  claimId: string | null;
  payer: string | null;
  dateOfService: string;
  cause: string;
  kind: string;
  code: string | null;
  units: number;
  valueCents: number;
  explanation: string;
};

export type CorrectedLine = { code: string; units: number; modifiers: string[]; explanation: string };

export type RebillCandidate = {
  encounterId: number;
  claimId: string | null;
  payer: string | null;
  dateOfService: string;
  filingDeadline: string;
  daysLeft: number;
  valueCents: number;
  findings: RebillFinding[];
  /** What should be billed for the encounter (the engine's canonical lines), when known. */
  correctedLines: CorrectedLine[];
};

/**
 * Groups coding findings by encounter + claim and keeps those still inside the payer's window on
 * `asOf`, sorted (`deadline`: soonest first; `value`: largest first; `dateOfService`: oldest first;
 * ties by encounter id).
 */
export function selectRebillCandidates(
  findings: readonly RebillFinding[],
  options: { asOf: string; windows: FilingWindows; payer?: string; sort?: RebillSort; correctedLines?: ReadonlyMap<number, CorrectedLine[]> },
): RebillCandidate[] {
  const groups = new Map<string, RebillCandidate>();
  const wantedPayer = options.payer === undefined ? undefined : payerKey(options.payer);
  for (const finding of findings) {
    if (finding.cause !== "coding") continue;
    if (wantedPayer !== undefined && payerKey(finding.payer ?? "") !== wantedPayer) continue;
    const deadline = filingDeadline(finding.dateOfService, finding.payer, options.windows);
    const left = daysLeft(deadline, options.asOf);
    if (left < 0) continue;
    const key = `${finding.encounterId}\u0000${finding.claimId ?? ""}`;
    let candidate = groups.get(key);
    if (!candidate) {
      candidate = {
        encounterId: finding.encounterId,
        claimId: finding.claimId,
        payer: finding.payer,
        dateOfService: finding.dateOfService,
        filingDeadline: deadline,
        daysLeft: left,
        valueCents: 0,
        findings: [],
        correctedLines: options.correctedLines?.get(finding.encounterId) ?? [],
      };
      groups.set(key, candidate);
    }
    candidate.valueCents += finding.valueCents;
    candidate.findings.push(finding);
  }
  return sortRebillCandidates([...groups.values()], options.sort ?? "deadline");
}

export function sortRebillCandidates(candidates: RebillCandidate[], sort: RebillSort): RebillCandidate[] {
  const byId = (a: RebillCandidate, b: RebillCandidate) => a.encounterId - b.encounterId || ((a.claimId ?? "") < (b.claimId ?? "") ? -1 : (a.claimId ?? "") > (b.claimId ?? "") ? 1 : 0);
  const compare: Record<RebillSort, (a: RebillCandidate, b: RebillCandidate) => number> = {
    deadline: (a, b) => (a.filingDeadline < b.filingDeadline ? -1 : a.filingDeadline > b.filingDeadline ? 1 : b.valueCents - a.valueCents || byId(a, b)),
    value: (a, b) => b.valueCents - a.valueCents || byId(a, b),
    dateOfService: (a, b) => (a.dateOfService < b.dateOfService ? -1 : a.dateOfService > b.dateOfService ? 1 : byId(a, b)),
  };
  return candidates.sort(compare[sort]);
}
