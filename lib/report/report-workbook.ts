/**
 * The client report as an Excel workbook (exceljs): the same TReportData as the PDF, as tables a
 * practice can sort, filter and check. Amounts are numbers in dollars with a currency format, rates
 * are ratios with a percent format, dates are real dates; every text cell goes through the CSV
 * export's formula neutralization. Summary figures are the overview's own fields, so the workbook
 * agrees with the overview page for the same practice, period and filters. Changes are signed
 * ("+3", "+15.0 pts"); a rate's change is a number of percentage points.
 */
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { toDayNumber } from "@/lib/analysis/week-bucket";
import { findingKindLabel, valueSourceInfo } from "@/components/findings/finding-labels";
import { neutralizeFormula } from "@/lib/cli/neutralize-csv-cell";
import { CAUSE_LABELS, CAUSES, isCause } from "@/lib/dashboard/causes";
import { carcCode, carcMeaning, codeLabel } from "@/lib/dashboard/code-label";
import { KPI_CHANGE_KEYS, KPI_CHANGE_LABELS, KPI_CHANGE_UNITS } from "@/lib/dashboard/compare-snapshots";
import type { TDimensionLeakage } from "@/lib/dashboard/summarize-rollups";
import type { TFigureUnit } from "@/lib/format/format-change";
import {
  CHANGES_CAPTIONS,
  CHANGES_ITEMS,
  CHANGES_NO_PAYER_MOVES,
  CHANGES_TITLE,
  CHANGES_TOTAL_NEW,
  changesScopeNote,
  newFindingsPoint,
  pointText,
  recoveredPoint,
  resolvedPoint,
} from "./report-changes-words";
import type { TReportData, TReportFindingRow, TReportRebillRow } from "./report-data";
import { causeTagLabel } from "./report-words";

export const MONEY_FORMAT = '"$"#,##0.00;[Red]("$"#,##0.00)';
export const PERCENT_FORMAT = "0.0%";
export const HOURS_FORMAT = "#,##0.00";
export const COUNT_FORMAT = "#,##0";
export const DATE_FORMAT = "yyyy-mm-dd";
export const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";
/** Changes, always signed like the report's: counts, hours, percentage points, relative changes. */
export const COUNT_CHANGE_FORMAT = "+#,##0;-#,##0;0";
export const HOURS_CHANGE_FORMAT = "+#,##0.00;-#,##0.00;0.00";
export const POINTS_CHANGE_FORMAT = '+0.0" pts";-0.0" pts";0.0" pts"';
export const PERCENT_CHANGE_FORMAT = "+0.0%;-0.0%;0.0%";

/** Sheet names in workbook order; the first five are the ones the report promises (always there). */
export const WORKBOOK_SHEETS = {
  summary: "Summary",
  weekly: "Weekly",
  findings: "Findings",
  rebill: "Rebill",
  denials: "Denials",
  /** Only when the practice had an earlier client report (`changesSincePreviousReport`). */
  changes: "Since last report",
  denialsByPayer: "Denials by payer",
  denialsByReason: "Denials by reason",
  denialsByCode: "Denials by code",
  breakdowns: "Leakage by code payer site",
  documentation: "Documentation",
  methodology: "Methodology",
  valuation: "Valuation sources",
  data: "Data",
} as const;

/** Labels of the Summary's figure rows (column A), for readers that look figures up by label. */
export const SUMMARY_LABELS = {
  practice: "Practice",
  periodFrom: "Period from",
  periodTo: "Period to",
  generated: "Generated",
  patientData: "Patient data",
  preparedBy: "Prepared by",
  annualized: "Annualized leakage",
  weekly: "Average weekly leakage",
  lostHoursPerWeek: "Lost add-on hours per week",
  lostHours: "Lost add-on hours in period",
  total: "Total leakage in period",
  weeks: "Weeks",
  coding: "Coding",
  documentation: "Documentation (est.)",
  payer: "Payer",
  compliance: "Compliance exposure (apart)",
  denialLineRate: "Denial rate (lines)",
  denialDollarRate: "Denial rate (dollars)",
  addOnDenialRate: "Add-on denial rate (lines)",
  encounters: "Encounters",
  findings: "Leakage findings",
} as const;

type TCellValue = string | number | Date | null;
type TCellKind =
  | "text"
  | "number"
  | "money"
  | "percent"
  | "hours"
  | "count"
  | "date"
  | "dateTime"
  | "countChange"
  | "hoursChange"
  | "pointsChange"
  | "percentChange";

const NUMBER_FORMATS: Readonly<Record<TCellKind, string | undefined>> = {
  text: undefined,
  number: undefined,
  money: MONEY_FORMAT,
  percent: PERCENT_FORMAT,
  hours: HOURS_FORMAT,
  count: COUNT_FORMAT,
  date: DATE_FORMAT,
  dateTime: DATE_TIME_FORMAT,
  countChange: COUNT_CHANGE_FORMAT,
  hoursChange: HOURS_CHANGE_FORMAT,
  pointsChange: POINTS_CHANGE_FORMAT,
  percentChange: PERCENT_CHANGE_FORMAT,
};

/** `kind` per row when a column mixes units (a KPI's then and now). */
type TColumn<Row> = { header: string; width: number; kind: TCellKind | ((row: Row) => TCellKind); value: (row: Row) => TCellValue };

function dollars(cents: number): number {
  return cents / 100;
}

/** A `YYYY-MM-DD` day as midnight UTC, which Excel shows as that same calendar day. */
function excelDate(date: string | null): Date | null {
  return date ? new Date(toDayNumber(date) * 86_400_000) : null;
}

function excelTimestamp(iso: string): Date | null {
  const time = Date.parse(iso);

  return Number.isNaN(time) ? null : new Date(time);
}

function yesNo(flag: boolean): string {
  return flag ? "Yes" : "No";
}

function causeLabel(cause: string): string {
  return isCause(cause) ? CAUSE_LABELS[cause] : cause;
}

function orNone(text: string | null): string {
  return text ? text : "(none)";
}

/** Text is neutralized exactly like a CSV cell; numbers, dates and blanks are written as they are. */
function writeCell(cell: ExcelJS.Cell, value: TCellValue, kind: TCellKind): void {
  cell.value = typeof value === "string" ? neutralizeFormula(value) : value;
  const numFmt = NUMBER_FORMATS[kind];
  if (numFmt && value !== null && typeof value !== "string") cell.numFmt = numFmt;
}

type TWorkbookWriter = ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A sheet with bold, shaded header cells frozen while scrolling. Rows are streamed: each is
 * committed as soon as it is written, so a practice's tens of thousands of findings never sit in
 * memory as cell objects.
 */
function addSheet(workbook: TWorkbookWriter, name: string, columns: readonly { header: string; width: number }[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((column) => ({ header: neutralizeFormula(column.header), width: column.width }));
  const header = sheet.getRow(1);
  for (let column = 1; column <= columns.length; column += 1) {
    const cell = header.getCell(column);
    cell.font = { bold: true };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  }
  header.commit();

  return sheet;
}

/** One table per sheet: frozen header with an autofilter, widths per column, one row per item. */
function addTableSheet<Row>(workbook: TWorkbookWriter, name: string, columns: readonly TColumn<Row>[], rows: readonly Row[]): void {
  const sheet = addSheet(workbook, name, columns);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  rows.forEach((row, index) => {
    const sheetRow = sheet.getRow(index + 2);
    columns.forEach((column, columnIndex) =>
      writeCell(sheetRow.getCell(columnIndex + 1), column.value(row), typeof column.kind === "function" ? column.kind(row) : column.kind),
    );
    sheetRow.commit();
  });
  sheet.commit();
}

type TSummaryRow = { label: string; value: TCellValue; kind: TCellKind; note?: string };

function summaryRows(data: TReportData): TSummaryRow[] {
  const { overview, request, practice, period } = data;
  const { totals, denials } = overview;
  const weeks = overview.window?.weeks ?? period?.weeks ?? 0;
  const preparedBy = [request.preparedBy.firmName, request.preparedBy.userName].filter(Boolean).join(" · ");
  const noLines = "No claim lines in scope";

  return [
    { label: SUMMARY_LABELS.practice, value: practice.name, kind: "text" },
    { label: SUMMARY_LABELS.periodFrom, value: excelDate(period?.from ?? overview.window?.from ?? null), kind: "date" },
    { label: SUMMARY_LABELS.periodTo, value: excelDate(period?.to ?? overview.window?.to ?? null), kind: "date" },
    { label: SUMMARY_LABELS.generated, value: excelDate(request.asOf), kind: "date", note: `In the practice's time zone (${practice.timeZone})` },
    { label: SUMMARY_LABELS.patientData, value: request.deidentify ? "De-identified" : "Contains PHI", kind: "text" },
    { label: SUMMARY_LABELS.preparedBy, value: preparedBy || null, kind: "text" },
    { label: SUMMARY_LABELS.annualized, value: dollars(totals.annualizedLeakageCents), kind: "money", note: "Average weekly leakage × 52" },
    { label: SUMMARY_LABELS.weekly, value: dollars(totals.weeklyLeakageCents), kind: "money", note: "Total leakage in period ÷ weeks" },
    { label: SUMMARY_LABELS.lostHoursPerWeek, value: totals.lostAddOnHoursPerWeek, kind: "hours", note: "Add-on hours supported by the record but not billed, per week" },
    { label: SUMMARY_LABELS.lostHours, value: totals.lostAddOnHours, kind: "hours" },
    { label: SUMMARY_LABELS.total, value: dollars(totals.leakageCents), kind: "money", note: "Coding + documentation (est.) + payer" },
    { label: SUMMARY_LABELS.weeks, value: weeks, kind: "number" },
    { label: SUMMARY_LABELS.coding, value: dollars(totals.byCause.coding), kind: "money" },
    { label: SUMMARY_LABELS.documentation, value: dollars(totals.byCause.documentation), kind: "money", note: "An estimate: missing stop times valued at typical durations" },
    { label: SUMMARY_LABELS.payer, value: dollars(totals.byCause.payer), kind: "money" },
    {
      label: SUMMARY_LABELS.compliance,
      value: dollars(totals.complianceExposureCents),
      kind: "money",
      note: "Billed beyond what the record supports; not added to leakage",
    },
    {
      label: SUMMARY_LABELS.denialLineRate,
      value: denials.lineRate,
      kind: "percent",
      note: denials.lines > 0 ? `${denials.deniedLines} of ${denials.lines} claim lines denied` : noLines,
    },
    { label: SUMMARY_LABELS.denialDollarRate, value: denials.dollarRate, kind: "percent", note: denials.lines > 0 ? undefined : noLines },
    { label: SUMMARY_LABELS.addOnDenialRate, value: data.denials.addOns.lineRate, kind: "percent", note: data.denials.addOns.lines > 0 ? undefined : "No add-on lines in scope" },
    { label: SUMMARY_LABELS.encounters, value: overview.encounters, kind: "count" },
    { label: SUMMARY_LABELS.findings, value: totals.findings, kind: "count" },
  ];
}

function addSummarySheet(workbook: TWorkbookWriter, data: TReportData): void {
  const sheet = addSheet(workbook, WORKBOOK_SHEETS.summary, [
    { header: "Figure", width: 32 },
    { header: "Value", width: 20 },
    { header: "Notes", width: 64 },
  ]);
  summaryRows(data).forEach((row, index) => {
    const sheetRow = sheet.getRow(index + 2);
    writeCell(sheetRow.getCell(1), row.label, "text");
    writeCell(sheetRow.getCell(2), row.value, row.kind);
    writeCell(sheetRow.getCell(3), row.note ?? null, "text");
    sheetRow.commit();
  });
  sheet.commit();
}

const weeklyColumns: TColumn<TReportData["overview"]["weekly"][number]>[] = [
  { header: "Week start", width: 12, kind: "date", value: (week) => excelDate(week.weekStart) },
  { header: "Coding", width: 14, kind: "money", value: (week) => dollars(week.coding) },
  { header: "Documentation (est.)", width: 20, kind: "money", value: (week) => dollars(week.documentation) },
  { header: "Payer", width: 14, kind: "money", value: (week) => dollars(week.payer) },
  { header: "Total leakage", width: 15, kind: "money", value: (week) => dollars(week.leakageCents) },
  { header: "Lost add-on hours", width: 17, kind: "hours", value: (week) => week.lostAddOnHours },
];

function findingColumns(deidentify: boolean): TColumn<TReportFindingRow>[] {
  return [
    { header: "Date of service", width: 14, kind: "date", value: (row) => excelDate(row.dateOfService) },
    { header: "Encounter", width: 14, kind: "text", value: (row) => row.encounterLabel },
    { header: "Patient key", width: 18, kind: "text", value: (row) => row.patientKey },
    ...(deidentify ? [] : [{ header: "Patient ID", width: 14, kind: "text" as const, value: (row: TReportFindingRow) => row.patientId }]),
    { header: "Cause", width: 20, kind: "text", value: (row) => causeLabel(row.cause) },
    { header: "Finding", width: 26, kind: "text", value: (row) => findingKindLabel(row.kind) },
    { header: "Code", width: 8, kind: "text", value: (row) => row.code },
    { header: "Code label", width: 34, kind: "text", value: (row) => codeLabel(row.code) },
    { header: "Units", width: 7, kind: "count", value: (row) => row.units },
    { header: "Value", width: 13, kind: "money", value: (row) => dollars(row.valueCents) },
    { header: "Estimate", width: 10, kind: "text", value: (row) => yesNo(row.isEstimate) },
    { header: "Value source", width: 14, kind: "text", value: (row) => valueSourceInfo(row.valueSource).label },
    { header: "Payer", width: 18, kind: "text", value: (row) => row.payer },
    { header: "Site", width: 16, kind: "text", value: (row) => row.site },
    { header: "Nurse", width: 18, kind: "text", value: (row) => row.nurse },
    { header: "Claim", width: 18, kind: "text", value: (row) => row.claimId },
    { header: "Filing deadline", width: 14, kind: "date", value: (row) => excelDate(row.filingDeadline) },
    { header: "Explanation", width: 90, kind: "text", value: (row) => row.explanation },
  ];
}

function correctedLinesText(row: TReportRebillRow): string {
  return row.correctedLines.map((line) => `${line.code}${line.modifiers.length ? `-${line.modifiers.join("-")}` : ""} x${line.units}`).join("; ");
}

function rebillColumns(deidentify: boolean): TColumn<TReportRebillRow>[] {
  return [
    { header: "Days left", width: 10, kind: "count", value: (row) => row.daysLeft },
    { header: "Filing deadline", width: 14, kind: "date", value: (row) => excelDate(row.filingDeadline) },
    { header: "Date of service", width: 14, kind: "date", value: (row) => excelDate(row.dateOfService) },
    { header: "Encounter", width: 14, kind: "text", value: (row) => row.encounterLabel },
    { header: "Patient key", width: 18, kind: "text", value: (row) => row.patientKey },
    ...(deidentify ? [] : [{ header: "Patient ID", width: 14, kind: "text" as const, value: (row: TReportRebillRow) => row.patientId }]),
    { header: "Claim", width: 18, kind: "text", value: (row) => row.claimId },
    { header: "Payer", width: 18, kind: "text", value: (row) => row.payer },
    { header: "Site", width: 16, kind: "text", value: (row) => row.site },
    { header: "Value", width: 13, kind: "money", value: (row) => dollars(row.valueCents) },
    { header: "Findings", width: 34, kind: "text", value: (row) => row.kinds.map(findingKindLabel).join("; ") },
    { header: "Corrected lines", width: 40, kind: "text", value: correctedLinesText },
  ];
}

type TRates = { lines: number; deniedLines: number; lineRate: number | null; billedCents: number; deniedCents: number; dollarRate: number | null };

function rateColumns<Row extends TRates>(): TColumn<Row>[] {
  return [
    { header: "Lines", width: 10, kind: "count", value: (row) => row.lines },
    { header: "Denied lines", width: 13, kind: "count", value: (row) => row.deniedLines },
    { header: "Line denial rate", width: 16, kind: "percent", value: (row) => row.lineRate },
    { header: "Billed", width: 15, kind: "money", value: (row) => dollars(row.billedCents) },
    { header: "Denied", width: 15, kind: "money", value: (row) => dollars(row.deniedCents) },
    { header: "Dollar denial rate", width: 18, kind: "percent", value: (row) => row.dollarRate },
  ];
}

type TPayerDenialRow = TRates & { payer: string; paidCents: number; unitCutLines: number; unitCutUnits: number; unitCutCents: number; recoupedCents: number };

/** Claim-line rates per payer joined with that payer's unit-cut and recoupment findings. */
function payerDenialRows(denials: TReportData["denials"]): TPayerDenialRow[] {
  const unitCuts = new Map(denials.unitCutFindings.map((row) => [row.payer, row.valueCents]));
  const recoupments = new Map(denials.recoupments.map((row) => [row.payer, row.valueCents]));
  const rows: TPayerDenialRow[] = denials.byPayer.map((row) => ({ ...row, unitCutCents: unitCuts.get(row.payer) ?? 0, recoupedCents: recoupments.get(row.payer) ?? 0 }));
  const listed = new Set(rows.map((row) => row.payer));
  for (const payer of [...unitCuts.keys(), ...recoupments.keys()]) {
    if (listed.has(payer)) continue;
    listed.add(payer);
    rows.push({
      payer,
      lines: 0,
      deniedLines: 0,
      lineRate: null,
      billedCents: 0,
      deniedCents: 0,
      dollarRate: null,
      paidCents: 0,
      unitCutLines: 0,
      unitCutUnits: 0,
      unitCutCents: unitCuts.get(payer) ?? 0,
      recoupedCents: recoupments.get(payer) ?? 0,
    });
  }

  return rows;
}

type TBreakdownRow = { dimension: string; key: string; label: string; entry: TDimensionLeakage & { units?: number } };

function breakdownRows(overview: TReportData["overview"]): TBreakdownRow[] {
  return [
    ...overview.byCode.map((entry) => ({ dimension: "Code", key: entry.key, label: codeLabel(entry.key), entry })),
    ...overview.byPayer.map((entry) => ({ dimension: "Payer", key: entry.key, label: orNone(entry.key), entry })),
    ...overview.bySite.map((entry) => ({ dimension: "Site", key: entry.key, label: orNone(entry.key), entry })),
  ];
}

/** A KPI's figures by unit: money in dollars, rates as ratios (percent format), hours and counts as they are. */
const FIGURE_KINDS: Readonly<Record<TFigureUnit, TCellKind>> = { cents: "money", hours: "hours", count: "count", rate: "percent" };
const FIGURE_CHANGE_KINDS: Readonly<Record<TFigureUnit, TCellKind>> = { cents: "money", hours: "hoursChange", count: "countChange", rate: "pointsChange" };

function figureValue(unit: TFigureUnit, value: number | null): number | null {
  if (value === null) return null;

  return unit === "cents" ? dollars(value) : value;
}

/** A change of rates (a difference of ratios) in percentage points, without float noise. */
function points(change: number): number {
  return Math.round(change * 100 * 1e6) / 1e6;
}

function figureChangeValue(unit: TFigureUnit, change: number | null): number | null {
  if (change === null) return null;

  return unit === "rate" ? points(change) : figureValue(unit, change);
}

/**
 * One row of "Since last report": `then`/`now` in `kind`, `change` in `changeKind`, `relativeChange`
 * a ratio; `findings` and `valueCents` for tallies of findings.
 */
type TChangesRow = {
  section: string;
  item: string | null;
  kind: TCellKind;
  then: TCellValue;
  now: TCellValue;
  changeKind: TCellKind;
  change: number | null;
  relativeChange: number | null;
  findings: number | null;
  valueCents: number | null;
  note: string | null;
};

function changesRow(row: Pick<TChangesRow, "section" | "item"> & Partial<TChangesRow>): TChangesRow {
  return { kind: "number", then: null, now: null, changeKind: "number", change: null, relativeChange: null, findings: null, valueCents: null, note: null, ...row };
}

/**
 * The HTML report's "Since the previous report" as one filterable table, in its order and words:
 * the comparison date and the summary points, the figures then and now, new findings by cause with
 * their total, and the payers whose denial rate moved most.
 */
function changesRows(previous: NonNullable<TReportData["changesSincePreviousReport"]>): TChangesRow[] {
  const { changes, since } = previous;
  const newFindings = newFindingsPoint(changes);
  const resolved = resolvedPoint(changes);
  const recovered = recoveredPoint(changes, since);
  const kpis = KPI_CHANGE_KEYS.flatMap((key) => changes.kpis.filter((kpi) => kpi.key === key));

  return [
    changesRow({ section: CHANGES_TITLE, item: CHANGES_ITEMS.previousReport, kind: "date", then: excelDate(since), note: changesScopeNote(changes.startsAtFirstAnalysis) }),
    changesRow({ section: CHANGES_TITLE, item: CHANGES_ITEMS.newFindings, findings: changes.newFindings.count, valueCents: changes.newFindings.valueCents, note: pointText(newFindings) }),
    changesRow({ section: CHANGES_TITLE, item: CHANGES_ITEMS.resolved, findings: changes.resolvedFindings.count, valueCents: changes.resolvedFindings.valueCents, note: pointText(resolved) }),
    changesRow({ section: CHANGES_TITLE, item: CHANGES_ITEMS.recovered, findings: changes.recovered.count, valueCents: changes.recovered.valueCents, note: pointText(recovered) }),
    ...kpis.map((kpi) => {
      const unit = KPI_CHANGE_UNITS[kpi.key];

      return changesRow({
        section: CHANGES_CAPTIONS.figures,
        item: KPI_CHANGE_LABELS[kpi.key],
        kind: FIGURE_KINDS[unit],
        then: figureValue(unit, kpi.before),
        now: figureValue(unit, kpi.after),
        changeKind: FIGURE_CHANGE_KINDS[unit],
        change: figureChangeValue(unit, kpi.change),
        relativeChange: kpi.percentChange,
      });
    }),
    ...CAUSES.map((cause) =>
      changesRow({ section: CHANGES_CAPTIONS.newByCause, item: causeTagLabel(cause, true), findings: changes.newFindingsByCause[cause].count, valueCents: changes.newFindingsByCause[cause].valueCents }),
    ),
    changesRow({ section: CHANGES_CAPTIONS.newByCause, item: CHANGES_TOTAL_NEW, findings: changes.newFindings.count, valueCents: changes.newFindings.valueCents }),
    ...(changes.payerDenialMoves.length > 0
      ? changes.payerDenialMoves.map((move) =>
          changesRow({
            section: CHANGES_CAPTIONS.payerMoves,
            item: move.payer,
            kind: "percent",
            then: move.beforeRate,
            now: move.afterRate,
            changeKind: "pointsChange",
            change: points(move.change),
          }),
        )
      : [changesRow({ section: CHANGES_CAPTIONS.payerMoves, item: null, note: CHANGES_NO_PAYER_MOVES })]),
  ];
}

const changesColumns: TColumn<TChangesRow>[] = [
  { header: "Section", width: 28, kind: "text", value: (row) => row.section },
  { header: "Item", width: 28, kind: "text", value: (row) => row.item },
  { header: "Then", width: 14, kind: (row) => row.kind, value: (row) => row.then },
  { header: "Now", width: 14, kind: (row) => row.kind, value: (row) => row.now },
  { header: "Change", width: 14, kind: (row) => row.changeKind, value: (row) => row.change },
  { header: "Relative change", width: 15, kind: "percentChange", value: (row) => row.relativeChange },
  { header: "Findings", width: 10, kind: "count", value: (row) => row.findings },
  { header: "Value", width: 14, kind: "money", value: (row) => (row.valueCents === null ? null : dollars(row.valueCents)) },
  { header: "Notes", width: 90, kind: "text", value: (row) => row.note },
];

function addSheets(workbook: TWorkbookWriter, data: TReportData): void {
  const { deidentify } = data.request;
  addSummarySheet(workbook, data);
  addTableSheet(workbook, WORKBOOK_SHEETS.weekly, weeklyColumns, data.overview.weekly);
  addTableSheet(workbook, WORKBOOK_SHEETS.findings, findingColumns(deidentify), data.findings);
  addTableSheet(workbook, WORKBOOK_SHEETS.rebill, rebillColumns(deidentify), data.rebill.rows);
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.denials,
    [{ header: "Week start", width: 12, kind: "date", value: (week) => excelDate(week.weekStart) }, ...rateColumns<TReportData["denials"]["weekly"][number]>()],
    data.denials.weekly,
  );
  if (data.changesSincePreviousReport) addTableSheet(workbook, WORKBOOK_SHEETS.changes, changesColumns, changesRows(data.changesSincePreviousReport));
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.denialsByPayer,
    [
      { header: "Payer", width: 20, kind: "text", value: (row) => orNone(row.payer) },
      ...rateColumns<TPayerDenialRow>(),
      { header: "Paid", width: 15, kind: "money", value: (row) => dollars(row.paidCents) },
      { header: "Unit-cut lines", width: 14, kind: "count", value: (row) => row.unitCutLines },
      { header: "Units cut", width: 10, kind: "count", value: (row) => row.unitCutUnits },
      { header: "Units cut value", width: 15, kind: "money", value: (row) => dollars(row.unitCutCents) },
      { header: "Recoupments", width: 14, kind: "money", value: (row) => dollars(row.recoupedCents) },
    ],
    payerDenialRows(data.denials),
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.denialsByReason,
    [
      { header: "Reason", width: 10, kind: "text", value: (row) => carcCode(row.group, row.reason) },
      { header: "Meaning (DripAudit's words)", width: 45, kind: "text", value: (row) => carcMeaning(row.reason) ?? "" },
      { header: "Lines", width: 10, kind: "count", value: (row) => row.lines },
      { header: "Amount", width: 15, kind: "money", value: (row) => dollars(row.amountCents) },
      { header: "Payers", width: 10, kind: "count", value: (row) => row.payers },
    ],
    data.denials.byReason,
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.denialsByCode,
    [
      { header: "Code", width: 8, kind: "text", value: (row) => row.code || null },
      { header: "Code label", width: 34, kind: "text", value: (row) => codeLabel(row.code) },
      { header: "Add-on", width: 8, kind: "text", value: (row) => yesNo(row.isAddOn) },
      ...rateColumns<TReportData["denials"]["byCode"][number]>(),
      { header: "Unit-cut lines", width: 14, kind: "count", value: (row) => row.unitCutLines },
      { header: "Units cut", width: 10, kind: "count", value: (row) => row.unitCutUnits },
    ],
    data.denials.byCode,
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.breakdowns,
    [
      { header: "By", width: 8, kind: "text", value: (row) => row.dimension },
      { header: "Key", width: 18, kind: "text", value: (row) => row.key || null },
      { header: "Label", width: 34, kind: "text", value: (row) => row.label },
      { header: "Coding", width: 14, kind: "money", value: (row) => dollars(row.entry.byCause.coding) },
      { header: "Documentation (est.)", width: 20, kind: "money", value: (row) => dollars(row.entry.byCause.documentation) },
      { header: "Payer", width: 14, kind: "money", value: (row) => dollars(row.entry.byCause.payer) },
      { header: "Total leakage", width: 15, kind: "money", value: (row) => dollars(row.entry.leakageCents) },
      { header: "Findings", width: 10, kind: "count", value: (row) => row.entry.findings },
      { header: "Units", width: 8, kind: "count", value: (row) => row.entry.units ?? null },
    ],
    breakdownRows(data.overview),
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.documentation,
    [
      { header: "Nurse", width: 22, kind: "text", value: (row) => row.nurse },
      { header: "Missing stop times", width: 18, kind: "count", value: (row) => row.missingStops },
      { header: "Administrations", width: 16, kind: "count", value: (row) => row.administrations },
      { header: "Encounters", width: 11, kind: "count", value: (row) => row.encounters },
      { header: "Documentation (est.)", width: 20, kind: "money", value: (row) => dollars(row.documentationCents) },
    ],
    data.overview.byNurse,
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.methodology,
    [
      { header: "Setting", width: 34, kind: "text", value: (row) => row.label },
      { header: "Value", width: 60, kind: "text", value: (row) => row.value },
    ],
    [{ label: "Engine version", value: data.methodology.engineVersion }, ...data.methodology.ruleSettings],
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.valuation,
    [
      { header: "Value source", width: 16, kind: "text", value: (row) => valueSourceInfo(row.source).label },
      { header: "Description", width: 70, kind: "text", value: (row) => valueSourceInfo(row.source).tooltip },
      { header: "Findings", width: 10, kind: "count", value: (row) => row.findings },
      { header: "Value", width: 15, kind: "money", value: (row) => dollars(row.valueCents) },
      { header: "Share of leakage", width: 16, kind: "percent", value: (row) => row.share },
    ],
    data.methodology.valuationSources,
  );
  addTableSheet(
    workbook,
    WORKBOOK_SHEETS.data,
    [
      { header: "File", width: 36, kind: "text", value: (row) => row.fileName },
      { header: "Kind", width: 15, kind: "text", value: (row) => row.kind },
      { header: "Rows", width: 10, kind: "count", value: (row) => row.rowsTotal },
      { header: "Imported", width: 10, kind: "count", value: (row) => row.rowsImported },
      { header: "Failed", width: 8, kind: "count", value: (row) => row.rowsFailed },
      { header: "First date", width: 12, kind: "date", value: (row) => excelDate(row.firstDate) },
      { header: "Last date", width: 12, kind: "date", value: (row) => excelDate(row.lastDate) },
      { header: "Imported at (UTC)", width: 17, kind: "dateTime", value: (row) => excelTimestamp(row.importedAt) },
      { header: "Content hash (SHA-256)", width: 68, kind: "text", value: (row) => row.contentHash },
    ],
    data.methodology.imports,
  );
}

/** The workbook as .xlsx bytes. Pure: the same data gives the same figures as the PDF and the overview. */
export async function buildReportWorkbook(data: TReportData): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const generatedAt = excelTimestamp(data.request.generatedAt) ?? new Date(0);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = "DripAudit";
  workbook.lastModifiedBy = "DripAudit";
  workbook.created = generatedAt;
  workbook.modified = generatedAt;
  workbook.title = `${data.practice.name}: infusion leakage report`;
  addSheets(workbook, data);
  await workbook.commit();

  return Buffer.concat(chunks);
}
