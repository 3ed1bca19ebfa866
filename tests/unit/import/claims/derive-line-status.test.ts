import { expect, test } from "vitest";
import type { ClaimAdjudication, ClaimAdjustment } from "@/lib/import/claims/claim-line";
import { deriveLineStatus } from "@/lib/import/claims/derive-line-status";

const adj = (group: string, reason: string, amountCents: number): ClaimAdjustment => ({ group, reason, amountCents, quantity: null });

test.each<[string, ClaimAdjudication, number, number, number, number, ClaimAdjustment[], string]>([
  ["paid in full", "processed", 10000, 8000, 1, 1, [adj("CO", "45", 2000)], "paid"],
  ["zero paid, CO only → line denial", "processed", 10000, 0, 1, 0, [adj("CO", "B15", 10000)], "denied"],
  ["zero paid, deductible → paid", "processed", 10000, 0, 1, 1, [adj("PR", "1", 8000), adj("CO", "45", 2000)], "paid"],
  ["unit cut", "processed", 30000, 10000, 3, 1, [adj("CO", "151", 20000)], "partial"],
  ["claim denied (CLP02 4) even if amounts look paid", "denied", 10000, 10000, 1, 1, [], "denied"],
  ["reversal", "reversal", -10000, -8000, 1, 1, [], "reversed"],
  ["pending", "pending", 10000, 0, 1, 0, [], "pending"],
  ["a negative line (refund) is not a denial", "processed", -1000, 0, 1, 1, [], "paid"],
])("%s", (_name, claim, billedCents, paidCents, billedUnits, paidUnits, adjustments, expected) => {
  expect(deriveLineStatus(claim, { code: "96413", billedCents, paidCents, billedUnits, paidUnits, adjustments })).toBe(expected);
});
