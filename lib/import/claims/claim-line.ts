/**
 * The normalized claim line: one billed service line and its adjudication, whichever file it came
 * from (claims CSV export or X12 835 remittance). Matches the `claims` command JSON (spec §6).
 * Money is integer cents everywhere; dates are `YYYY-MM-DD`; codes and ids stay strings.
 */

/** CARC group codes. `""` = the source gave a reason without a group. */
export type AdjustmentGroup = "CO" | "PR" | "OA" | "PI" | "CR" | (string & {});

/**
 * Our own short labels for the CARC *group* codes. These are not the licensed X12 reason
 * descriptions (spec §8): we never ship CARC reason text, only codes.
 */
export const ADJUSTMENT_GROUP_LABELS: Readonly<Record<string, string>> = {
  CO: "Contractual obligation",
  PR: "Patient responsibility",
  OA: "Other adjustment",
  PI: "Payer initiated",
  CR: "Correction/reversal",
};

export type ClaimAdjustment = {
  group: AdjustmentGroup;
  /** CARC reason code, e.g. `45`, `B15`. */
  reason: string;
  /** Positive = reduces payment; negative amounts are allowed (e.g. reversals, CAS*OA*94*-9.00). */
  amountCents: number;
  /** Units adjusted (CAS quantity), null when not given. */
  quantity: number | null;
};

/**
 * How the payer treated the claim as a whole, before looking at the line's amounts:
 * 835 CLP02 1/2/3/19/20/21 (and any unknown code) → `processed`, 4 → `denied`, 22 → `reversal`,
 * 23 (not our claim) and 25 (predetermination) → `pending`; CSV status words likewise.
 */
export type ClaimAdjudication = "processed" | "denied" | "reversal" | "pending";

/**
 * Line status (the vocabulary of the `ClaimLine.status` database column), derived by
 * `deriveLineStatus`:
 * - `reversed`: the claim version is a reversal (CLP02 22, CSV reversed/void, frequency 8)
 * - `pending`: not adjudicated by this payer (CSV pending, CLP02 23/25)
 * - `denied`: the claim was denied (CLP02 4, CSV denied), or the line was billed and nothing was
 *   paid without any patient-responsibility (PR) amount: a line-level denial
 * - `partial`: paid, but fewer units than billed (a unit cut)
 * - `paid`: anything else adjudicated (including lines paid 0 because the allowed amount went to
 *   the patient's deductible or coinsurance)
 */
export type ClaimLineStatus = "paid" | "partial" | "denied" | "reversed" | "pending";

/** Claim frequency (CLM05-3 / CLP09): 1 original, 7 replacement, 8 void. Anything else reads as 1. */
export type ClaimFrequency = "1" | "7" | "8";

export type ClaimLineSource = {
  /** File name or path as given to the reader. */
  file: string;
  /** 1-based line of the file (CSV row start, or the line an X12 segment starts on). */
  line?: number;
  /** 1-based segment number in an X12 file (the SVC, or the CLP for a claim-level line). */
  segment?: number;
  /** X12 only: segment number of the CLP this line belongs to (identifies one claim version). */
  claimSegment?: number;
};

export type ClaimLine = {
  claimId: string;
  encounterId?: string;
  patientId: string;
  /** Display name from the source (`LAST, FIRST` for 835 NM1*QC), when there is one. */
  patientName?: string;
  /** `YYYY-MM-DD`. */
  dateOfService: string;
  payer: string;
  /** CPT/HCPCS code; null for claim-level-only adjudications (a claim with no service lines, or claim-level CAS). */
  code: string | null;
  /** X12 product/service id qualifier (SVC01-1, e.g. `HC`, `NU`); absent for CSV. */
  codeQualifier?: string;
  modifiers: string[];
  billedUnits: number;
  paidUnits: number;
  billedCents: number;
  /** Null when the source gives no allowed amount. */
  allowedCents: number | null;
  paidCents: number;
  adjustments: ClaimAdjustment[];
  /** RARC remark codes (line LQ*HE, plus claim-level MOA/MIA codes on every line of the claim). */
  remarks: string[];
  status: ClaimLineStatus;
  /** Claim status as the source spelled it (CLP02 code or CSV text). */
  statusCode?: string;
  claimFrequency: ClaimFrequency;
  payerClaimControlNumber?: string;
  lineControlNumber?: string;
  /** `YYYY-MM-DD`; 835: BPR16 (else DTM*405). */
  paidDate?: string;
  /** Claim filing indicator (CLP06), e.g. `MB`, `12`. */
  filingIndicator?: string;
  /** Revenue code (SVC04). */
  revenueCode?: string;
  /** Code as originally submitted when the payer adjudicated a different one (SVC06). */
  originalCode?: string;
  originalModifiers?: string[];
  /** Units as originally submitted (SVC07). */
  originalUnits?: number;
  source: ClaimLineSource;
};

/** One issue found while reading (errors drop the affected line; warnings keep it). */
export type ClaimsIssue = {
  code: string;
  message: string;
  /** 1-based line of the file. */
  line?: number;
  /** Canonical column name (CSV), when one cell is at fault. */
  column?: string;
  /** 1-based X12 segment number. */
  segment?: number;
  claimId?: string;
  /** The offending raw value, when there is one. */
  raw?: string;
  /**
   * X12 only: the text of the offending segment (cut to MAX_RAW_ROW_CHARS), the raw row stored with
   * the error instead of the file line, which in a one-line 835 holds other patients' claims.
   */
  segmentText?: string;
  /** True when the whole file could not be read (nothing else will come from it): the CLI exits 1. */
  fatal?: boolean;
  /** Structured data for file-level errors, e.g. `{ headers, unmapped }` for MISSING_COLUMNS. */
  details?: Record<string, unknown>;
};

/** A PLB provider-level adjustment (e.g. a recoupment `WO`, `FB`, `L6`, `72`). */
export type ProviderAdjustment = {
  /** PLB01 provider identifier. */
  providerId: string;
  /** PLB02 fiscal period date, `YYYY-MM-DD` (absent when unreadable). */
  fiscalPeriodDate?: string;
  /** Adjustment reason code (PLB03-1). */
  reason: string;
  /** PLB03-2 reference, often a payer claim control number or a patient account number. */
  reference?: string;
  /** Positive = money taken back from the provider (reduces the payment); negative = money added. */
  amountCents: number;
  /** The claim this adjustment refers to, when the reference equals a claim id or payer claim control number in the same file. */
  claimId?: string;
  segment: number;
};

/** Payment information of one 835 transaction (ST/SE). */
export type RemittancePayment = {
  /** ST02. */
  transactionControlNumber: string;
  segment: number;
  payer?: string;
  payee?: string;
  payeeId?: string;
  /** BPR02 total actual provider payment. */
  paymentCents: number | null;
  /** BPR03 `C` credit / `D` debit. */
  creditDebit?: string;
  /** BPR04, e.g. `ACH`, `CHK`, `NON`. */
  paymentMethod?: string;
  /** BPR16, `YYYY-MM-DD`. */
  paymentDate?: string;
  /** TRN02 check or EFT trace number. */
  traceNumber?: string;
  claimCount: number;
  providerAdjustments: ProviderAdjustment[];
};

export type ClaimsReadResult = {
  lines: ClaimLine[];
  warnings: ClaimsIssue[];
  errors: ClaimsIssue[];
  /** 835 only: one entry per transaction. */
  payments?: RemittancePayment[];
  format: "x12-835" | "csv";
};
