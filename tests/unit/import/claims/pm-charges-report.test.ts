/**
 * Practice-management charge/payment reports read as claims without --map (issue 13): a report
 * title and date-range preamble, a BOM, CRLF, `$1,234.56` and `(12.00)` amounts, a totals row, the
 * usual PM header names, and ambiguous headers that are never guessed.
 */
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { parseCents } from "@/lib/import/claims/parse-cents";
import { isUnlabelledTotalsRow, readClaimsCsv } from "@/lib/import/claims/read-claims-csv";
import { runCli } from "@/lib/cli/run-cli";

const FIXTURE = join(__dirname, "../../../fixtures/claims/pm-charges-report.csv");
const fromText = (text: string, map?: Record<string, string>) => readClaimsCsv(Readable.from([text]), { file: "inline.csv", ...(map && { map }) });

function capture() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function cli(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe("pm-charges-report.csv through the reader", async () => {
  const result = await readClaimsCsv(FIXTURE, { file: "pm-charges-report.csv" });

  test("five lines, the PM headers mapped (Acct # over Patient, Primary Insurance over Fin Class, Adj Codes over Adjustments)", () => {
    expect(result.lines.map((l) => [l.claimId, l.patientId, l.dateOfService, l.payer, l.code, l.billedUnits, l.billedCents, l.allowedCents, l.paidCents])).toEqual([
      ["10501", "A1001", "2025-03-04", "Medicare", "96413", 1, 123456, 30000, 24000],
      ["10501", "A1001", "2025-03-04", "Medicare", "96415", 2, 45000, 12000, 9600],
      ["10502", "A1002", "2025-03-05", "Aetna PPO", "96365", 1, 60000, 25000, 20000],
      ["10502", "A1002", "2025-03-05", "Aetna PPO", "96375", 1, 15000, 0, 0],
      ["10503", "A1003", "2025-03-06", "Aetna PPO", "96372", 1, -1200, null, -1200],
    ]);
    expect(result.lines[0]!.adjustments).toEqual([
      { group: "CO", reason: "45", amountCents: 93456, quantity: null },
      { group: "PR", reason: "2", amountCents: 6000, quantity: null },
    ]);
    expect(result.lines[3]!.modifiers).toEqual(["59"]);
    expect(result.lines[3]!.status).toBe("denied");
    expect(result.lines.map((l) => l.source.line)).toEqual([7, 8, 9, 10, 11]);
  });

  test("the preamble and the Grand Total row are warnings, never errors; the bad row keeps its real line number", () => {
    expect(result.warnings).toEqual([
      { code: "PREAMBLE_SKIPPED", line: 1, message: "skipped 4 row(s) before the header at line 6" },
      { code: "TOTALS_ROW", line: 13, message: "skipped totals row at line 13" },
    ]);
    expect(result.errors).toEqual([
      { line: 12, column: "date_of_service", code: "BAD_DATE", message: "line 12: date_of_service '02/30/2025' is not a date", raw: "02/30/2025" },
    ]);
  });
});

describe("the claims command reads the PM report with no --map", () => {
  test("JSON: the right lines, warnings and the one row error", async () => {
    const { code, stdout, stderr } = await cli(["claims", FIXTURE]);
    expect(code, stderr).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.lines).toHaveLength(5);
    expect(output.lines[0]).toEqual({
      claimId: "10501",
      patientId: "A1001",
      dateOfService: "2025-03-04",
      payer: "Medicare",
      code: "96413",
      modifiers: [],
      billedUnits: 1,
      paidUnits: 1,
      billedCents: 123456,
      allowedCents: 30000,
      paidCents: 24000,
      adjustments: [
        { group: "CO", reason: "45", amountCents: 93456, quantity: null },
        { group: "PR", reason: "2", amountCents: 6000, quantity: null },
      ],
      remarks: [],
      status: "paid",
    });
    expect(output.lines[4]).toMatchObject({ claimId: "10503", billedCents: -1200, paidCents: -1200 });
    expect(output.warnings.map((w: { code: string }) => w.code)).toEqual(["PREAMBLE_SKIPPED", "TOTALS_ROW"]);
    expect(output.errors).toMatchObject([{ line: 12, code: "BAD_DATE", column: "date_of_service" }]);
  });

  test("CSV: one row per line, amounts in dollars, no totals row", async () => {
    const { code, stdout } = await cli(["claims", FIXTURE, "--format", "csv"]);
    expect(code).toBe(0);
    const rows = stdout.trim().split(/\r?\n/);
    expect(rows[0]).toBe("claim_id,patient_id,date_of_service,payer,code,modifiers,billed_units,paid_units,billed,allowed,paid,adjustments,remarks,status");
    expect(rows).toHaveLength(6);
    expect(rows[1]).toContain("10501,A1001,2025-03-04,Medicare,96413,,1,1,1234.56,300.00,240.00");
    expect(stdout).not.toMatch(/Grand Total/);
  });

  test("an ambiguous payer (Insurance and Carrier) is not guessed: exit 1 naming both, and --map settles it", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const file = join(mkdtempSync(join(tmpdir(), "pm-")), "two-payers.csv");
    writeFileSync(file, "Claim #,Acct #,DOS,Insurance,Carrier,CPT,Charges,Ins Paid\n1,A1,03/04/2025,Aetna,Aetna PPO,96413,$100.00,$80.00\n");
    const asked = await cli(["claims", file]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('payer is ambiguous: "Insurance" and "Carrier" could each be it, none was guessed');
    expect(asked.stdout).toBe("");
    const mapped = await cli(["claims", file, "--map", "payer=Carrier"]);
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(JSON.parse(mapped.stdout).lines[0]).toMatchObject({ payer: "Aetna PPO", patientId: "A1", billedCents: 10000, paidCents: 8000 });
  });
});

describe("PM header synonyms", () => {
  const base = (headers: Record<string, string>) => {
    const names = Object.keys(headers);
    return `${names.join(",")}\n${names.map((h) => headers[h]).join(",")}\n`;
  };

  test.each([
    [{ "Claim No": "1", "Patient Account Number": "A1", "Date of Svc": "03/04/2025", "Primary Insurance": "Aetna", "Proc Code": "96413", "Billed": "100", "Payment": "80" }],
    [{ "Ticket #": "1", "MRN": "A1", "Service Date": "03/04/2025", "Plan": "Aetna", "HCPCS": "96413", "Fee": "100", "Insurance Paid": "80" }],
    [{ "Claim #": "1", "Account #": "A1", "DOS": "03/04/2025", "Financial Class": "Aetna", "Procedure": "96413", "Charge": "100", "Paid": "80" }],
    [{ "Claim ID": "1", "Acct": "A1", "DOS": "03/04/2025", "Carrier": "Aetna", "CPT": "96413", "Charges": "100", "Ins Paid": "80", "Qty": "1", "Allowable": "90", "CARC": "CO-45:10" }],
    [{ "Claim Number": "1", "Patient": "A1", "DOS": "03/04/2025", "Insurance": "Aetna", "CPT Code": "96413", "Charge Amount": "100", "Paid Amount": "80", "Contracted": "90", "Reason Codes": "CO-45:10" }],
  ])("%j", async (headers) => {
    const result = await fromText(base(headers));
    expect(result.errors).toEqual([]);
    expect(result.lines[0]).toMatchObject({ claimId: "1", patientId: "A1", dateOfService: "2025-03-04", payer: "Aetna", code: "96413", billedCents: 10000, paidCents: 8000 });
    // Rows without an allowed column read no allowed amount (null), not a guessed one.
    expect(result.lines[0]!.allowedCents).toBe("Allowable" in headers || "Contracted" in headers ? 9000 : null);
    if ("CARC" in headers || "Reason Codes" in headers) expect(result.lines[0]!.adjustments).toMatchObject([{ group: "CO", reason: "45", amountCents: 1000 }]);
  });

  test("a weaker name gives way: Patient (the name) to Acct #, Fin Class to Primary Insurance, Payments to Ins Paid", async () => {
    const result = await fromText("Claim #,Patient,Acct #,DOS,Fin Class,Primary Insurance,CPT,Charges,Payments,Ins Paid\n1,\"Doe, Jane\",A1,03/04/2025,Commercial,Aetna,96413,$100.00,$95.00,$80.00\n");
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.lines[0]).toMatchObject({ patientId: "A1", payer: "Aetna", paidCents: 8000 });
  });

  test("two paid columns of the same rank (Paid and Ins Paid) are asked about, not guessed", async () => {
    const result = await fromText("Claim #,Acct #,DOS,Payer,CPT,Charges,Paid,Ins Paid\n1,A1,03/04/2025,Aetna,96413,100,80,70\n");
    expect(result.lines).toEqual([]);
    expect(result.errors).toMatchObject([
      { code: "MISSING_COLUMNS", fatal: true, details: { unmapped: ["paid_amount"], ambiguous: [{ column: "paid_amount", headers: ["Paid", "Ins Paid"] }] } },
    ]);
    expect(result.errors[0]!.message).toContain('paid_amount is ambiguous: "Paid" and "Ins Paid" could each be it');
    const mapped = await fromText("Claim #,Acct #,DOS,Payer,CPT,Charges,Paid,Ins Paid\n1,A1,03/04/2025,Aetna,96413,100,80,70\n", { paid_amount: "Ins Paid" });
    expect(mapped.lines[0]).toMatchObject({ paidCents: 7000 });
  });

  test("an ambiguous optional column (Allowed and Allowable) is left out with a warning", async () => {
    const result = await fromText("Claim #,Acct #,DOS,Payer,CPT,Charges,Paid,Allowed,Allowable\n1,A1,03/04/2025,Aetna,96413,100,80,90,85\n");
    expect(result.errors).toEqual([]);
    expect(result.lines[0]!.allowedCents).toBeNull();
    expect(result.warnings).toEqual([
      {
        code: "AMBIGUOUS_COLUMN",
        line: 1,
        column: "allowed_amount",
        message: 'line 1: allowed_amount is ambiguous: "Allowed" and "Allowable" could each be it, none was guessed; it was not imported (use --map allowed_amount=Header)',
      },
    ]);
  });

  test("the canonical name is never ambiguous: payer beats Insurance", async () => {
    const result = await fromText("claim_id,patient_id,date_of_service,payer,Insurance,cpt,billed_amount,paid_amount\n1,A1,2025-03-04,Aetna,Other,96413,100,80\n");
    expect(result.lines[0]).toMatchObject({ payer: "Aetna" });
    expect(result.warnings).toEqual([]);
  });
});

describe("PM report layout", () => {
  test("a title line naming columns is not the header: the first row holding every required column is", async () => {
    const text = "Payer,Charges,Payments\nCharges by Payer and DOS\nClaim #,Acct #,DOS,Payer,CPT,Charges,Payments\n1,A1,03/04/2025,Aetna,96413,100,80\n";
    const result = await fromText(text);
    expect(result.errors).toEqual([]);
    expect(result.lines).toMatchObject([{ claimId: "1", source: { line: 4 } }]);
    expect(result.warnings).toEqual([{ code: "PREAMBLE_SKIPPED", line: 1, message: "skipped 2 row(s) before the header at line 3" }]);
  });

  test("a header missing a required column below a title: the error lists that header's cells, not the title's", async () => {
    const result = await fromText("Charges Report\nDate Range: 03/01/2025 - 03/31/2025\nClaim #,Acct #,DOS,Payer,Charges,Payments\n1,A1,03/04/2025,Aetna,100,80\n");
    expect(result.errors).toMatchObject([{ code: "MISSING_COLUMNS", fatal: true, details: { unmapped: ["cpt"], headers: ["Claim #", "Acct #", "DOS", "Payer", "Charges", "Payments"] } }]);
  });

  test("totals rows: labelled (Total, Totals, Grand Total, Subtotal) or unlabelled sums are skipped with warnings", async () => {
    const text = [
      "Claim #,Acct #,DOS,Payer,CPT,Units,Charges,Payments",
      "1,A1,03/04/2025,Aetna,96413,1,$100.00,$80.00",
      "Subtotal Aetna,,,,,1,$100.00,$80.00",
      "2,A2,03/05/2025,Cigna,96365,1,\"$1,200.00\",(12.00)",
      ",,,,,2,\"$1,300.00\",$68.00",
      "Totals:,,,,,2,\"$1,300.00\",$68.00",
      "Grand Total,,,,,2,\"$1,300.00\",$68.00",
    ].join("\r\n");
    const result = await fromText(`\uFEFF${text}\r\n`);
    expect(result.errors).toEqual([]);
    expect(result.lines.map((l) => [l.claimId, l.billedCents, l.paidCents])).toEqual([
      ["1", 10000, 8000],
      ["2", 120000, -1200],
    ]);
    expect(result.warnings.map((w) => [w.code, w.line])).toEqual([
      ["TOTALS_ROW", 3],
      ["TOTALS_ROW", 5],
      ["TOTALS_ROW", 6],
      ["TOTALS_ROW", 7],
    ]);
  });

  test("isUnlabelledTotalsRow: sums only, with no claim id, date or code", () => {
    const columns = { claim_id: 0, date_of_service: 1, cpt: 2 };
    expect(isUnlabelledTotalsRow(["", "", "", "$1,234.56", "(12.00)"], columns)).toBe(true);
    expect(isUnlabelledTotalsRow(["", "", "", "", ""], columns)).toBe(false);
    expect(isUnlabelledTotalsRow(["", "", "96413", "$1.00"], columns)).toBe(false);
    expect(isUnlabelledTotalsRow(["", "", "", "A1", "$1.00"], columns)).toBe(false);
  });

  test("an Adjustments column of plain amounts is not read as codes: one warning, the rows import", async () => {
    const result = await fromText("Claim #,Acct #,DOS,Payer,CPT,Charges,Payments,Adjustments\n1,A1,03/04/2025,Aetna,96413,100,80,($20.00)\n2,A1,03/04/2025,Aetna,96415,50,40,$10.00\n3,A1,03/04/2025,Aetna,96415,50,40,CO-45:10.00\n");
    expect(result.errors).toEqual([]);
    expect(result.lines.map((l) => l.adjustments)).toEqual([[], [], [{ group: "CO", reason: "45", amountCents: 1000, quantity: null }]]);
    expect(result.warnings).toMatchObject([{ code: "ADJUSTMENT_WITHOUT_CODE", line: 2, column: "adjustment_codes" }]);
    expect(result.warnings[0]!.message).toContain("2 row(s) (line 2, 3)");
  });

  test("amounts: $1,234.56, (12.00), ($12.00), $(12.00)", () => {
    expect(parseCents("$1,234.56")).toBe(123456);
    expect(parseCents("(12.00)")).toBe(-1200);
    expect(parseCents("($12.00)")).toBe(-1200);
    expect(parseCents("$(1,234.56)")).toBe(-123456);
    expect(parseCents("$ (5)")).toBe(-500);
    expect(parseCents("$(-5)")).toBeUndefined();
  });
});
