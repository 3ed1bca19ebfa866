import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { codeLabel, carcMeaning } from "@/lib/dashboard/code-label";
import type { TReportData } from "@/lib/report/report-data";
import {
  buildReportWorkbook,
  COUNT_CHANGE_FORMAT,
  COUNT_FORMAT,
  DATE_FORMAT,
  HOURS_FORMAT,
  MONEY_FORMAT,
  PERCENT_CHANGE_FORMAT,
  PERCENT_FORMAT,
  POINTS_CHANGE_FORMAT,
  SUMMARY_LABELS,
  WORKBOOK_SHEETS,
} from "@/lib/report/report-workbook";
import { deidentifiedReportData, sampleChangesSincePreviousReport, sampleReportData, samplePatientIds } from "../../helpers/report-data-fixture";

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

/** Sheets every workbook has: all but "Since last report", which needs a previous report. */
const ALWAYS_SHEETS = Object.values(WORKBOOK_SHEETS).filter((name) => name !== WORKBOOK_SHEETS.changes);

function withChanges(data: TReportData = sampleReportData()): TReportData {
  return { ...data, changesSincePreviousReport: sampleChangesSincePreviousReport() };
}

function changesRow(rows: ReturnType<typeof records>, section: string, item: string | null): ReturnType<typeof records>[number] {
  const found = rows.find((row) => row.value["Section"] === section && (row.value["Item"] ?? null) === item);
  if (!found) throw new Error(`No row ${section} / ${item}`);

  return found;
}

describe("buildReportWorkbook", () => {
  it("holds the promised sheets first, and the workbook is DripAudit's, created at generation", async () => {
    const data = sampleReportData();
    const workbook = await openWorkbook(data);

    expect(workbook.worksheets.map((worksheet) => worksheet.name).slice(0, 5)).toEqual(["Summary", "Weekly", "Findings", "Rebill", "Denials"]);
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(ALWAYS_SHEETS);
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

  it.each([
    ["without", sampleReportData(), ALWAYS_SHEETS.length],
    ["with", withChanges(), Object.keys(WORKBOOK_SHEETS).length],
  ])("every sheet has a bold frozen header, set column widths and an autofilter on tables (%s a previous report)", async (_, data, expected) => {
    const workbook = await openWorkbook(data);

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
    expect(sheets).toBe(expected);
  });

  it("numbers are never written as text (codes are identifiers and stay text)", async () => {
    const workbook = await openWorkbook(withChanges());
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
    const data = withChanges(deidentifiedReportData());
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
    expect(workbook.getWorksheet(WORKBOOK_SHEETS.changes)).toBeDefined();
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

  it("Since last report: the HTML section's comparison date, points, figures then and now, new findings by cause and payer moves", async () => {
    const data = withChanges();
    const workbook = await openWorkbook(data);
    const names = workbook.worksheets.map((worksheet) => worksheet.name);
    const worksheet = sheet(workbook, WORKBOOK_SHEETS.changes);
    const rows = records(worksheet);
    const row = (section: string, item: string | null) => changesRow(rows, section, item);

    // After the five promised sheets, which stay first.
    expect(names.slice(0, 6)).toEqual(["Summary", "Weekly", "Findings", "Rebill", "Denials", "Since last report"]);
    expect(headers(worksheet)).toEqual(["Section", "Item", "Then", "Now", "Change", "Relative change", "Findings", "Value", "Notes"]);

    const previous = row("Since the previous report", "Previous report");
    expect(previous.value["Then"]).toEqual(utcDay("2025-03-10"));
    expect(previous.cell["Then"]?.numFmt).toBe(DATE_FORMAT);
    expect(previous.value["Notes"]).toBe("The whole practice, whatever this report's period and filters.");

    const newFindings = row("Since the previous report", "New findings");
    expect([newFindings.value["Findings"], newFindings.value["Value"], newFindings.value["Notes"]]).toEqual([2, 120, "2 new findings ($120.00): 2 payer."]);
    expect(newFindings.cell["Value"]?.numFmt).toBe(MONEY_FORMAT);
    const resolved = row("Since the previous report", "Findings resolved");
    expect([resolved.value["Findings"], resolved.value["Value"], resolved.value["Notes"]]).toEqual([5, 300, "5 findings resolved ($300.00)."]);
    const recovered = row("Since the previous report", "Recovered");
    expect([recovered.value["Findings"], recovered.value["Value"], recovered.value["Notes"]]).toEqual([2, 120, "$120.00 recovered on 2 findings paid since Mar 10, 2025."]);

    // Every KPI of the HTML table, in its order and words; money in dollars with the currency format.
    const figures = rows.filter((entry) => entry.value["Section"] === "Figures then and now");
    expect(figures.map((entry) => entry.value["Item"])).toEqual([
      "Annualized leakage",
      "Average weekly leakage",
      "Total leakage",
      "Lost add-on hours / week",
      "Leakage findings",
      "Denial rate (lines)",
      "Compliance exposure",
    ]);
    const annualized = row("Figures then and now", "Annualized leakage");
    expect([annualized.value["Then"], annualized.value["Now"], annualized.value["Change"], annualized.value["Relative change"]]).toEqual([52_000, 39_000, -13_000, -0.25]);
    for (const column of ["Then", "Now", "Change"]) expect(annualized.cell[column]?.numFmt).toBe(MONEY_FORMAT);
    expect(annualized.cell["Relative change"]?.numFmt).toBe(PERCENT_CHANGE_FORMAT);
    const findings = row("Figures then and now", "Leakage findings");
    expect([findings.value["Then"], findings.value["Now"], findings.value["Change"], findings.value["Relative change"]]).toEqual([40, 37, -3, -0.075]);
    expect(findings.cell["Then"]?.numFmt).toBe(COUNT_FORMAT);
    expect(findings.cell["Change"]?.numFmt).toBe(COUNT_CHANGE_FORMAT);
    const denialRate = row("Figures then and now", "Denial rate (lines)");
    expect([denialRate.value["Then"], denialRate.value["Now"], denialRate.value["Change"], denialRate.value["Relative change"]]).toEqual([0.1, 0.1, 0, null]);
    expect(denialRate.cell["Then"]?.numFmt).toBe(PERCENT_FORMAT);
    expect(denialRate.cell["Change"]?.numFmt).toBe(POINTS_CHANGE_FORMAT);
    // A figure that was zero has no relative change: blank, as the HTML prints none.
    expect(row("Figures then and now", "Compliance exposure").value["Relative change"]).toBeNull();

    const byCause = rows.filter((entry) => entry.value["Section"] === "New findings by cause");
    expect(byCause.map((entry) => [entry.value["Item"], entry.value["Findings"], entry.value["Value"]])).toEqual([
      ["Coding", 0, 0],
      ["Documentation", 0, 0],
      ["Payer", 2, 120],
      ["Compliance exposure", 0, 0],
      ["Total new", 2, 120],
    ]);

    // Before and after rates as percentages, the move in percentage points, largest first.
    const moves = rows.filter((entry) => entry.value["Section"] === "Denial rates that moved most");
    expect(moves.map((entry) => [entry.value["Item"], entry.value["Then"], entry.value["Now"], entry.value["Change"]])).toEqual([
      ["Aetna", 0.1, 0.25, 15],
      ["Medicare", 0.2, 0.15, -5],
    ]);
    expect(moves[0]?.cell["Then"]?.numFmt).toBe(PERCENT_FORMAT);
    expect(moves[0]?.cell["Now"]?.numFmt).toBe(PERCENT_FORMAT);
    expect(moves[0]?.cell["Change"]?.numFmt).toBe(POINTS_CHANGE_FORMAT);
    expect(worksheet.autoFilter).toBeTruthy();
  });

  it("Since last report says when the comparison starts at the first analysis and when no payer's rate moved", async () => {
    const previous = sampleChangesSincePreviousReport();
    const data = sampleReportData({ changesSincePreviousReport: { ...previous, changes: { ...previous.changes, startsAtFirstAnalysis: true, payerDenialMoves: [] } } });
    const rows = records(sheet(await openWorkbook(data), WORKBOOK_SHEETS.changes));

    expect(changesRow(rows, "Since the previous report", "Previous report").value["Notes"]).toBe(
      "The whole practice, whatever this report's period and filters: no analysis was kept from before that report, so the comparison starts at the first one recorded after it.",
    );
    expect(changesRow(rows, "Denial rates that moved most", null).value["Notes"]).toBe("no payer with at least 10 claim lines at both dates changed its denial rate.");
  });

  it("has no Since last report sheet without a previous report", async () => {
    const workbook = await openWorkbook(sampleReportData({ changesSincePreviousReport: null }));

    expect(workbook.getWorksheet(WORKBOOK_SHEETS.changes)).toBeUndefined();
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).not.toContain("Since last report");
  });
});
