/**
 * Recovery detected from remittances (issue [11/12]): what a corrected or replacement claim, or a
 * new line on a later version of the claim, brought back. An encounter whose claim was replaced is
 * analyzed twice: against the claim as first billed and as it stands now. A leakage finding of the
 * first analysis whose code the later version pays more for is recovered (partially, when a
 * leakage finding on that code is still open); one whose code the later version billed and the
 * payer again did not pay is denied again. Pure: `analyze` and the database recompute both run it
 * (through `analyzeEncounter`).
 */
import { activeCodedPositions, type CodedPosition } from "./analyze-practice";
import { netClaimVersions } from "@/lib/import/claims/net-claim-versions";
import type { Finding, FindingKind } from "./types";

export type RecoveryOutcome = "recovered" | "partially_recovered" | "denied_again";

export type Recovery = {
  encounterId: string;
  /** The finding of the claim as first billed that the correction answers. */
  kind: FindingKind;
  code: string;
  units: number;
  /** What the later version paid for the code beyond what the first version paid (0 when denied again). */
  recoveredCents: number;
  /** The correcting claim and the latest paid date among its lines for the code. */
  claimId: string;
  paidDate: string | null;
  outcome: RecoveryOutcome;
};

/** Findings about money the practice can still collect by rebilling or appealing. */
export const RECOVERABLE_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>([
  "missed_addon_hours",
  "missed_sequential",
  "missed_concurrent",
  "missed_initial",
  "wrong_initial",
  "missed_service",
  "missing_stop_time",
  "denied_line",
  "unit_cut",
]);

/**
 * The encounter's positions as its claims were first billed: each replaced claim's first version
 * netted on its own, every other position as it is. Null when no claim of the encounter was
 * replaced (nothing to recover; the common case costs one pass).
 */
export function positionsAsFirstBilled(positions: readonly CodedPosition[]): CodedPosition[] | null {
  if (!positions.some((position) => position.originalVersionLines)) return null;
  const result: CodedPosition[] = [];
  const seenClaims = new Set<string>();
  for (const position of positions) {
    if (!position.originalVersionLines) {
      result.push(position);
      continue;
    }
    const claimKey = `${position.payer}\u0000${position.claimId}`;
    if (seenClaims.has(claimKey)) continue;
    seenClaims.add(claimKey);
    result.push(...activeCodedPositions(netClaimVersions(position.originalVersionLines)));
  }
  return result;
}

type CodeTotals = { paidCents: number; paidUnits: number; billedUnits: number };

function totalsByCode(positions: readonly CodedPosition[]): Map<string, CodeTotals> {
  const totals = new Map<string, CodeTotals>();
  for (const position of positions) {
    const sum = totals.get(position.code) ?? { paidCents: 0, paidUnits: 0, billedUnits: 0 };
    sum.paidCents += position.paidCents;
    sum.paidUnits += position.paidUnits;
    sum.billedUnits += position.billedUnits;
    totals.set(position.code, sum);
  }
  return totals;
}

function latestPaidDate(position: CodedPosition): string | null {
  let latest: string | null = null;
  for (const line of position.lines) if (line.paidDate && (latest === null || line.paidDate > latest)) latest = line.paidDate;
  return latest;
}

/**
 * What the later versions of the encounter's replaced claims recovered of the findings the claims
 * as first billed had.
 *
 * Per code: the paid amount gained (now minus first billed) is shared out over that code's
 * recoverable findings in order, each taking at most its value (the last takes the rest). A finding
 * is recovered when no recoverable finding on its code is left open now, partially recovered when
 * one is. When the later version billed the code (more units, or a line the payer denied) and paid
 * nothing more, the code's findings are denied again.
 */
export function detectRecoveries(input: {
  encounterId: string;
  firstBilled: readonly CodedPosition[];
  current: readonly CodedPosition[];
  findingsAsFirstBilled: readonly Finding[];
  findingsNow: readonly Finding[];
}): Recovery[] {
  const candidates = input.findingsAsFirstBilled.filter((finding): finding is Finding & { code: string } => finding.code !== null && RECOVERABLE_KINDS.has(finding.kind));
  if (candidates.length === 0) return [];
  const before = totalsByCode(input.firstBilled);
  const after = totalsByCode(input.current);
  const stillOpen = new Set(input.findingsNow.filter((finding) => finding.code !== null && RECOVERABLE_KINDS.has(finding.kind)).map((finding) => finding.code!));

  const recoveries: Recovery[] = [];
  const byCode = new Map<string, Array<Finding & { code: string }>>();
  for (const finding of candidates) byCode.set(finding.code, [...(byCode.get(finding.code) ?? []), finding]);
  for (const [code, findings] of byCode) {
    const correcting = input.current.find((position) => position.code === code && position.originalVersionLines);
    if (!correcting) continue;
    const was = before.get(code) ?? { paidCents: 0, paidUnits: 0, billedUnits: 0 };
    const now = after.get(code)!;
    const gained = now.paidCents - was.paidCents;
    const source = { claimId: correcting.claimId, paidDate: latestPaidDate(correcting) };
    if (gained > 0) {
      let left = gained;
      findings.forEach((finding, index) => {
        const share = index === findings.length - 1 ? left : Math.min(left, finding.valueCents);
        left -= share;
        if (share <= 0) return;
        const outcome: RecoveryOutcome = stillOpen.has(code) ? "partially_recovered" : "recovered";
        recoveries.push({ encounterId: input.encounterId, kind: finding.kind, code, units: finding.units, recoveredCents: share, ...source, outcome });
      });
      continue;
    }
    const billedAgain = now.billedUnits > was.billedUnits || correcting.status === "denied" || correcting.status === "partial";
    if (billedAgain && stillOpen.has(code)) {
      for (const finding of findings) recoveries.push({ encounterId: input.encounterId, kind: finding.kind, code, units: finding.units, recoveredCents: 0, ...source, outcome: "denied_again" });
    }
  }
  return recoveries;
}

/** Total recovered over recoveries (integer cents). */
export function sumRecoveredCents(recoveries: readonly Recovery[]): number {
  return recoveries.reduce((total, recovery) => total + recovery.recoveredCents, 0);
}
