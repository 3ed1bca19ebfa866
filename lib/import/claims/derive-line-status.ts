import type { ClaimAdjudication, ClaimLine, ClaimLineStatus } from "./claim-line";

export type LineStatusInput = Pick<ClaimLine, "code" | "billedCents" | "paidCents" | "billedUnits" | "paidUnits" | "adjustments">;

/**
 * Derives a line's status from the claim's adjudication and the line's amounts (rules on
 * `ClaimLineStatus`).
 * @example deriveLineStatus("processed", { code: "96415", billedCents: 20000, paidCents: 0, billedUnits: 1, paidUnits: 0, adjustments: [{ group: "CO", reason: "B15", amountCents: 20000, quantity: null }] }) //=> "denied"
 */
export function deriveLineStatus(claim: ClaimAdjudication, line: LineStatusInput): ClaimLineStatus {
  if (claim === "reversal") return "reversed";
  if (claim === "pending") return "pending";
  if (claim === "denied") return "denied";
  const patientOwes = line.adjustments.some((a) => a.group === "PR" && a.amountCents > 0);
  if (line.billedCents > 0 && line.paidCents <= 0 && !patientOwes) return "denied";
  if (line.code !== null && line.paidCents > 0 && line.paidUnits < line.billedUnits) return "partial";
  return "paid";
}
