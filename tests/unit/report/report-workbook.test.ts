import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { codeLabel, carcMeaning } from "@/lib/dashboard/code-label";
import type { TReportData } from "@/lib/report/report-data";
import {
  buildReportWorkbook,
  DATE_FORMAT,
  HOURS_FORMAT,
  MONEY_FORMAT,
  PERCENT_FORMAT,
  SUMMARY_LABELS,
  WORKBOOK_SHEETS,
} from "@/lib/report/report-workbook";
import { deidentifiedReportData, sampleReportData, samplePatientIds } from "../../helpers/report-data-fixture";

async function openWorkbook(data: TReportData): Promise<ExcelJS.Workbook> {
  const bytes = await buildReportWorkbook(data);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);

  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`No sheet ${name}`);

  return found;
}

function headers(worksheet: ExcelJS.Worksheet): string[] {
  const values = worksheet.getRow(1).values as unknown[];

  return values.slice(1).map(String);
}

/** Data rows as header → cell, so assertions name columns instead of counting them. */
function records(worksheet: ExcelJS.Worksheet): { value: Record<string, ExcelJS.CellValue>; cell: Record<string, ExcelJS.Cell> }[] {
  const names = headers(worksheet);
  const rows: { value: Record<string, ExcelJS.CellValue>; cell: Record<string, ExcelJS.Cell> }[] = [];
  for (let rowNumber = 2; rowNumber <= worksheet.rowCount; rowNumber += 1) {
    const row = worksheet.getRow(rowNumber);
    const value: Record<string, ExcelJS.CellValue> = {};
    const cell: Record<string, ExcelJS.Cell> = {};
    names.forEach((name, index) => {
      cell[name] = row.getCell(index + 1);
      value[name] = row.getCell(index + 1).value;
    });
    rows.push({ value, cell });
  }

  return rows;
}

function summaryCell(workbook: ExcelJS.Workbook, label: string): ExcelJS.Cell {
  const summary = sheet(workbook, WORKBOOK_SHEETS.summary);
  for (let rowNumber = 2; rowNumber <= summary.rowCount; rowNumber += 1) {
    if (summary.getRow(rowNumber).getCell(1).value === label) return summary.getRow(rowNumber).getCell(2);
  }
  throw new Error(`No Summary row ${label}`);
}

function allCellTexts(workbook: ExcelJS.Workbook): string[] {
  const texts: string[] = [];
  workbook.eachSheet((worksheet) => {
    texts.push(worksheet.name);
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        texts.push(typeof cell.value === "object" && !(cell.value instanceof Date) ? JSON.stringify(cell.value) : String(cell.value));
      });
    });
  });

  return texts;
}

const utcDay = (date: string) => new Date(`${date}T00:00:00.000Z`);

describe("buildReportWorkbook", () => {
  it("holds the promised sheets first, and the workbook is DripAudit's, created at generation", async () => {
    const data = sampleReportData();
    const workbook = await openWorkbook(data);

    expect(workbook.worksheets.map((worksheet) => worksheet.name).slice(0, 5)).toEqual(["Summary", "Weekly", "Findings", "Rebill", "Denials"]);
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(Object.values(WORKBOOK_SHEETS));
    expect(workbook.creator).toBe("DripAudit");
    expect(workbook.created.toISOString()).toBe(data.request.generatedAt);
  });

  it("Summary figures are the overview's, as numbers with currency, percent and hour formats", async () => {
    const data = sampleReportData();
    const { totals, denials, window } = data.overview;
    const workbook = await openWorkbook(data);
    const value = (label: string) => summaryCell(workbook, label).value;

    expect(value(SUMMARY_LABELS.practice)).toBe("Riverside Infusion");
    expect(value(SUMMARY_LABELS.periodFrom)).toEqual(utcDay("2025-01-06"));
    expect(value(SUMMARY_LABELS.periodTo)).toEqual(utcDay("2025-03-02"));
    expect(value(SUMMARY_LABELS.generated)).toEqual(utcDay(data.request.asOf));
    expect(value(SUMMARY_LABELS.patientData)).toBe("Contains PHI");

    expect(value(SUMMARY_LABELS.annualized)).toBe(totals.annualizedLeakageCents / 100);
    expect(value(SUMMARY_LABELS.weekly)).toBe(totals.weeklyLeakageCents / 100);
    expect(value(SUMMARY_LABELS.lostHoursPerWeek)).toBe(totals.lostAddOnHoursPerWeek);
    expect(value(SUMMARY_LABELS.lostHours)).toBe(totals.lostAddOnHours);
    expect(value(SUMMARY_LABELS.total)).toBe(totals.leakageCents / 100);
    expect(value(SUMMARY_LABELS.weeks)).toBe(window?.weeks);
    expect(value(SUMMARY_LABELS.coding)).toBe(totals.byCause.coding / 100);
    expect(value(SUMMARY_LABELS.documentation)).toBe(totals.byCause.documentation / 100);
    expect(value(SUMMARY_LABELS.payer)).toBe(totals.byCause.payer / 100);
    expect(value(SUMMARY_LABELS.compliance)).toBe(totals.complianceExposureCents / 100);
    expect(value(SUMMARY_LABELS.denialLineRate)).toBe(denials.lineRate);
    expect(value(SUMMARY_LABELS.denialDollarRate)).toBe(denials.dollarRate);
    expect(value(SUMMARY_LABELS.encounters)).toBe(data.overview.encounters);

    // The fixture's own arithmetic, as the report spells it out: weekly × 52 = annualized, and
    // compliance exposure is never netted into leakage.
    expect(totals.annualizedLeakageCents).toBe(totals.weeklyLeakageCents * 52);
    expect(value(SUMMARY_LABELS.total)).toBe((totals.byCause.coding + totals.byCause.documentation + totals.byCause.payer) / 100);

    expect(summaryCell(workbook, SUMMARY_LABELS.annualized).numFmt).toBe(MONEY_FORMAT);
    expect(summaryCell(workbook, SUMMARY_LABELS.compliance).numFmt).toBe(MONEY_FORMAT);
    expect(summaryCell(workbook, SUMMARY_LABELS.denialLineRate).numFmt).toBe(PERCENT_FORMAT);
    expect(summaryCell(workbook, SUMMARY_LABELS.lostHoursPerWeek).numFmt).toBe(HOURS_FORMAT);
    expect(summaryCell(workbook, SUMMARY_LABELS.periodFrom).numFmt).toBe(DATE_FORMAT);
  });

  it("Weekly has a real date and numeric, formatted amounts per week that add up to the totals", async () => {
    const data = sampleReportData();
    const rows = records(sheet(await openWorkbook(data), WORKBOOK_SHEETS.weekly));

    expect(rows).toHaveLength(8);
    expect(rows.map((row) => row.value["Week start"])).toEqual(data.overview.weekly.map((week) => utcDay(week.weekStart)));
    for (const row of rows) {
      for (const column of ["Coding", "Documentation (est.)", "Payer", "Total leakage"]) {
        expect(typeof row.value[column]).toBe("number");
        expect(row.cell[column]?.numFmt).toBe(MONEY_FORMAT);
      }
      expect(typeof row.value["Lost add-on hours"]).toBe("number");
      expect(row.cell["Week start"]?.numFmt).toBe(DATE_FORMAT);
    }
    const sum = (column: string) => Math.round(rows.reduce((total, row) => total + Number(row.value[column]), 0) * 100);
    expect(sum("Total leakage")).toBe(data.overview.totals.leakageCents);
    expect(sum("Documentation (est.)")).toBe(data.overview.totals.byCause.documentation);
    expect(rows.reduce((total, row) => total + Number(row.value["Lost add-on hours"]), 0)).toBe(data.overview.totals.lostAddOnHours);
  });

  it("Findings lists every finding with code labels, numeric values and the patient id when identified", async () => {
    const data = sampleReportData();
    const worksheet = sheet(await openWorkbook(data), WORKBOOK_SHEETS.findings);
    const rows = records(worksheet);

    expect(headers(worksheet)).toContain("Patient ID");
    expect(headers(worksheet)).toContain("Patient key");
    expect(rows).toHaveLength(data.findings.length);
    rows.forEach((row, index) => {
      const finding = data.findings[index];
      expect(row.value["Value"]).toBe((finding?.valueCents ?? 0) / 100);
      expect(row.cell["Value"]?.numFmt).toBe(MONEY_FORMAT);
      expect(typeof row.value["Units"]).toBe("number");
      expect(row.value["Date of service"]).toEqual(utcDay(finding?.dateOfService ?? ""));
      expect(row.value["Code label"]).toBe(codeLabel(finding?.code));
      expect(row.value["Patient ID"]).toBe(finding?.patientId);
    });
    expect(rows.map((row) => row.value["Patient ID"])).toContain("MRN-0042");
  });

  it("Rebill shows the candidates with days left as numbers and deadlines as dates", async () => {
    const data = sampleReportData();
    const rows = records(sheet(await openWorkbook(data), WORKBOOK_SHEETS.rebill));

    expect(rows).toHaveLength(data.rebill.rows.length);
    rows.forEach((row, index) => {
      const candidate = data.rebill.rows[index];
      expect(row.value["Days left"]).toBe(candidate?.daysLeft);
      expect(row.value["Filing deadline"]).toEqual(utcDay(candidate?.filingDeadline ?? ""));
      expect(row.value["Value"]).toBe((candidate?.valueCents ?? 0) / 100);
    });
  });

  it("Denials sheets carry weekly rates, payers, CARC group-reason labels and codes", async () => {
    const data = sampleReportData();
    const workbook = await openWorkbook(data);
    const weekly = records(sheet(workbook, WORKBOOK_SHEETS.denials));
    const reasons = records(sheet(workbook, WORKBOOK_SHEETS.denialsByReason));
    const codes = records(sheet(workbook, WORKBOOK_SHEETS.denialsByCode));
    const payers = records(sheet(workbook, WORKBOOK_SHEETS.denialsByPayer));

    expect(weekly).toHaveLength(data.denials.weekly.length);
    expect(weekly[0]?.value["Line denial rate"]).toBe(data.denials.weekly[0]?.lineRate);
    expect(weekly[0]?.cell["Line denial rate"]?.numFmt).toBe(PERCENT_FORMAT);
    expect(weekly[0]?.cell["Denied"]?.numFmt).toBe(MONEY_FORMAT);
    expect(reasons.map((row) => row.value["Reason"])).toEqual(["CO-16", "CO-197", "CO-151", "PR-204"]);
    expect(reasons.map((row) => row.value["Meaning (DripAudit's words)"])).toEqual(data.denials.byReason.map((row) => carcMeaning(row.reason) ?? ""));
    expect(codes.map((row) => row.value["Code label"])).toEqual(data.denials.byCode.map((row) => codeLabel(row.code)));
    expect(payers.find((row) => row.value["Payer"] === "Medicare")?.value["Recoupments"]).toBe(87.6);
    expect(payers.find((row) => row.value["Payer"] === "Aetna")?.value["Units cut value"]).toBe(118.42);
  });

  it("every sheet has a bold frozen header, set column widths and an autofilter on tables", async () => {
    const workbook = await openWorkbook(sampleReportData());

    let sheets = 0;
    workbook.eachSheet((worksheet) => {
      sheets += 1;
      expect(worksheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(worksheet.getRow(1).getCell(1).font?.bold).toBe(true);
      for (let column = 1; column <= worksheet.columnCount; column += 1) {
        expect(worksheet.getColumn(column).width ?? 0).toBeGreaterThan(5);
      }
      if (worksheet.name !== WORKBOOK_SHEETS.summary) expect(worksheet.autoFilter).toBeTruthy();
    });
    // The loop above checked every sheet, not none.
    expect(sheets).toBe(Object.keys(WORKBOOK_SHEETS).length);
  });

  it("numbers are never written as text (codes are identifiers and stay text)", async () => {
    const workbook = await openWorkbook(sampleReportData());
    const identifierColumns = new Set(["Code", "Key"]);

    workbook.eachSheet((worksheet) => {
      const names = headers(worksheet);
      worksheet.eachRow((row, rowNumber) => {
        if (rowNumber === 1) return;
        row.eachCell((cell, column) => {
          if (typeof cell.value !== "string" || identifierColumns.has(names[column - 1] ?? "")) return;
          expect(cell.value, `${worksheet.name} ${cell.address}`).not.toMatch(/^-?\$?[\d,]+(\.\d+)?%?$/);
        });
      });
    });
  });

  it("neutralizes text a spreadsheet could run as a formula, as the CSV export does", async () => {
    const base = sampleReportData();
    const [first, second, ...rest] = base.findings;
    if (!first || !second) throw new Error("fixture needs findings");
    const rebill = base.rebill.rows.map((row, index) => (index === 0 ? { ...row, payer: "@SUM(A1:A9)", claimId: "-2+3" } : row));
    const data = sampleReportData({
      findings: [{ ...first, explanation: '=HYPERLINK("http://evil.example","x")', payer: "+1 555 0100" }, { ...second, nurse: "@cmd", site: " =1+1" }, ...rest],
      rebill: { ...base.rebill, rows: rebill },
      practice: { ...base.practice, name: "=Riverside" },
    });
    const workbook = await openWorkbook(data);
    const findings = records(sheet(workbook, WORKBOOK_SHEETS.findings));
    const rebillRows = records(sheet(workbook, WORKBOOK_SHEETS.rebill));

    expect(findings[0]?.value["Explanation"]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(findings[0]?.value["Payer"]).toBe("'+1 555 0100");
    expect(findings[1]?.value["Nurse"]).toBe("'@cmd");
    expect(findings[1]?.value["Site"]).toBe("' =1+1");
    expect(rebillRows[0]?.value["Payer"]).toBe("'@SUM(A1:A9)");
    expect(rebillRows[0]?.value["Claim"]).toBe("'-2+3");
    expect(summaryCell(workbook, SUMMARY_LABELS.practice).value).toBe("'=Riverside");
    // No text cell anywhere in the workbook still starts a formula.
    expect(allCellTexts(workbook).some((text) => /^[=+@]/.test(text))).toBe(false);
  });

  it("a de-identified workbook has no patient id column and no patient id anywhere", async () => {
    const data = deidentifiedReportData();
    const workbook = await openWorkbook(data);
    const texts = allCellTexts(workbook);

    expect(headers(sheet(workbook, WORKBOOK_SHEETS.findings))).not.toContain("Patient ID");
    expect(headers(sheet(workbook, WORKBOOK_SHEETS.rebill))).not.toContain("Patient ID");
    expect(headers(sheet(workbook, WORKBOOK_SHEETS.findings))).toContain("Patient key");
    expect(summaryCell(workbook, SUMMARY_LABELS.patientData).value).toBe("De-identified");
    for (const patientId of samplePatientIds()) {
      expect(texts.filter((text) => text.includes(patientId))).toEqual([]);
    }
    expect(texts.some((text) => text.includes("MRN"))).toBe(false);
    expect(texts).toContain(data.findings[0]?.patientKey);
  });

  it("builds an empty period without failing (no rows, blank rates)", async () => {
    const base = sampleReportData();
    const data = sampleReportData({
      period: null,
      findings: [],
      rebill: { total: 0, rows: [] },
      overview: {
        ...base.overview,
        window: null,
        encounters: 0,
        weekly: [],
        denials: { lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0, lineRate: null, dollarRate: null, ignoredFilters: [] },
      },
    });
    const workbook = await openWorkbook(data);

    expect(sheet(workbook, WORKBOOK_SHEETS.findings).rowCount).toBe(1);
    expect(summaryCell(workbook, SUMMARY_LABELS.denialLineRate).value).toBeNull();
    expect(summaryCell(workbook, SUMMARY_LABELS.periodFrom).value).toBeNull();
  });
});
