import { describe, expect, test } from "vitest";
import { activeCodedPositions } from "@/lib/analysis/analyze-practice";
import { detectRecoveries, positionsAsFirstBilled } from "@/lib/analysis/detect-recoveries";
import type { Finding, FindingKind } from "@/lib/analysis/types";
import type { ClaimLine } from "@/lib/import/claims/claim-line";
import { netClaimVersions } from "@/lib/import/claims/net-claim-versions";

let nextLine = 2;
function line(overrides: Partial<ClaimLine>): ClaimLine {
  return {
    claimId: "C1",
    encounterId: "E1",
    patientId: "P1",
    dateOfService: "2025-03-04",
    payer: "Medicare",
    code: "96413",
    modifiers: [],
    billedUnits: 1,
    paidUnits: 1,
    billedCents: 45000,
    allowedCents: 30000,
    paidCents: 30000,
    adjustments: [],
    remarks: [],
    status: "paid",
    claimFrequency: "1",
    paidDate: "2025-03-20",
    source: { file: "claims.csv", line: nextLine++ },
    ...overrides,
  };
}

/** A replacement (frequency 7) in a later remittance. */
const corrected = (overrides: Partial<ClaimLine>) => line({ claimFrequency: "7", paidDate: "2025-04-15", source: { file: "corrected.835", line: nextLine++, claimSegment: 1 }, ...overrides });

function finding(kind: FindingKind, code: string, units: number, valueCents: number): Finding {
  return { encounterId: "E1", dateOfService: "2025-03-04", payer: "Medicare", kind, cause: kind === "unit_cut" || kind === "denied_line" ? "payer" : "coding", code, units, valueCents, valueSource: "fee_schedule", isEstimate: false, claimId: "C1", explanation: "" };
}

const positionsOf = (lines: ClaimLine[]) => activeCodedPositions(netClaimVersions(lines));
const ORIGINAL = line({});
const HOUR = (paid: Partial<ClaimLine>) => corrected({ code: "96415", billedCents: 10000, allowedCents: 6000, paidCents: 6000, ...paid });
const MISSED_HOUR = finding("missed_addon_hours", "96415", 1, 6000);

function detect(lines: ClaimLine[], asFirstBilled: Finding[], now: Finding[]) {
  const current = positionsOf(lines);
  const firstBilled = positionsAsFirstBilled(current);
  return firstBilled ? detectRecoveries({ encounterId: "E1", firstBilled, current, findingsAsFirstBilled: asFirstBilled, findingsNow: now }) : null;
}

describe("positionsAsFirstBilled", () => {
  test("an encounter whose claims were never replaced has nothing to recover", () => {
    expect(positionsAsFirstBilled(positionsOf([ORIGINAL, line({ code: "96415", claimId: "C2" })]))).toBeNull();
  });

  test("a replaced claim is taken as its first version, codes the correction dropped included", () => {
    const current = positionsOf([ORIGINAL, line({ claimId: "C2", code: "96360" }), corrected({ code: "96365" }), corrected({ code: "96366" })]);
    expect(positionsAsFirstBilled(current)!.map((position) => `${position.claimId}/${position.code}/${position.paidCents}`)).toEqual(["C2/96360/30000", "C1/96413/30000"]);
  });
});

describe("detectRecoveries", () => {
  test.each<[string, ClaimLine[], Finding[], Finding[], ReturnType<typeof detect>]>([
    [
      "the correction pays the missing hour: recovered, with the paid amount, the claim and its paid date",
      [ORIGINAL, corrected({}), HOUR({})],
      [MISSED_HOUR],
      [],
      [{ encounterId: "E1", kind: "missed_addon_hours", code: "96415", units: 1, recoveredCents: 6000, claimId: "C1", paidDate: "2025-04-15", outcome: "recovered" }],
    ],
    [
      "two hours billed, one paid: partially recovered while the cut unit is still open",
      [ORIGINAL, corrected({}), HOUR({ billedUnits: 2, paidUnits: 1 })],
      [finding("missed_addon_hours", "96415", 2, 12000)],
      [finding("unit_cut", "96415", 1, 6000)],
      [{ encounterId: "E1", kind: "missed_addon_hours", code: "96415", units: 2, recoveredCents: 6000, claimId: "C1", paidDate: "2025-04-15", outcome: "partially_recovered" }],
    ],
    [
      "the corrected line is denied: denied again, nothing recovered",
      [ORIGINAL, corrected({}), HOUR({ paidCents: 0, paidUnits: 0, allowedCents: null, status: "denied" })],
      [MISSED_HOUR],
      [finding("denied_line", "96415", 1, 6000)],
      [{ encounterId: "E1", kind: "missed_addon_hours", code: "96415", units: 1, recoveredCents: 0, claimId: "C1", paidDate: "2025-04-15", outcome: "denied_again" }],
    ],
    [
      "a correction that leaves the missing code alone recovers nothing",
      [ORIGINAL, corrected({ modifiers: ["59"] })],
      [MISSED_HOUR],
      [MISSED_HOUR],
      [],
    ],
    [
      "a gain larger than the first finding's value goes on to the next finding on the code",
      [ORIGINAL, line({ code: "96415", paidCents: 0, paidUnits: 0 }), corrected({}), HOUR({ billedUnits: 2, paidUnits: 2, paidCents: 9000 })],
      [MISSED_HOUR, finding("unit_cut", "96415", 1, 6000)],
      [],
      [
        { encounterId: "E1", kind: "missed_addon_hours", code: "96415", units: 1, recoveredCents: 6000, claimId: "C1", paidDate: "2025-04-15", outcome: "recovered" },
        { encounterId: "E1", kind: "unit_cut", code: "96415", units: 1, recoveredCents: 3000, claimId: "C1", paidDate: "2025-04-15", outcome: "recovered" },
      ],
    ],
    [
      "compliance findings are not leakage and are never recovered",
      [ORIGINAL, corrected({}), HOUR({})],
      [finding("overcoded_units", "96415", 1, 6000)],
      [],
      [],
    ],
  ])("%s", (_name, lines, asFirstBilled, now, expected) => {
    expect(detect(lines, asFirstBilled, now)).toEqual(expected);
  });
});
