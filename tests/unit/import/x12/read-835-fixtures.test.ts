/**
 * Every real 835 sample (tests/fixtures/x12-835, copied from ../shared/fixtures/x12-835 with their
 * LICENSE files) reads without errors; the known-malformed ones get exactly the warnings below.
 * Balancing is re-checked here independently of the reader, from the raw CLP/PLB/BPR segments.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { describe, expect, test } from "vitest";
import type { ClaimLine, ClaimsIssue } from "@/lib/import/claims/claim-line";
import { readClaimsFile } from "@/lib/import/claims/read-claims-file";
import { read835Text } from "@/lib/import/x12/read-835";

const ROOT = join(__dirname, "../../../fixtures/x12-835");
const FILES = readdirSync(ROOT, { recursive: true, encoding: "utf8" })
  .filter((f) => /\.(835|edi)$/.test(f))
  .sort();

type Expected = { claims: number; lines: number; billedCents: number; paidCents: number; warnings: Array<Pick<ClaimsIssue, "code" | "message">> };

const EMEDNY: Expected = { claims: 3, lines: 10, billedCents: 10250, paidCents: 4575, warnings: [] };
const MANAGED_CARE: Expected = {
  claims: 2,
  // two SVC lines + one code-null line per claim for the claim-level CO-A2
  lines: 4,
  billedCents: 200000,
  paidCents: 94500,
  warnings: [{ code: "BAD_DATE", message: "segment 4 (BPR, line 4): BPR16 payment date '20002316' is not a valid CCYYMMDD date; ignored" }],
};

const EXPECTED: Record<string, Expected> = {
  "keironstoddart-edi-835-parser/blue_cross_nc_sample.835": {
    claims: 1,
    lines: 3,
    billedCents: 210000,
    paidCents: 192286,
    warnings: [
      { code: "MISSING_ISA", message: "no ISA interchange header: read with the usual delimiters (element '*', component ':', segment '~')" },
      // Line 3, `SVC*HC:59426******742*742**1`: amounts missing, ten elements.
      { code: "SVC_EXTRA_ELEMENTS", message: "segment 28 (SVC, line 1): SVC has 10 elements (at most 7 expected); read by position" },
      { code: "SVC_MISSING_AMOUNT", message: "segment 28 (SVC, line 1): SVC02 charge is missing; read as 0" },
      { code: "SVC_MISSING_AMOUNT", message: "segment 28 (SVC, line 1): SVC03 paid is missing; read as 0" },
      { code: "SEGMENT_COUNT", message: "segment 32 (SE, line 1): SE01 says 33 segments but transaction 1234 has 32" },
    ],
  },
  "keironstoddart-edi-835-parser/emedny_sample.835": EMEDNY,
  "keironstoddart-edi-835-parser/united_healthcare_legacy_sample.835": { claims: 2, lines: 5, billedCents: 115752, paidCents: 34999, warnings: [] },
  "linuxforhealth-x12/cob-contractural-adjustment.835": {
    claims: 1,
    lines: 1,
    billedCents: 54100,
    paidCents: 3400,
    warnings: [
      // `BPR*I*34.00*C*CHK***********20050318`: the date sits in BPR15, BPR16 is empty.
      { code: "MISSING_PAYMENT_DATE", message: "segment 4 (BPR, line 4): BPR16 payment date is missing; paid dates fall back to DTM*405" },
      { code: "COMPONENT_SEPARATOR_SWAPPED", message: "segment 21 (SVC, line 21): composites use '>' although ISA16 declares ':'; read with '>'" },
    ],
  },
  "linuxforhealth-x12/managed-care.835": MANAGED_CARE,
  "linuxforhealth-x12/medicare-part-a.835": { claims: 2, lines: 2, billedCents: 22636697, paidCents: 14999873, warnings: [] },
  "linuxforhealth-x12/secondary-payment.835": {
    claims: 2,
    lines: 3,
    billedCents: 1107514,
    paidCents: 122200,
    warnings: [
      { code: "MISSING_PAYMENT_DATE", message: "segment 4 (BPR, line 4): BPR16 payment date is missing; paid dates fall back to DTM*405" },
      { code: "COMPONENT_SEPARATOR_SWAPPED", message: "segment 29 (SVC, line 29): composites use '>' although ISA16 declares ':'; read with '>'" },
    ],
  },
  "linuxforhealth-x12/tertiary-payment.835": {
    claims: 1,
    lines: 1,
    billedCents: 176650,
    paidCents: 18750,
    warnings: [
      { code: "MISSING_PAYMENT_DATE", message: "segment 4 (BPR, line 4): BPR16 payment date is missing; paid dates fall back to DTM*405" },
      // `SVC*HC*24599.00*1766.50*187.50**1`: the code sits in its own element; charge and paid follow.
      {
        code: "SVC_CODE_REPAIRED",
        message:
          "segment 20 (SVC, line 20): SVC01 'HC' has no procedure code; read '24599.00' as the code ('24599') and the following elements as charge, paid and units (separator used inside the composite)",
      },
    ],
  },
  "tastypackets-x12-parser/multi-line-not-delimited.edi": EMEDNY,
  "tastypackets-x12-parser/profee-one-line.edi": EMEDNY,
  "tastypackets-x12-parser/profee.edi": EMEDNY,
  "tastypackets-x12-parser/profee-multiple.edi": { claims: 468, lines: 1560, billedCents: 1599000, paidCents: 713700, warnings: [] },
  // `|` elements, a CRLF after ISA16 and `~` at the start of every following line: read like the original.
  "quirks/managed-care-leading-terminator.835": MANAGED_CARE,
};

/**
 * Raw segments, read independently of the reader (these fixtures use `~` and/or newlines, and `*`,
 * or the element separator after `ISA`).
 */
function rawSegments(text: string): string[][] {
  const element = text.startsWith("ISA") ? text[3]! : "*";
  return text
    .split(/~|\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => s.split(element));
}

const cents = (value: string | undefined): number => Math.round(Number(value ?? "0") * 100);
const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

test("the fixture list is complete", () => {
  expect(FILES).toEqual(Object.keys(EXPECTED).sort());
});

describe.each(FILES)("%s", (file) => {
  const text = readFileSync(join(ROOT, file), "utf8");
  const result = read835Text(text, { file });
  const expected = EXPECTED[file]!;
  const segments = rawSegments(text);

  test("reads without errors; exactly the expected warnings", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings.map((w) => ({ code: w.code, message: w.message }))).toEqual(expected.warnings);
  });

  test("claim and line counts, totals", () => {
    expect(new Set(result.lines.map((l) => l.source.claimSegment)).size).toBe(expected.claims);
    expect(result.lines).toHaveLength(expected.lines);
    expect(sum(result.lines.map((l) => l.billedCents))).toBe(expected.billedCents);
    expect(sum(result.lines.map((l) => l.paidCents))).toBe(expected.paidCents);
  });

  test("each claim: CLP03 - Σ adjustments = CLP04 and Σ line paid = CLP04 (raw CLP segments)", () => {
    const clps = segments.filter((s) => s[0] === "CLP");
    const byClaim = new Map<number, ClaimLine[]>();
    for (const line of result.lines) {
      const key = line.source.claimSegment!;
      byClaim.set(key, [...(byClaim.get(key) ?? []), line]);
    }
    const groups = [...byClaim.values()];
    expect(groups).toHaveLength(clps.length);
    groups.forEach((lines, i) => {
      const clp = clps[i]!;
      expect(lines[0]!.claimId).toBe(clp[1]);
      const adjustments = sum(lines.flatMap((l) => l.adjustments.map((a) => a.amountCents)));
      expect(cents(clp[3]) - adjustments, `claim ${clp[1]}`).toBe(cents(clp[4]));
      expect(sum(lines.map((l) => l.paidCents)), `claim ${clp[1]}`).toBe(cents(clp[4]));
    });
  });

  test("each line: billed - Σ adjustments = paid", () => {
    for (const line of result.lines) {
      expect(line.billedCents - sum(line.adjustments.map((a) => a.amountCents)), `${line.claimId} ${line.code}`).toBe(line.paidCents);
    }
  });

  test("each transaction: Σ CLP04 - Σ PLB = BPR02 (raw segments) and the payments agree", () => {
    const payments: number[] = [];
    let claimsPaid = 0;
    let plb = 0;
    for (const s of segments) {
      if (s[0] === "CLP") claimsPaid += cents(s[4]);
      if (s[0] === "PLB") for (let i = 4; i < s.length; i += 2) plb += cents(s[i]);
      if (s[0] === "BPR") payments.push(cents(s[2]));
      if (s[0] === "SE") {
        expect(claimsPaid - plb).toBe(payments[payments.length - 1]);
        claimsPaid = 0;
        plb = 0;
      }
    }
    expect(result.payments!.map((p) => p.paymentCents)).toEqual(payments);
  });

  test("readClaimsFile detects the 835 by content and agrees with read835Text", async () => {
    const viaFile = await readClaimsFile(join(ROOT, file), { file });
    expect(viaFile.format).toBe("x12-835");
    expect(viaFile.lines).toEqual(result.lines);
    expect(viaFile.warnings).toEqual(result.warnings);
    expect(viaFile.errors).toEqual([]);
  });
});

describe("fixture details", () => {
  const read = (file: string) => read835Text(readFileSync(join(ROOT, file), "utf8"), { file });

  test("medicare-part-a: claim-level-only claims (no SVC) become code-null lines; MOA remark; PLB CV -1.27", () => {
    const r = read("linuxforhealth-x12/medicare-part-a.835");
    expect(r.lines.map((l) => [l.claimId, l.code, l.billedCents, l.paidCents, l.dateOfService, l.patientId, l.filingIndicator, l.remarks])).toEqual([
      ["666123", null, 21136697, 13801840, "2002-08-16", "666666666A", "MA", []],
      ["777777", null, 1500000, 1198033, "2002-05-12", "996669999B", "MB", ["MA02"]],
    ]);
    expect(r.payments![0]!.providerAdjustments).toEqual([
      { providerId: "6543210903", fiscalPeriodDate: "2002-12-31", reason: "CV", reference: "CP", amountCents: -127, segment: 29 },
    ]);
  });

  test("secondary-payment: '>' composites with modifier 26, revenue code, negative-free CAS with quantity-less triplets", () => {
    const r = read("linuxforhealth-x12/secondary-payment.835");
    expect(r.lines.map((l) => [l.claimId, l.code, l.modifiers, l.revenueCode, l.allowedCents, l.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents}`)])).toEqual([
      ["L0004828311", null, [], undefined, null, ["OA-23:941164"]],
      ["0001000053", "12345", ["26"], undefined, 15000, ["OA-23:13650"]],
      ["0001000053", "66543", ["26"], "220", 50000, ["PR-1:15000", "PR-2:7000", "CO-42:8500"]],
    ]);
    expect(r.lines.every((l) => l.paidDate === "2005-04-12")).toBe(true); // DTM*405 fallback
  });

  test("cob-contractural-adjustment: a negative CAS amount (OA-94 -9.00)", () => {
    const [line] = read("linuxforhealth-x12/cob-contractural-adjustment.835").lines;
    expect(line!.adjustments).toEqual([
      { group: "OA", reason: "23", amountCents: 51600, quantity: null },
      { group: "OA", reason: "94", amountCents: -900, quantity: null },
    ]);
    expect([line!.code, line!.billedCents, line!.paidCents, line!.allowedCents]).toEqual(["55669", 54100, 3400, 55000]);
  });

  test("tertiary-payment: the repaired SVC reads as 24599, charge 1766.50, paid 187.50, 1 unit", () => {
    const [line] = read("linuxforhealth-x12/tertiary-payment.835").lines;
    expect([line!.code, line!.billedCents, line!.paidCents, line!.paidUnits, line!.status, line!.statusCode]).toEqual(["24599", 176650, 18750, 1, "paid", "3"]);
  });

  test("managed-care: line dates from DTM*150, claim CAS on code-null lines, paid date from DTM*405 (BPR16 invalid)", () => {
    const r = read("linuxforhealth-x12/managed-care.835");
    expect(r.lines.map((l) => [l.claimId, l.code, l.dateOfService, l.billedCents, l.paidCents, l.paidDate])).toEqual([
      ["5554555444", "99211", "2002-03-01", 80000, 50000, "2002-03-14"],
      ["5554555444", null, "2002-03-01", 0, -5000, "2002-03-14"],
      ["8765432112", "93555", "2002-03-10", 120000, 55000, "2002-03-14"],
      ["8765432112", null, "2002-03-10", 0, -5500, "2002-03-14"],
    ]);
  });

  test("line statuses: emedny's zero-paid lines are denials; UHC's zero-paid deductible line is not", () => {
    const emedny = read("keironstoddart-edi-835-parser/emedny_sample.835");
    expect(emedny.lines.map((l) => `${l.statusCode}:${l.code}:${l.status}`)).toEqual([
      "1:V2020:paid", "1:V2700:paid", "1:V2103:paid", "1:S0580:paid",
      "2:V2020:denied", "2:V2103:denied", // CO-29, paid 0
      "2:V2020:paid", "2:V2103:paid", "2:V2700:denied", "2:S0580:denied", // CO-251 + N206
    ]);
    const uhc = read("keironstoddart-edi-835-parser/united_healthcare_legacy_sample.835");
    expect(uhc.lines.map((l) => [l.code, l.paidCents, l.status])).toEqual([
      ["B4152", 8892, "paid"],
      ["B4152", 0, "paid"], // PR-1 105.26: allowed, applied to the deductible
      ["B4154", 20418, "paid"],
      ["B4034", 2784, "paid"],
      ["B4154", 2905, "paid"],
    ]);
  });

  test("quirks/managed-care-leading-terminator: the same lines, payments and issues as managed-care, line for line", () => {
    const original = read("linuxforhealth-x12/managed-care.835");
    const quirky = read("quirks/managed-care-leading-terminator.835");
    const file = "linuxforhealth-x12/managed-care.835";
    expect(quirky.lines.map((l) => ({ ...l, source: { ...l.source, file } }))).toEqual(original.lines);
    expect(quirky.payments).toEqual(original.payments);
    expect(quirky.warnings).toEqual(original.warnings);
    expect(quirky.errors).toEqual([]);
  });

  test("profee-multiple: 156 interchanges on one line each", () => {
    const r = read("tastypackets-x12-parser/profee-multiple.edi");
    expect(r.payments).toHaveLength(156);
    // 69 segments per interchange: the last one starts at segment 155 * 69 + 1 = 10696; its last
    // SVC is its 63rd segment and its third CLP its 46th.
    expect(r.lines[1559]!.source).toEqual({ file: "tastypackets-x12-parser/profee-multiple.edi", line: 156, segment: 10758, claimSegment: 10741 });
  });
});

/**
 * keironstoddart/edi-835-parser's flattened output, one row per service line, compared field by
 * field. It is a peer's opinion: where we differ on purpose, the difference is listed here.
 */
describe("agreement with keironstoddart *.expected.csv", () => {
  const DISAGREEMENTS: Record<string, string[]> = {
    blue_cross_nc_sample: [
      // Line 3 (`SVC*HC:59426******742*742**1`) is malformed: we read missing SVC02/SVC03 as 0 with
      // warnings, and SVC05 (absent) as the default 1 paid unit; they leave the three blank.
      "row 2 allowed_units: theirs '' ours '1'",
      "row 2 charge_amount: theirs '' ours '0'",
      "row 2 paid_amount: theirs '' ours '0'",
    ],
    emedny_sample: [
      // Denied lines with SVC05 = 0 and no SVC07: they report 0 billed units, we assume 1 (the
      // submitted units are unknown; 0 billed units would hide the denial from unit analysis).
      "row 4 billed_units: theirs '0' ours '1'",
      "row 5 billed_units: theirs '0' ours '1'",
      "row 8 billed_units: theirs '0' ours '1'",
      "row 9 billed_units: theirs '0' ours '1'",
    ],
    united_healthcare_legacy_sample: [
      // `CAS*PR*2*5.13**1*110`: a second triplet (PR-1 110.00) they drop; with it the line balances
      // (328.50 - 5.13 - 110.00 - 184.32 = 29.05).
      "row 4 adjustments: theirs 'PR-2:5.13 CO-45:184.32' ours 'PR-2:5.13 PR-1:110 CO-45:184.32'",
    ],
  };

  const money = (value: string): string => (value === "" ? "" : String(Number(value)));
  const fromCents = (value: number | null): string => (value === null ? "" : String(value / 100));
  const units = (value: string): string => (value === "" ? "" : String(Number(value)));

  test.each(Object.keys(DISAGREEMENTS))("%s", (name) => {
    const dir = join(ROOT, "keironstoddart-edi-835-parser");
    const expectedRows = Papa.parse<Record<string, string>>(readFileSync(join(dir, `${name}.expected.csv`), "utf8").trim(), { header: true }).data;
    const ours = read835Text(readFileSync(join(dir, `${name}.835`), "utf8")).lines.filter((l) => l.code !== null);
    expect(ours).toHaveLength(expectedRows.length);
    const diffs: string[] = [];
    expectedRows.forEach((row, i) => {
      const line = ours[i]!;
      const [last = "", first = ""] = (line.patientName ?? "").split(", ");
      const theirAdjustments: string[] = [];
      for (let n = 0; row[`adj_${n}_code`] !== undefined; n++) {
        if (row[`adj_${n}_code`]) theirAdjustments.push(`${row[`adj_${n}_group`]}-${row[`adj_${n}_code`]}:${money(row[`adj_${n}_amount`]!)}`);
      }
      const pairs: Array<[string, string, string]> = [
        ["marker", row.marker!, line.claimId],
        ["patient", row.patient!.toLowerCase(), `${first} ${last}`.toLowerCase()],
        ["code", row.code!, line.code!],
        ["modifier", row.modifier!, line.modifiers[0] ?? ""],
        ["qualifier", row.qualifier!, line.codeQualifier ?? ""],
        ["allowed_units", units(row.allowed_units!), String(line.paidUnits)],
        ["billed_units", units(row.billed_units!), String(line.billedUnits)],
        ["transaction_date", row.transaction_date!, line.paidDate ?? ""],
        ["charge_amount", money(row.charge_amount!), fromCents(line.billedCents)],
        ["allowed_amount", money(row.allowed_amount!), fromCents(line.allowedCents)],
        ["paid_amount", money(row.paid_amount!), fromCents(line.paidCents)],
        ["payer", row.payer!, line.payer],
        ["start_date", row.start_date!, line.dateOfService],
        ["adjustments", theirAdjustments.join(" "), line.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents / 100}`).join(" ")],
      ];
      if (row.ref_0_qual !== undefined) pairs.push(["line_control", row.ref_0_qual === "6R" ? row.ref_0_value! : "", line.lineControlNumber ?? ""]);
      if (row.rem_0_code !== undefined) pairs.push(["remark", row.rem_0_code, line.remarks[0] ?? ""]);
      for (const [field, theirs, mine] of pairs) {
        if (theirs !== mine) diffs.push(`row ${i} ${field}: theirs '${theirs}' ours '${mine}'`);
      }
    });
    expect(diffs).toEqual(DISAGREEMENTS[name]);
  });
});
