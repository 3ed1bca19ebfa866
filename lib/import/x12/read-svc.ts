import type { ClaimAdjustment } from "../claims/claim-line";
import { parseCents } from "../claims/parse-cents";
import { clean, type SegmentReporter } from "./segment-reporter";
import type { Segment } from "./x12-types";

/** One service line being read (an SVC and the segments after it). */
export type LineDraft = {
  segment: Segment;
  code: string;
  qualifier: string;
  modifiers: string[];
  billedCents: number;
  paidCents: number;
  revenueCode?: string;
  paidUnits: number;
  originalCode?: string;
  originalModifiers?: string[];
  originalUnits?: number;
  adjustments: ClaimAdjustment[];
  remarks: string[];
  allowedCents: number | null;
  lineControlNumber?: string;
  serviceDate?: string;
  periodStart?: string;
  /** False when an adjustment could not be read: balance checks are skipped. */
  complete: boolean;
};

const CODE_LIKE = /^[A-Z0-9]{4,8}(\.0{1,2})?$/i;
const DECIMAL_AMOUNT = /^-?\d*\.\d{1,2}$/;
const QUALIFIER = /^[A-Z]{2}$/i;

const upperModifiers = (parts: string[]): string[] => parts.slice(2, 6).filter((m) => m !== "").map((m) => m.toUpperCase());

/**
 * Reads an SVC: composite code with up to four modifiers (SVC01), charge (SVC02), paid (SVC03),
 * revenue code (SVC04), paid units (SVC05, absent → 1), original composite (SVC06) and original
 * units (SVC07). Missing SVC02/SVC03 read as 0 with a warning.
 *
 * When SVC01 holds only a qualifier (`SVC*HC*24599.00*1766.50*187.50**1`: the element separator
 * used inside the composite), the next element is taken as the code if it looks like one and the
 * element after the paid amount is a decimal amount, with an SVC_CODE_REPAIRED warning.
 *
 * Returns undefined (after reporting an error) when the line cannot be read: no code, or an
 * unreadable amount or unit count.
 */
export function readSvc(segment: Segment, report: SegmentReporter, claimId: string): LineDraft | undefined {
  let el = segment.elements.map(clean);
  let parts = report.composite(segment, el[1] ?? "");
  if ((parts[1] ?? "") === "") {
    const maybeCode = el[2] ?? "";
    const repairable =
      parts.length === 1 &&
      QUALIFIER.test(parts[0] ?? "") &&
      CODE_LIKE.test(maybeCode) &&
      DECIMAL_AMOUNT.test(el[4] ?? "") &&
      parseCents(el[3] ?? "", { format: "x12" }) !== undefined;
    if (!repairable) {
      report.error(segment, "SVC_WITHOUT_CODE", `claim ${claimId}: SVC01 '${el[1] ?? ""}' has no procedure code; line skipped`, { claimId });
      return undefined;
    }
    const code = maybeCode.replace(/\.0{1,2}$/, "");
    report.warn(
      segment,
      "SVC_CODE_REPAIRED",
      `SVC01 '${el[1]}' has no procedure code; read '${maybeCode}' as the code ('${code}') and the following elements as charge, paid and units (separator used inside the composite)`,
      { claimId },
    );
    parts = [parts[0]!, code];
    el = [el[0]!, `${parts[0]}:${code}`, ...el.slice(3)];
  }
  if (segment.elements.length > 8) {
    report.warn(segment, "SVC_EXTRA_ELEMENTS", `SVC has ${segment.elements.length - 1} elements (at most 7 expected); read by position`, { claimId });
  }
  for (const [position, label] of [[2, "SVC02 charge"], [3, "SVC03 paid"]] as const) {
    if ((el[position] ?? "") === "") report.warn(segment, "SVC_MISSING_AMOUNT", `${label} is missing; read as 0`, { claimId });
  }
  const positional: Segment = { ...segment, elements: el };
  const billed = report.amount(positional, 2, "SVC02 charge", 0);
  const paid = report.amount(positional, 3, "SVC03 paid", 0);
  const units = report.quantity(positional, 5, "SVC05 units");
  const originalUnits = report.quantity(positional, 7, "SVC07 units");
  if (billed === null || paid === null || units === null || originalUnits === null) return undefined;

  const draft: LineDraft = {
    segment,
    code: parts[1]!.toUpperCase(),
    qualifier: (parts[0] ?? "").toUpperCase(),
    modifiers: upperModifiers(parts),
    billedCents: billed,
    paidCents: paid,
    paidUnits: units ?? 1,
    adjustments: [],
    remarks: [],
    allowedCents: null,
    complete: true,
  };
  if (el[4]) draft.revenueCode = el[4];
  if (el[6]) {
    const original = report.composite(segment, el[6]);
    if (original[1]) draft.originalCode = original[1].toUpperCase();
    const modifiers = upperModifiers(original);
    if (modifiers.length > 0) draft.originalModifiers = modifiers;
  }
  if (originalUnits !== undefined) draft.originalUnits = originalUnits;
  return draft;
}
