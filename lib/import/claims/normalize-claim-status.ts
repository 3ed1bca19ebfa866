import type { ClaimAdjudication, ClaimFrequency } from "./claim-line";

const STATUS_WORDS: ReadonlyArray<[RegExp, ClaimAdjudication]> = [
  [/^(denied|deny|rejected|reject|4)$/, "denied"],
  [/^(reversed|reversal|reverse|void|voided|cancel(l)?ed|recouped|recoupment|takeback|22)$/, "reversal"],
  [/^(pending|open|submitted|in process|in progress|suspended|pended|hold|on hold|not our claim|forwarded|23|25)$/, "pending"],
];

/**
 * Normalizes a claims-CSV status cell. Paid/processed/adjusted, blank and unknown words are
 * `processed`: the line's amounts then tell paid, partial or denied (`deriveLineStatus`).
 * @example normalizeClaimStatus("Denied") //=> "denied"
 * @example normalizeClaimStatus("Voided") //=> "reversal"
 * @example normalizeClaimStatus("Paid") //=> "processed"
 */
export function normalizeClaimStatus(raw: string): ClaimAdjudication {
  const text = raw.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  for (const [pattern, status] of STATUS_WORDS) if (pattern.test(text)) return status;
  return "processed";
}

/**
 * Reads a claim frequency cell: `1`/original, `7`/replacement/corrected, `8`/void. Blank → `1`;
 * anything else → undefined (a row error).
 * @example parseClaimFrequency("Replacement") //=> "7"
 */
export function parseClaimFrequency(raw: string): ClaimFrequency | undefined {
  const text = raw.trim().toLowerCase();
  if (text === "" || text === "1" || text === "original" || text === "orig" || text === "new") return "1";
  if (text === "7" || text === "replacement" || text === "replace" || text === "corrected" || text === "correction") return "7";
  if (text === "8" || text === "void" || text === "voided" || text === "cancel" || text === "cancelled" || text === "canceled") return "8";
  return undefined;
}
