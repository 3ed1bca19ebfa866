import { describe, expect, test } from "vitest";
import type { ClaimLine } from "@/lib/import/claims/claim-line";
import { netClaimVersions } from "@/lib/import/claims/net-claim-versions";
import { read835Text } from "@/lib/import/x12/read-835";
import { build835 } from "../x12/build-835";

let nextLine = 2;
function line(overrides: Partial<ClaimLine>): ClaimLine {
  return {
    claimId: "C1",
    patientId: "P1",
    dateOfService: "2025-03-04",
    payer: "Acme",
    code: "96413",
    modifiers: [],
    billedUnits: 1,
    paidUnits: 1,
    billedCents: 10000,
    allowedCents: 8000,
    paidCents: 8000,
    adjustments: [],
    remarks: [],
    status: "paid",
    claimFrequency: "1",
    source: { file: "claims.csv", line: nextLine++ },
    ...overrides,
  };
}

const view = (positions: ReturnType<typeof netClaimVersions>) =>
  positions.map((p) => [p.payer, p.claimId, p.code, p.state, p.billedUnits, p.paidUnits, p.billedCents, p.paidCents, p.versionCount, p.replaced]);

describe("netClaimVersions", () => {
  test("a single version is kept as is", () => {
    const positions = netClaimVersions([line({ code: "96413" }), line({ code: "96415", billedUnits: 2, paidUnits: 2, paidCents: 5000 })]);
    expect(view(positions)).toEqual([
      ["Acme", "C1", "96413", "active", 1, 1, 10000, 8000, 1, false],
      ["Acme", "C1", "96415", "active", 2, 2, 10000, 5000, 1, false],
    ]);
    expect(positions[0]!.status).toBe("paid");
  });

  test("a CSV claim paying one line and denying another is one version: both lines stay active", () => {
    const positions = netClaimVersions([
      line({ code: "J0897", statusCode: "paid" }),
      line({ code: "96372", status: "denied", paidUnits: 0, paidCents: 0, statusCode: "paid", adjustments: [{ group: "CO", reason: "16", amountCents: 10000, quantity: null }] }),
      line({ code: "96415", status: "partial", billedUnits: 2, paidUnits: 1, paidCents: 4000, statusCode: "paid" }),
    ]);
    expect(view(positions)).toEqual([
      ["Acme", "C1", "J0897", "active", 1, 1, 10000, 8000, 1, false],
      ["Acme", "C1", "96372", "active", 1, 0, 10000, 0, 1, false],
      ["Acme", "C1", "96415", "active", 2, 1, 10000, 4000, 1, false],
    ]);
  });

  test("original + reversal cancels: zero 'reversed' positions", () => {
    const positions = netClaimVersions([
      line({ paidDate: "2025-03-20" }),
      line({ status: "reversed", claimFrequency: "8", billedCents: -10000, paidCents: -8000, allowedCents: -8000, paidDate: "2025-04-02" }),
    ]);
    expect(view(positions)).toEqual([["Acme", "C1", "96413", "reversed", 0, 0, 0, 0, 2, false]]);
    expect(positions[0]!.status).toBe("reversed");
    expect(positions[0]!.lines).toEqual([]);
  });

  test("original, reversal, correction: the correction only (no double counting)", () => {
    const positions = netClaimVersions([
      line({ paidDate: "2025-03-20", paidCents: 8000 }),
      line({ status: "reversed", paidDate: "2025-04-02", billedCents: -10000, paidCents: -8000 }),
      line({ claimFrequency: "7", paidDate: "2025-04-02", paidCents: 9000 }),
    ]);
    expect(view(positions)).toEqual([["Acme", "C1", "96413", "active", 1, 1, 10000, 9000, 3, true]]);
  });

  test("a reversal followed by a corrected claim keeps the correction (original not in the data)", () => {
    const positions = netClaimVersions([
      line({ status: "reversed", claimFrequency: "8", billedCents: -10000, paidCents: -8000, paidDate: "2025-04-02" }),
      line({ claimFrequency: "7", paidCents: 9000, paidDate: "2025-04-02" }),
    ]);
    expect(view(positions)).toEqual([["Acme", "C1", "96413", "active", 1, 1, 10000, 9000, 2, false]]);
  });

  test("a replacement (7) without a reversal replaces the original; a code it no longer bills is 'removed'", () => {
    const positions = netClaimVersions([
      line({ code: "96413", paidDate: "2025-03-20" }),
      line({ code: "96415", paidDate: "2025-03-20", paidCents: 3000 }),
      line({ code: "96413", claimFrequency: "7", paidDate: "2025-04-10", paidCents: 8500 }),
    ]);
    expect(view(positions)).toEqual([
      ["Acme", "C1", "96413", "active", 1, 1, 10000, 8500, 2, true],
      ["Acme", "C1", "96415", "removed", 0, 0, 0, 0, 2, true],
    ]);
  });

  test("correction listed before the reversal of the original: the reversal's control number points at the original", () => {
    const positions = netClaimVersions([
      line({ payerClaimControlNumber: "ICN1", paidDate: "2025-03-20" }),
      line({ payerClaimControlNumber: "ICN2", claimFrequency: "7", paidCents: 9000, paidDate: "2025-04-02" }),
      line({ payerClaimControlNumber: "ICN1", status: "reversed", billedCents: -10000, paidCents: -8000, paidDate: "2025-04-02" }),
    ]);
    expect(view(positions)).toEqual([["Acme", "C1", "96413", "active", 1, 1, 10000, 9000, 3, true]]);
  });

  test("without a control number, a reversal after the correction cancels it (input order rules)", () => {
    const positions = netClaimVersions([
      line({ paidDate: "2025-03-20" }),
      line({ claimFrequency: "7", paidCents: 9000, paidDate: "2025-04-02" }),
      line({ status: "reversed", billedCents: -10000, paidCents: -8000, paidDate: "2025-04-02" }),
    ]);
    expect(view(positions)).toEqual([["Acme", "C1", "96413", "reversed", 0, 0, 0, 0, 3, true]]);
  });

  test("lines of one version with the same code are summed; different payers stay apart", () => {
    const positions = netClaimVersions([
      line({ code: "96415", billedUnits: 1, paidUnits: 1, paidCents: 2000, modifiers: ["59"], remarks: ["N20"] }),
      line({ code: "96415", billedUnits: 2, paidUnits: 1, paidCents: 2000, allowedCents: null, modifiers: ["XU"] }),
      line({ code: "96415", payer: "Medicare", paidCents: 700 }),
    ]);
    expect(view(positions)).toEqual([
      ["Acme", "C1", "96415", "active", 3, 2, 20000, 4000, 1, false],
      ["Medicare", "C1", "96415", "active", 1, 1, 10000, 700, 1, false],
    ]);
    expect(positions[0]!.modifiers).toEqual(["59", "XU"]);
    expect(positions[0]!.remarks).toEqual(["N20"]);
    expect(positions[0]!.allowedCents).toBeNull();
    expect(positions[1]!.allowedCents).toBe(8000);
  });

  test("pure: the input is not modified", () => {
    const input = [line({}), line({ status: "reversed" })];
    const copy = structuredClone(input);
    netClaimVersions(Object.freeze(input.map((l) => Object.freeze(l))));
    expect(input).toEqual(copy);
  });
});

test("835 end to end: original, reversal (CLP02 22) and correction (CLP09 7) in remits net to the correction", () => {
  const claim = (status: string, charge: string, paid: string, pccn: string, freq: string, svcPaid: string, cas: string) => [
    `CLP*C1*${status}*${charge}*${paid}**12*${pccn}*11*${freq}`,
    "NM1*QC*1*DOE*JANE****MI*P1",
    "DTM*232*20250304",
    `SVC*HC:96413*${charge}*${svcPaid}**1`,
    cas,
  ];
  const first = build835([
    "BPR*I*80.00*C*ACH*CCP*01*1*DA*1*1**01*1*DA*1*20250320",
    "N1*PR*ACME",
    "LX*1",
    ...claim("1", "100.00", "80.00", "ICN1", "1", "80.00", "CAS*CO*45*20.00"),
  ]);
  const second = build835([
    "BPR*I*10.00*C*ACH*CCP*01*1*DA*1*1**01*1*DA*1*20250402",
    "N1*PR*ACME",
    "LX*1",
    ...claim("22", "-100.00", "-80.00", "ICN1", "1", "-80.00", "CAS*CO*45*-20.00"),
    ...claim("1", "100.00", "90.00", "ICN2", "7", "90.00", "CAS*CO*45*10.00"),
  ]);
  const a = read835Text(first, { file: "remit-1.835" });
  const b = read835Text(second, { file: "remit-2.835" });
  expect([...a.errors, ...b.errors, ...a.warnings, ...b.warnings]).toEqual([]);
  const lines = [...a.lines, ...b.lines];
  // Summing the raw lines would count 80 - 80 + 90 = 90 paid but 100 - 100 + 100 = 100 billed over three versions.
  expect(lines.map((l) => [l.status, l.claimFrequency, l.paidCents])).toEqual([
    ["paid", "1", 8000],
    ["reversed", "1", -8000],
    ["paid", "7", 9000],
  ]);
  const positions = netClaimVersions(lines);
  expect(view(positions)).toEqual([["ACME", "C1", "96413", "active", 1, 1, 10000, 9000, 3, true]]);
  expect(positions[0]!.lines.map((l) => l.source.file)).toEqual(["remit-2.835"]);
  expect(positions[0]!.adjustments).toEqual([{ group: "CO", reason: "45", amountCents: 1000, quantity: null }]);
});
