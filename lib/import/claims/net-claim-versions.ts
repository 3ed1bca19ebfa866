/**
 * Nets the versions of each claim (original, reversal, replacement) into one position per
 * claim and code, so that nothing is double counted (spec §2, §5.1, §5.5).
 */
import type { ClaimAdjustment, ClaimLine, ClaimLineStatus } from "./claim-line";

export type NetClaimPosition = {
  payer: string;
  claimId: string;
  code: string | null;
  encounterId?: string;
  patientId: string;
  /** Earliest date of service among the lines behind this position. */
  dateOfService: string;
  /**
   * - `active`: billed by the claim's current version (amounts = that version's lines for the code)
   * - `reversed`: the claim's last action was a reversal/void with nothing after it (amounts 0)
   * - `removed`: an earlier version billed this code but the current version does not (amounts 0)
   */
  state: "active" | "reversed" | "removed";
  /** The kept lines' status when they agree, `partial` when they differ; `reversed` for zero positions. */
  status: ClaimLineStatus;
  modifiers: string[];
  billedUnits: number;
  paidUnits: number;
  billedCents: number;
  /** Null when any line behind the position has no allowed amount. */
  allowedCents: number | null;
  paidCents: number;
  adjustments: ClaimAdjustment[];
  remarks: string[];
  /** How many versions of the claim were seen, and whether the current one replaced an earlier one. */
  versionCount: number;
  replaced: boolean;
  /** The lines summed into the position (empty unless `active`). */
  lines: ClaimLine[];
  /**
   * When `replaced`: every line of the claim's first billed version (all its codes), so the claim
   * can be analyzed as first billed and a correction's recovery measured (lib/analysis/detect-recoveries.ts).
   */
  originalVersionLines?: readonly ClaimLine[];
};

type Version = {
  key: string;
  lines: ClaimLine[];
  isReversal: boolean;
  payerClaimControlNumber?: string;
};

const isReversalLine = (line: ClaimLine): boolean => line.status === "reversed" || line.claimFrequency === "8";

/**
 * One claim version: an 835 CLP, or the CSV lines of a claim that agree on frequency, claim-level
 * status, paid date and payer claim control number. The claim-level status is what the source
 * says for the claim (`statusCode`), never the status derived per line: a claim paying one line
 * and denying another is still one version.
 */
export function claimVersionKey(line: ClaimLine): string {
  if (line.source.claimSegment !== undefined) return `${line.source.file}#${line.source.claimSegment}`;
  const claimStatus = isReversalLine(line) ? "reversal" : (line.statusCode ?? "");
  return [line.source.file, line.claimFrequency, claimStatus, line.paidDate ?? "", line.payerClaimControlNumber ?? ""].join("#");
}

/**
 * Nets claim versions into one position per (payer, claim id, code).
 *
 * The rule:
 * 1. Lines are grouped into claims by payer + claim id (a primary and a secondary payer's
 *    payments on the same claim are both real and stay separate), and into versions: the lines of
 *    one 835 CLP, or CSV lines of the claim sharing frequency, status, paid date and payer claim
 *    control number (consecutive or not).
 * 2. Versions are applied in input order (pass several remits in paid-date order). A version is
 *    a reversal when its status is `reversed` (CLP02 22) or its frequency is 8 (void). Any other
 *    version (original 1, replacement 7, a re-adjudication) becomes the claim's current version,
 *    replacing the previous one: a payer never pays the same claim twice without reversing it.
 * 3. A reversal cancels the current version, except when its payer claim control number matches
 *    an earlier, already replaced version and not the current one (payers sometimes list the
 *    correction before the reversal of the original): then it changes nothing.
 * 4. The current version's lines are summed per code into `active` positions. Codes billed only
 *    by earlier versions get zero `removed` positions; a claim whose last action was a reversal
 *    gets zero `reversed` positions for the codes it had. So original + reversal nets to zero,
 *    and reversal + correction (in either order) nets to the correction.
 *
 * Pure: the input is not modified. Positions come out in order of first appearance.
 *
 * @example
 * netClaimVersions([original96413, reversal96413, corrected96413])
 * //=> [{ claimId: "C1", code: "96413", state: "active", paidCents: corrected96413.paidCents, … }]
 */
export function netClaimVersions(lines: readonly ClaimLine[]): NetClaimPosition[] {
  const claims = new Map<string, Version[]>();
  const order: Array<{ claim: string; code: string | null }> = [];
  const seenCodes = new Map<string, Set<string | null>>();

  for (const line of lines) {
    const claimKey = `${line.payer}\u0000${line.claimId}`;
    let versions = claims.get(claimKey);
    if (!versions) {
      versions = [];
      claims.set(claimKey, versions);
      seenCodes.set(claimKey, new Set());
    }
    const codes = seenCodes.get(claimKey)!;
    if (!codes.has(line.code)) {
      codes.add(line.code);
      order.push({ claim: claimKey, code: line.code });
    }
    const key = claimVersionKey(line);
    let version = versions.find((v) => v.key === key);
    if (!version) {
      version = { key, lines: [], isReversal: isReversalLine(line), ...(line.payerClaimControlNumber !== undefined && { payerClaimControlNumber: line.payerClaimControlNumber }) };
      versions.push(version);
    }
    version.lines.push(line);
  }

  const current = new Map<string, { version: Version | null; replaced: boolean; versionCount: number; original: Version | null }>();
  for (const [claimKey, versions] of claims) {
    let active: Version | null = null;
    let original: Version | null = null;
    let applied = 0;
    const history: Version[] = [];
    for (const version of versions) {
      if (version.isReversal) {
        const pccn = version.payerClaimControlNumber;
        const matchesOlder = pccn !== undefined && active?.payerClaimControlNumber !== pccn && history.some((v) => v !== active && !v.isReversal && v.payerClaimControlNumber === pccn);
        if (!matchesOlder) active = null;
      } else {
        active = version;
        original ??= version;
        applied++;
      }
      history.push(version);
    }
    current.set(claimKey, { version: active, replaced: applied > 1, versionCount: versions.length, original });
  }

  return order.map(({ claim, code }) => {
    const state = current.get(claim)!;
    const versions = claims.get(claim)!;
    const all = versions.flatMap((v) => v.lines.filter((l) => l.code === code));
    const kept = state.version ? state.version.lines.filter((l) => l.code === code) : [];
    const sample = kept[0] ?? all[0]!;
    const dates = (kept.length > 0 ? kept : all).map((l) => l.dateOfService).sort();
    const modifiers: string[] = [];
    const remarks: string[] = [];
    for (const l of kept) {
      for (const m of l.modifiers) if (!modifiers.includes(m)) modifiers.push(m);
      for (const r of l.remarks) if (!remarks.includes(r)) remarks.push(r);
    }
    const encounterId = (kept.length > 0 ? kept : all).find((l) => l.encounterId !== undefined)?.encounterId;
    const sum = (pick: (l: ClaimLine) => number): number => kept.reduce((total, l) => total + pick(l), 0);
    return {
      payer: sample.payer,
      claimId: sample.claimId,
      code,
      ...(encounterId !== undefined && { encounterId }),
      patientId: sample.patientId,
      dateOfService: dates[0]!,
      state: kept.length > 0 ? "active" : state.version ? "removed" : "reversed",
      status: kept.length === 0 ? "reversed" : kept.every((l) => l.status === kept[0]!.status) ? kept[0]!.status : "partial",
      modifiers,
      billedUnits: sum((l) => l.billedUnits),
      paidUnits: sum((l) => l.paidUnits),
      billedCents: sum((l) => l.billedCents),
      allowedCents: kept.length > 0 && kept.every((l) => l.allowedCents !== null) ? sum((l) => l.allowedCents!) : kept.length === 0 ? 0 : null,
      paidCents: sum((l) => l.paidCents),
      adjustments: kept.flatMap((l) => l.adjustments),
      remarks,
      versionCount: state.versionCount,
      replaced: state.replaced,
      lines: kept,
      ...(state.replaced && state.original && { originalVersionLines: state.original.lines }),
    };
  });
}
