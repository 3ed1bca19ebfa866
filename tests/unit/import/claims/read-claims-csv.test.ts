import { Readable } from "node:stream";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { ClaimLine } from "@/lib/import/claims/claim-line";
import { readClaimsCsv, splitModifiers } from "@/lib/import/claims/read-claims-csv";
import { readClaimsFile } from "@/lib/import/claims/read-claims-file";

const FIXTURES = join(__dirname, "../../../fixtures/claims");
const fixture = (name: string) => join(FIXTURES, name);
const fromText = (text: string) => readClaimsCsv(Readable.from([text]), { file: "inline.csv" });

describe("claims-basic.csv (canonical headers)", async () => {
  const result = await readClaimsCsv(fixture("claims-basic.csv"), { file: "claims-basic.csv" });

  test("no errors or warnings; one line per row", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.format).toBe("csv");
    expect(result.lines).toHaveLength(5);
  });

  test("first row, every field", () => {
    expect(result.lines[0]).toEqual<ClaimLine>({
      claimId: "C1001",
      encounterId: "E501",
      patientId: "P001",
      dateOfService: "2025-03-04",
      payer: "Acme Health",
      code: "96413",
      modifiers: [],
      billedUnits: 1,
      paidUnits: 1,
      billedCents: 45000,
      allowedCents: 30000,
      paidCents: 24000,
      adjustments: [
        { group: "CO", reason: "45", amountCents: 15000, quantity: null },
        { group: "PR", reason: "2", amountCents: 6000, quantity: null },
      ],
      remarks: [],
      status: "paid",
      statusCode: "paid",
      claimFrequency: "1",
      paidDate: "2025-03-20",
      source: { file: "claims-basic.csv", line: 2 },
    });
  });

  test("modifiers ; and , separated, units, paid units default to units, remarks, denied status, blank status/frequency", () => {
    expect(result.lines.map((l) => [l.source.line, l.code, l.modifiers, l.billedUnits, l.paidUnits, l.allowedCents, l.remarks, l.status, l.claimFrequency, l.paidDate, l.encounterId])).toEqual([
      [2, "96413", [], 1, 1, 30000, [], "paid", "1", "2025-03-20", "E501"],
      [3, "96415", [], 2, 2, 12000, [], "paid", "1", "2025-03-20", "E501"],
      [4, "96367", ["59", "XU"], 1, 0, null, ["M15"], "denied", "1", "2025-03-20", "E501"],
      [5, "96365", ["59", "XU"], 1, 1, 18000, [], "paid", "1", undefined, undefined],
      // 3 units billed, 1 paid: a unit cut
      [6, "96366", [], 3, 1, 9000, ["N362", "MA01"], "partial", "1", undefined, undefined],
    ]);
  });
});

describe("claims-synonyms.csv (BOM, CRLF, preamble, blank lines, synonyms, $ and (), totals row)", async () => {
  const result = await readClaimsCsv(fixture("claims-synonyms.csv"), { file: "claims-synonyms.csv" });

  test("rows and values", () => {
    expect(result.errors).toEqual([]);
    expect(result.lines.map((l) => [l.source.line, l.claimId, l.patientId, l.dateOfService, l.payer, l.code, l.modifiers, l.billedUnits, l.billedCents, l.allowedCents, l.paidCents, l.status, l.claimFrequency, l.paidDate])).toEqual([
      [5, "2001", "MRN-9", "2025-03-04", "Blue Plan, Inc.", "96413", ["JW"], 1, 123456, 90000, 72000, "paid", "1", "2025-03-20"],
      [6, "2001", "MRN-9", "2025-03-04", "Blue Plan, Inc.", "96415", [], 1, 25000, 0, 0, "denied", "1", "2025-03-20"],
      [8, "2002", "MRN-10", "2025-03-05", "Blue Plan", "96372", ["59", "XU"], 1, -1200, null, -1200, "reversed", "8", "2025-03-21"],
      [9, "2003", "MRN-11", "2025-03-06", "Blue Plan", "J1100", [], 10, -1250, 100, 0, "paid", "7", undefined],
    ]);
    expect(result.lines[1]!.remarks).toEqual(["M80", "N20"]);
    expect(result.lines[1]!.adjustments).toEqual([{ group: "CO", reason: "B15", amountCents: 25000, quantity: null }]);
    expect(result.lines[3]!.adjustments).toEqual([{ group: "CO", reason: "45", amountCents: -1350, quantity: null }]);
  });

  test("preamble and totals rows are reported as notices", () => {
    expect(result.warnings).toEqual([
      { code: "PREAMBLE_SKIPPED", message: "skipped 2 row(s) before the header at line 4", line: 1 },
      { code: "TOTALS_ROW", message: "skipped totals row at line 10", line: 10 },
    ]);
  });
});

describe("claims-bad-rows.csv: one error per bad cell, with the file line where the row starts", async () => {
  const result = await readClaimsCsv(fixture("claims-bad-rows.csv"), { file: "claims-bad-rows.csv" });

  test("good rows kept", () => {
    expect(result.lines.map((l) => [l.source.line, l.claimId, l.billedUnits, l.claimFrequency])).toEqual([
      [2, "C1", 1, "1"],
      [9, "C7", 1, "1"],
    ]);
  });

  test("errors", () => {
    expect(result.errors).toEqual([
      { line: 3, column: "date_of_service", code: "BAD_DATE", message: "line 3: date_of_service '2025-02-30' is not a date", raw: "2025-02-30" },
      { line: 4, column: "cpt", code: "BAD_CODE", message: "line 4: cpt '9641' is not a 5-character CPT/HCPCS code", raw: "9641" },
      { line: 5, column: "patient_id", code: "MISSING_VALUE", message: "line 5: patient_id is empty" },
      { line: 5, column: "units", code: "BAD_NUMBER", message: "line 5: units 'one' is not a number", raw: "one" },
      { line: 5, column: "billed_amount", code: "BAD_AMOUNT", message: "line 5: billed_amount '12..5' is not an amount", raw: "12..5" },
      { line: 6, column: "modifiers", code: "BAD_MODIFIER", message: "line 6: modifier '5' is not a 2-character modifier", raw: "5" },
      { line: 6, column: "paid_amount", code: "BAD_AMOUNT", message: "line 6: paid_amount 'abc' is not an amount", raw: "abc" },
      { line: 6, column: "adjustment_codes", code: "BAD_ADJUSTMENT", message: "line 6: adjustment 'XX-45:1.00' has unknown group 'XX' (CO, PR, OA, PI or CR)", raw: "XX-45:1.00" },
      { line: 6, column: "claim_frequency", code: "BAD_FREQUENCY", message: "line 6: claim_frequency '9' is not 1 (original), 7 (replacement) or 8 (void)", raw: "9" },
      { line: 8, column: "adjustment_codes", code: "BAD_ADJUSTMENT", message: "line 8: adjustment 'CO-45:ten' has amount 'ten' that is not a number", raw: "CO-45:ten" },
    ]);
  });
});

test("claims-carc-columns.csv: separate carc / group / amount / rarc columns, compact dates", async () => {
  const result = await readClaimsCsv(fixture("claims-carc-columns.csv"));
  expect(result.errors).toEqual([]);
  expect(result.lines.map((l) => [l.claimId, l.dateOfService, l.modifiers, l.adjustments, l.remarks, l.allowedCents])).toEqual([
    ["K1", "2025-03-04", ["59", "XU"], [{ group: "CO", reason: "45", amountCents: 4000, quantity: null }], ["N130"], null],
    ["K2", "2025-03-04", [], [{ group: "CO", reason: "B15", amountCents: 0, quantity: null }, { group: "PR", reason: "1", amountCents: 0, quantity: null }], ["N20", "M80"], null],
    ["K3", "2025-03-04", [], [{ group: "PR", reason: "2", amountCents: 5000, quantity: null }], [], null],
  ]);
});

test("missing required columns: one fatal error listing what is unmapped, no lines", async () => {
  const result = await readClaimsCsv(fixture("claims-missing-columns.csv"), { file: "claims-missing-columns.csv" });
  expect(result.lines).toEqual([]);
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toMatchObject({
    code: "MISSING_COLUMNS",
    fatal: true,
    details: { headers: ["Claim Number", "Patient", "Insurance", "Charge Amount"], unmapped: ["date_of_service", "cpt", "paid_amount"] },
  });
  expect(result.errors[0]!.message).toContain("date_of_service, cpt, paid_amount");
});

test("an explicit column mapping (--map) beats synonyms", async () => {
  const text = "Ticket,Who,When,Plan,Proc,Amt,Pd\nT1,P1,2025-03-04,Acme,96360,10.00,8.00\n";
  const result = await readClaimsCsv(Readable.from([text]), {
    map: { claim_id: "Ticket", patient_id: "Who", date_of_service: "When", payer: "Plan", cpt: "Proc", billed_amount: "Amt", paid_amount: "Pd" },
  });
  expect(result.errors).toEqual([]);
  expect(result.lines.map((l) => [l.claimId, l.patientId, l.code, l.billedCents, l.paidCents])).toEqual([["T1", "P1", "96360", 1000, 800]]);
});

test("modifier columns Mod1..Mod4 merge with a modifiers column and a code with glued modifiers", async () => {
  const text = "claim_id,patient_id,date_of_service,payer,cpt,modifiers,Mod1,Mod2,billed_amount,paid_amount\nC1,P1,2025-03-04,Acme,96413-59,XU,JW,XU,10,8\n";
  const result = await fromText(text);
  expect(result.errors).toEqual([]);
  expect(result.lines[0]!.code).toBe("96413");
  expect(result.lines[0]!.modifiers).toEqual(["59", "XU", "JW"]);
});

test("an empty file and a header-only file", async () => {
  expect((await fromText("")).errors).toMatchObject([{ code: "EMPTY_FILE", fatal: true }]);
  const headerOnly = await fromText("claim_id,patient_id,date_of_service,payer,cpt,billed_amount,paid_amount\r\n");
  expect(headerOnly).toEqual({ format: "csv", lines: [], warnings: [], errors: [] });
});

test.each([
  ["59;XU", ["59", "XU"]],
  ["59, XU", ["59", "XU"]],
  ["59 XU", ["59", "XU"]],
  [" 59/xu ", ["59", "XU"]],
  ["", []],
])("splitModifiers(%j)", (raw, expected) => {
  expect(splitModifiers(raw)).toEqual(expected);
});

describe("readClaimsFile: detection and file-level problems", () => {
  test("a CSV is read as CSV", async () => {
    const result = await readClaimsFile(fixture("claims-basic.csv"));
    expect(result.format).toBe("csv");
    expect(result.lines).toHaveLength(5);
    expect(result.lines[0]!.source.file).toBe("claims-basic.csv");
  });

  test("missing, empty and binary files come back as fatal errors", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "claims-"));
    writeFileSync(join(dir, "empty.csv"), "\uFEFF \r\n");
    writeFileSync(join(dir, "binary.835"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    expect(await readClaimsFile(join(dir, "empty.csv"))).toEqual({ format: "csv", lines: [], warnings: [], errors: [{ code: "EMPTY_FILE", message: "empty.csv is empty", fatal: true }] });
    expect((await readClaimsFile(join(dir, "binary.835"))).errors).toEqual([
      { code: "BINARY_FILE", message: "binary.835 is not a text file (it contains NUL bytes; binary or UTF-16?)", fatal: true },
    ]);
    const missing = await readClaimsFile(join(dir, "nope.csv"));
    expect(missing.errors).toMatchObject([{ code: "UNREADABLE_FILE", fatal: true }]);
  });
});
