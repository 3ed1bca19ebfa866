/**
 * The 835 (005010X221A1) state machine: feed it segments (from `createSegmentTokenizer`) one at a
 * time, then `finish()` for claim lines, warnings, errors and payment (BPR/PLB) information.
 *
 * Reading rules worth knowing (each is also pinned by a test):
 * - One claim line per SVC. A claim with no SVC becomes one line with `code: null` carrying CLP03,
 *   CLP04 and the claim CAS. A claim with SVCs *and* claim-level CAS gets one extra `code: null`
 *   line carrying those adjustments, billed 0 and paid −Σ claim CAS: every line balances
 *   (billed − Σ adjustments = paid) and a claim's lines add up to CLP04.
 * - Units: `paidUnits` = SVC05 (absent → 1). `billedUnits` = SVC07 when present, else SVC05 when
 *   it is not 0, else 1 (the IG sends SVC07 only when it differs from SVC05; a denied line often
 *   carries SVC05 = 0 without SVC07, and the submitted units are then unknown: 1 is assumed).
 * - Dates: line DTM*472, else DTM*150 (period start); fallback claim DTM*232, then DTM*233.
 * - `patientId` = NM1*QC NM109 (else NM1*IL NM109); `paidDate` = BPR16 (else DTM*405).
 * - Claim-level remark codes (MOA03–07, MIA05/20–23) are added to every line of the claim.
 * - `status` from CLP02 and the line amounts (`deriveLineStatus`): 22 → reversed, 4 → denied, a
 *   line paid nothing with no patient responsibility → denied, fewer units paid → partial.
 * - PLB adjustments whose reference equals a claim id or payer claim control number seen in the
 *   file (or one of its space-separated words) get that `claimId` (recoupments tied to a claim).
 * - An SVC whose SVC01 holds only a qualifier (`SVC*HC*24599.00*1766.50*187.50**1`, the element
 *   separator used inside the composite) is repaired when the next element looks like a code and
 *   the one after the paid amount is an amount, with an SVC_CODE_REPAIRED warning; otherwise the
 *   SVC is an error and the line is dropped.
 * - Errors drop only what they affect (a line, a claim, an adjustment); reading goes on. A segment
 *   the tokenizer cut (`tooLong`) is a SEGMENT_TOO_LONG error and is otherwise ignored.
 * - When an interchange is left open (no IEA) because its segments could not be read (the last
 *   segment before the end, or at least half of the segments, are BAD_SEGMENT / SEGMENT_TOO_LONG
 *   or hold more elements than any 835 segment: segments run together),
 *   a fatal UNREADABLE_SEGMENTS error comes first and names the cause: the delimiters in force (the
 *   segment terminator found), how many segments failed and the first one, with its segment number,
 *   line and text. The TRUNCATED errors that follow from it come after.
 */
import type { ClaimLine, ClaimsIssue, RemittancePayment } from "../claims/claim-line";
import { buildClaimLines, type ClaimDraft } from "./build-claim-lines";
import { checkPaymentBalance } from "./check-balance";
import { parseX12Date } from "./parse-x12-date";
import { closeServiceLine, readClaimSegment } from "./read-claim-segment";
import { readPlb } from "./read-plb";
import { clean, createSegmentReporter } from "./segment-reporter";
import type { Segment } from "./x12-types";

export type Reader835Options = {
  /** File name recorded in each line's `source.file`. */
  file: string;
  /** Give each segment error its segment's text (`segmentText`), to be stored as its raw row. */
  keepSegmentText?: boolean;
};

export type Reader835Result = {
  lines: ClaimLine[];
  warnings: ClaimsIssue[];
  errors: ClaimsIssue[];
  payments: RemittancePayment[];
};

export type Reader835 = {
  push(segment: Segment): void;
  /**
   * Returns and forgets what was read so far (lines of closed claims, issues, payments of closed
   * transactions): a caller that takes after every chunk keeps memory bounded by one claim.
   */
  take(): Reader835Result;
  /** Closes open loops (reporting missing SE/GE/IEA) and returns everything read. */
  finish(): Reader835Result;
};

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

/**
 * More elements than any 835 segment has (BPR, the longest, has 21): segments run together, the
 * declared terminator does not end them. Such a segment is still read; it only explains an open
 * interchange.
 */
const RUN_ON_ELEMENTS = 64;

/** Characters of the first unreadable segment quoted in an UNREADABLE_SEGMENTS message. */
const QUOTED_SEGMENT_CHARS = 40;

/** A delimiter as the messages show it. */
export function describeDelimiter(value: string): string {
  if (value === "\n") return "newline";
  return /^[\x21-\x7e]$/.test(value) ? `'${value}'` : JSON.stringify(value);
}

/** Segments that could not be read since the current interchange began. */
type Unreadable = { first: Segment; count: number };

/** The UNREADABLE_SEGMENTS error: the delimiters in force and the first segment that failed. */
function unreadableIssue(u: Unreadable, seen: number): ClaimsIssue {
  const d = u.first.delimiters;
  const text = u.first.elements.join(d.element);
  const shown = JSON.stringify(text.length > QUOTED_SEGMENT_CHARS ? `${text.slice(0, QUOTED_SEGMENT_CHARS)}…` : text);
  const why = u.first.tooLong
    ? `has no segment terminator ${describeDelimiter(d.segment)} within the segment length limit`
    : SEGMENT_ID.test(u.first.id)
      ? `holds ${u.first.elements.length - 1} elements: segments run together (the terminator does not end them)`
      : `does not start with a segment id and the element separator ${describeDelimiter(d.element)}`;
  return {
    code: "UNREADABLE_SEGMENTS",
    message:
      `the segments cannot be read with segment terminator ${describeDelimiter(d.segment)} and element separator ${describeDelimiter(d.element)}: ` +
      `${u.count} of ${seen} segment(s) could not be read, the first at segment ${u.first.index} (line ${u.first.line}): ${shown} ${why}`,
    segment: u.first.index,
    line: u.first.line,
    fatal: true,
  };
}

type TransactionDraft = {
  segment: Segment;
  controlNumber: string;
  /** Not an 835: segments are skipped until SE. */
  skip: boolean;
  count: number;
  payment: RemittancePayment;
  productionDate?: string;
  /** Σ CLP04 of the transaction's claims (a running sum: memory does not grow with the claims). */
  claimPaidCents: number;
  /** False when part of the transaction could not be read: the payment balance check is skipped. */
  complete: boolean;
};

/** Creates a reader. */
export function create835Reader(options: Reader835Options): Reader835 {
  const lines: ClaimLine[] = [];
  const warnings: ClaimsIssue[] = [];
  const errors: ClaimsIssue[] = [];
  const payments: RemittancePayment[] = [];
  const report = createSegmentReporter(warnings, errors, { keepSegmentText: options.keepSegmentText === true });
  const { error, warn } = report;
  /** Claim id / payer claim control number → claim id, for tying PLB references to claims. */
  const claimKeys = new Map<string, string>();

  let interchange: Segment | null = null;
  let group: Segment | null = null;
  let tx: TransactionDraft | null = null;
  let claim: ClaimDraft | null = null;
  let lastSegment: Segment | null = null;
  /** Unreadable segments, and all segments (ISA excluded), since the current interchange began. */
  let unreadable: Unreadable | null = null;
  let seen = 0;
  /** True when the last segment pushed could not be read. */
  let lastUnreadable = false;

  const noteUnreadable = (segment: Segment): void => {
    unreadable ??= { first: segment, count: 0 };
    unreadable.count++;
    lastUnreadable = true;
  };

  /**
   * An interchange is left open: when unreadable segments explain it (the input ended on them, or
   * they are at least half of the segments), the cause is reported first, once.
   */
  const explainOpenInterchange = (endedUnreadable: boolean): void => {
    const u = unreadable;
    if (u && (endedUnreadable || u.count * 2 >= seen)) errors.push(unreadableIssue(u, seen));
    unreadable = null;
    seen = 0;
  };
  /** A CLP without a claim id: its segments are ignored until the next CLP/LX/PLB/SE. */
  let skippingClaim = false;

  const closeClaim = (): void => {
    const c = claim;
    claim = null;
    if (!c || !tx) return;
    closeServiceLine(c);
    const paidDate = tx.payment.paymentDate ?? tx.productionDate;
    const built = buildClaimLines(c, { file: options.file, payer: tx.payment.payer ?? "", ...(paidDate !== undefined && { paidDate }) }, report, warnings);
    for (const line of built) lines.push(line);
    if (c.paidCents !== null) tx.claimPaidCents += c.paidCents;
    else tx.complete = false;
    tx.payment.claimCount++;
    // Copies: a key sliced out of a chunk would keep the whole chunk alive for the rest of the file.
    const claimId = copyString(c.claimId);
    claimKeys.set(claimId, claimId);
    if (c.payerClaimControlNumber) claimKeys.set(copyString(c.payerClaimControlNumber), claimId);
  };

  const closeTransaction = (se: Segment | null): void => {
    if (!tx) return;
    closeClaim();
    const t = tx;
    tx = null;
    if (t.skip) return;
    if (se) {
      const declared = clean(se.elements[1]);
      if (declared !== "" && Number(declared) !== t.count) {
        warn(se, "SEGMENT_COUNT", `SE01 says ${declared} segments but transaction ${t.controlNumber} has ${t.count}`);
      }
    }
    for (const adjustment of t.payment.providerAdjustments) {
      const ref = adjustment.reference;
      if (!ref) continue;
      const hit = claimKeys.get(ref) ?? ref.split(/\s+/).map((token) => claimKeys.get(token)).find((id) => id !== undefined);
      if (hit !== undefined) adjustment.claimId = hit;
    }
    if (t.complete && t.payment.paymentCents !== null) {
      const issue = checkPaymentBalance({
        transactionControlNumber: t.controlNumber,
        segment: t.segment.index,
        line: t.segment.line,
        claimPaidCents: [t.claimPaidCents],
        providerAdjustmentCents: t.payment.providerAdjustments.map((a) => a.amountCents),
        paymentCents: t.payment.paymentCents,
      });
      if (issue) warnings.push(issue);
    }
    payments.push(t.payment);
  };

  const openClaim = (segment: Segment, t: TransactionDraft): void => {
    closeClaim();
    const el = segment.elements;
    const claimId = clean(el[1]);
    skippingClaim = claimId === "";
    if (skippingClaim) {
      error(segment, "MISSING_CLAIM_ID", "CLP01 (claim id) is empty; claim skipped");
      t.complete = false;
      return;
    }
    const frequency = clean(el[9]);
    const c: ClaimDraft = {
      segment,
      claimId,
      statusCode: clean(el[2]),
      chargeCents: report.amount(segment, 3, "CLP03 charge", 0),
      paidCents: report.amount(segment, 4, "CLP04 paid", 0),
      frequency: frequency === "7" || frequency === "8" ? frequency : "1",
      adjustments: [],
      remarks: [],
      lines: [],
      current: null,
      complete: true,
    };
    if (clean(el[6])) c.filingIndicator = clean(el[6]);
    if (clean(el[7])) c.payerClaimControlNumber = clean(el[7]);
    claim = c;
  };

  /** Header segments of a transaction: BPR, TRN, DTM*405, N1*PR/PE. */
  const readHeader = (segment: Segment, t: TransactionDraft): void => {
    const el = segment.elements;
    const qualifier = clean(el[1]).toUpperCase();
    switch (segment.id) {
      case "BPR": {
        t.payment.paymentCents = report.amount(segment, 2, "BPR02 payment", null);
        if (t.payment.paymentCents === null) t.complete = false;
        if (clean(el[3])) t.payment.creditDebit = clean(el[3]);
        if (clean(el[4])) t.payment.paymentMethod = clean(el[4]);
        const rawDate = clean(el[16]);
        const date = parseX12Date(rawDate);
        if (date) t.payment.paymentDate = date;
        else if (rawDate) warn(segment, "BAD_DATE", `BPR16 payment date '${rawDate}' is not a valid CCYYMMDD date; ignored`, { raw: rawDate });
        else warn(segment, "MISSING_PAYMENT_DATE", "BPR16 payment date is missing; paid dates fall back to DTM*405");
        return;
      }
      case "TRN":
        if (clean(el[2])) t.payment.traceNumber = clean(el[2]);
        return;
      case "DTM": {
        const date = qualifier === "405" ? parseX12Date(el[2]) : undefined;
        if (date) t.productionDate = date;
        return;
      }
      case "N1":
        if (qualifier === "PR" && clean(el[2])) t.payment.payer = clean(el[2]);
        if (qualifier === "PE") {
          if (clean(el[2])) t.payment.payee = clean(el[2]);
          if (clean(el[4])) t.payment.payeeId = clean(el[4]);
        }
        return;
      default:
        return;
    }
  };

  const inTransaction = (segment: Segment, t: TransactionDraft): void => {
    switch (segment.id) {
      case "CLP":
        openClaim(segment, t);
        return;
      case "LX":
      case "PLB":
        closeClaim();
        skippingClaim = false;
        if (segment.id === "PLB" && !readPlb(segment, report, t.payment.providerAdjustments)) t.complete = false;
        return;
      default:
        if (claim) readClaimSegment(segment, claim, report);
        else if (!skippingClaim) readHeader(segment, t);
    }
  };

  /** An envelope segment arrived while a transaction was open: report the missing SE, keep what was read. */
  const abandonTransaction = (segment: Segment, where: string): void => {
    if (!tx) return;
    error(segment, "TRUNCATED", `transaction ${tx.controlNumber} (segment ${tx.segment.index}) has no SE${where}`);
    closeTransaction(null);
  };

  const push = (segment: Segment): void => {
    lastSegment = segment;
    const previousUnreadable = lastUnreadable;
    lastUnreadable = false;
    if (segment.id !== "ISA") seen++;
    if (segment.tooLong) {
      noteUnreadable(segment);
      error(segment, "SEGMENT_TOO_LONG", `segment ${segment.id ? `'${segment.id.slice(0, 3)}' ` : ""}is too long (no segment terminator?); skipped up to its terminator`);
      if (tx) {
        tx.count++;
        tx.complete = false;
        if (claim) claim.complete = false;
      }
      return;
    }
    if (!SEGMENT_ID.test(segment.id)) {
      noteUnreadable(segment);
      const shown = segment.elements.join(segment.delimiters.element).slice(0, 20);
      error(segment, "BAD_SEGMENT", `'${shown}' is not an X12 segment; ignored`);
      if (tx) tx.complete = false;
      return;
    }
    if (tx) tx.count++;
    if (segment.elements.length > RUN_ON_ELEMENTS) noteUnreadable(segment);
    switch (segment.id) {
      case "ISA":
        if (tx || group || interchange) explainOpenInterchange(previousUnreadable);
        unreadable = null;
        seen = 0;
        abandonTransaction(segment, " before the next ISA");
        if (interchange) error(segment, "TRUNCATED", `interchange at segment ${interchange.index} has no IEA before the next ISA`);
        interchange = segment;
        group = null;
        return;
      case "IEA":
        abandonTransaction(segment, "");
        if (!interchange) warn(segment, "UNEXPECTED_SEGMENT", "IEA without ISA");
        interchange = null;
        group = null;
        unreadable = null;
        seen = 0;
        return;
      case "GS": {
        abandonTransaction(segment, " before the next GS");
        group = segment;
        const version = clean(segment.elements[8]);
        if (version && !version.startsWith("005010X221")) warn(segment, "VERSION", `GS08 version '${version}' is not 005010X221A1; read as 005010X221A1`);
        return;
      }
      case "GE":
        abandonTransaction(segment, "");
        group = null;
        return;
      case "ST": {
        abandonTransaction(segment, " before the next ST");
        const type = clean(segment.elements[1]);
        const controlNumber = clean(segment.elements[2]);
        tx = {
          segment,
          controlNumber,
          skip: type !== "835",
          count: 1,
          payment: { transactionControlNumber: controlNumber, segment: segment.index, paymentCents: null, claimCount: 0, providerAdjustments: [] },
          claimPaidCents: 0,
          complete: true,
        };
        skippingClaim = false;
        if (type !== "835") error(segment, "NOT_835", `transaction set '${type}' is not an 835 remittance; skipped`);
        return;
      }
      case "SE":
        if (!tx) {
          error(segment, "UNEXPECTED_SEGMENT", "SE without ST; ignored");
          return;
        }
        closeTransaction(segment);
        return;
      default:
        if (!tx) {
          error(segment, "UNEXPECTED_SEGMENT", "segment outside a transaction (no ST before it); ignored");
          return;
        }
        if (tx.skip) return;
        inTransaction(segment, tx);
    }
  };

  const finish = (): Reader835Result => {
    const at = lastSegment;
    if (tx || group || interchange) explainOpenInterchange(lastUnreadable);
    if (tx) {
      const t = tx as TransactionDraft;
      errors.push({
        code: "TRUNCATED",
        message: `transaction ${t.controlNumber} (segment ${t.segment.index}) has no SE: the file looks truncated${at ? ` after segment ${at.index} (line ${at.line})` : ""}`,
        segment: t.segment.index,
        line: t.segment.line,
      });
      closeTransaction(null);
    }
    if (group) {
      const g = group as Segment;
      errors.push({ code: "TRUNCATED", message: `functional group at segment ${g.index} has no GE`, segment: g.index, line: g.line });
    }
    if (interchange) {
      const i = interchange as Segment;
      errors.push({ code: "TRUNCATED", message: `interchange at segment ${i.index} has no IEA`, segment: i.index, line: i.line });
    }
    return { lines, warnings, errors, payments };
  };

  const take = (): Reader835Result => ({
    lines: lines.splice(0, lines.length),
    warnings: warnings.splice(0, warnings.length),
    errors: errors.splice(0, errors.length),
    payments: payments.splice(0, payments.length),
  });

  return { push, take, finish };
}

/** A flat copy of a (possibly sliced) string. */
function copyString(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, "utf8").toString("utf8");
}
