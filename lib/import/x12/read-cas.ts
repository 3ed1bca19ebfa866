import type { ClaimAdjustment } from "../claims/claim-line";
import { clean, type SegmentReporter } from "./segment-reporter";
import type { Segment } from "./x12-types";

/**
 * Reads a CAS segment (group + up to six reason/amount/quantity triplets; negative amounts
 * allowed) into `target`. An unreadable triplet is an error and is skipped; `owner.complete` is
 * then cleared so that balance checks are not run on partial data.
 */
export function readCas(segment: Segment, report: SegmentReporter, target: ClaimAdjustment[], owner: { complete: boolean }): void {
  const groupCode = clean(segment.elements[1]).toUpperCase();
  if (groupCode === "") {
    report.error(segment, "BAD_ADJUSTMENT", "CAS without a group code");
    owner.complete = false;
    return;
  }
  let found = 0;
  for (let i = 2; i < segment.elements.length && i <= 17; i += 3) {
    const reason = clean(segment.elements[i]);
    const rawAmount = clean(segment.elements[i + 1]);
    if (reason === "" && rawAmount === "") continue;
    if (reason === "") {
      report.error(segment, "BAD_ADJUSTMENT", `CAS amount '${rawAmount}' has no reason code`, { raw: rawAmount });
      owner.complete = false;
      continue;
    }
    const cents = report.amount(segment, i + 1, `CAS ${groupCode}-${reason} amount`, null);
    if (cents === null) {
      if (rawAmount === "") report.error(segment, "BAD_AMOUNT", `CAS ${groupCode}-${reason} has no amount`);
      owner.complete = false;
      continue;
    }
    const quantity = report.quantity(segment, i + 2, `CAS ${groupCode}-${reason} quantity`);
    target.push({ group: groupCode, reason, amountCents: cents, quantity: quantity ?? null });
    found++;
  }
  if (found === 0 && owner.complete) {
    report.error(segment, "BAD_ADJUSTMENT", "CAS without any reason/amount");
    owner.complete = false;
  }
}
