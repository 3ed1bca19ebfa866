/**
 * The 835 balancing identities (005010X221A1 §1.10.2), reported as warnings, never errors:
 * - line:        SVC02 − Σ line CAS = SVC03
 * - claim:       CLP03 − Σ claim CAS − Σ line CAS = CLP04
 * - transaction: Σ CLP04 − Σ PLB = BPR02
 */
import { formatCents } from "../claims/parse-cents";
import type { ClaimsIssue } from "../claims/claim-line";

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

export type LineBalanceInput = {
  claimId: string;
  lineNumber: number;
  code: string;
  segment: number;
  line: number;
  billedCents: number;
  paidCents: number;
  adjustmentCents: readonly number[];
};

/** @example checkLineBalance({ billedCents: 1000, paidCents: 800, adjustmentCents: [200], ... }) //=> undefined */
export function checkLineBalance(input: LineBalanceInput): ClaimsIssue | undefined {
  const adjusted = sum(input.adjustmentCents);
  const expected = input.billedCents - adjusted;
  if (expected === input.paidCents) return undefined;
  return {
    code: "LINE_IMBALANCE",
    message:
      `claim ${input.claimId} line ${input.lineNumber} (${input.code}, segment ${input.segment}): ` +
      `charge ${formatCents(input.billedCents)} - adjustments ${formatCents(adjusted)} = ${formatCents(expected)}, ` +
      `but paid is ${formatCents(input.paidCents)} (difference ${formatCents(input.paidCents - expected)})`,
    segment: input.segment,
    line: input.line,
    claimId: input.claimId,
  };
}

export type ClaimBalanceInput = {
  claimId: string;
  segment: number;
  line: number;
  chargeCents: number;
  paidCents: number;
  claimAdjustmentCents: readonly number[];
  lineAdjustmentCents: readonly number[];
};

export function checkClaimBalance(input: ClaimBalanceInput): ClaimsIssue | undefined {
  const claimAdjusted = sum(input.claimAdjustmentCents);
  const lineAdjusted = sum(input.lineAdjustmentCents);
  const expected = input.chargeCents - claimAdjusted - lineAdjusted;
  if (expected === input.paidCents) return undefined;
  return {
    code: "CLAIM_IMBALANCE",
    message:
      `claim ${input.claimId} (segment ${input.segment}): charge ${formatCents(input.chargeCents)} - claim adjustments ` +
      `${formatCents(claimAdjusted)} - line adjustments ${formatCents(lineAdjusted)} = ${formatCents(expected)}, ` +
      `but paid (CLP04) is ${formatCents(input.paidCents)} (difference ${formatCents(input.paidCents - expected)})`,
    segment: input.segment,
    line: input.line,
    claimId: input.claimId,
  };
}

export type PaymentBalanceInput = {
  transactionControlNumber: string;
  segment: number;
  line: number;
  claimPaidCents: readonly number[];
  providerAdjustmentCents: readonly number[];
  paymentCents: number;
};

export function checkPaymentBalance(input: PaymentBalanceInput): ClaimsIssue | undefined {
  const paid = sum(input.claimPaidCents);
  const adjusted = sum(input.providerAdjustmentCents);
  const expected = paid - adjusted;
  if (expected === input.paymentCents) return undefined;
  return {
    code: "PAYMENT_IMBALANCE",
    message:
      `transaction ${input.transactionControlNumber} (segment ${input.segment}): claim payments ${formatCents(paid)} - ` +
      `provider adjustments ${formatCents(adjusted)} = ${formatCents(expected)}, but the payment (BPR02) is ` +
      `${formatCents(input.paymentCents)} (difference ${formatCents(input.paymentCents - expected)})`,
    segment: input.segment,
    line: input.line,
  };
}
