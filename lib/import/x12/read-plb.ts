import type { ProviderAdjustment } from "../claims/claim-line";
import { parseX12Date } from "./parse-x12-date";
import { clean, type SegmentReporter } from "./segment-reporter";
import type { Segment } from "./x12-types";

/**
 * Reads a PLB segment (provider id, fiscal period date, then up to six reason:reference / amount
 * pairs). Positive amounts are taken back from the provider; negative ones are paid to it.
 * Returns false when a pair could not be read (the payment balance check is then skipped).
 */
export function readPlb(segment: Segment, report: SegmentReporter, target: ProviderAdjustment[]): boolean {
  const el = segment.elements;
  const providerId = clean(el[1]);
  const fiscal = parseX12Date(el[2]);
  let complete = true;
  for (let i = 3; i <= 13; i += 2) {
    const raw = clean(el[i]);
    const rawAmount = clean(el[i + 1]);
    if (raw === "" && rawAmount === "") continue;
    const parts = report.composite(segment, raw);
    const reason = (parts[0] ?? "").toUpperCase();
    if (reason === "") {
      report.error(segment, "BAD_ADJUSTMENT", `PLB amount '${rawAmount}' has no reason code`, { raw: rawAmount });
      complete = false;
      continue;
    }
    const cents = report.amount(segment, i + 1, `PLB ${reason} amount`, null);
    if (cents === null) {
      if (rawAmount === "") report.error(segment, "BAD_AMOUNT", `PLB ${reason} has no amount`);
      complete = false;
      continue;
    }
    const adjustment: ProviderAdjustment = { providerId, reason, amountCents: cents, segment: segment.index };
    if (fiscal) adjustment.fiscalPeriodDate = fiscal;
    if (parts[1]) adjustment.reference = parts[1];
    target.push(adjustment);
  }
  return complete;
}
