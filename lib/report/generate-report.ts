/**
 * One client report, end to end: its data (load-report-data.ts), then the chosen format — the HTML
 * document, that document printed to PDF by Chromium, or the Excel workbook. Shared by the `report`
 * command and the Reports screen's background job (report-child-main.ts); both refuse a
 * ReportError's plain message to the user. Imports react-dom/server (through the HTML renderer):
 * never import this from app/.
 */
import { toOrganizationSlug, type Db } from "@/lib/db";
import { CHROMIUM_INSTALL_HINT, resolveChromiumPath } from "./chromium";
import { loadReportData } from "./load-report-data";
import type { TReportData, TReportFormat, TReportRequest } from "./report-data";
import { ReportError } from "./report-error";
import { renderReportHtml } from "./render-report-html";
import { renderReportPdf } from "./render-report-pdf";

export type TReportProgress = { fraction: number; label: string };

export type TGenerateReportOptions = {
  mayIdentifyPatients: boolean;
  /** Chromium for PDF (default: resolveChromiumPath()). */
  chromiumPath?: string;
  onProgress?: (step: TReportProgress) => void;
  /** The key that opens sealed patient ids (default: the app's, from its environment). */
  loadPatientIdKey?: () => Buffer;
};

export type TGeneratedReport = { bytes: Buffer; data: TReportData; fileName: string };

const EXTENSIONS: Record<TReportFormat, string> = { pdf: "pdf", html: "html", xlsx: "xlsx" };

/** `dripaudit-report-<practice-slug>-<from>-<to>.<ext>`: the practice and period only, never a patient. */
export function reportFileName(practiceName: string, period: { from: string; to: string } | null, format: TReportFormat): string {
  const slug = toOrganizationSlug(practiceName) || "practice";

  return `dripaudit-report-${slug}${period ? `-${period.from}-${period.to}` : ""}.${EXTENSIONS[format]}`;
}

function emptyPeriodMessage(data: TReportData): string {
  const { from, to } = data.request.filters;
  if (from && to) return `No encounters between ${from} and ${to} in ${data.practice.name} — pick another period or import sessions.`;
  if (data.period) return `No encounters between ${data.period.from} and ${data.period.to} in ${data.practice.name} — pick another period or import sessions.`;

  return `No encounters in ${data.practice.name} yet — import sessions first.`;
}

export async function generateReport(db: Db, request: TReportRequest, format: TReportFormat, options: TGenerateReportOptions): Promise<TGeneratedReport> {
  const progress = options.onProgress ?? (() => {});
  // No Chromium: refuse before reading anything (the user learns it at once, not after the queries).
  const chromiumPath = format === "pdf" ? (options.chromiumPath ?? resolveChromiumPath()) : null;
  if (format === "pdf" && !chromiumPath) throw new ReportError("missing_chromium", CHROMIUM_INSTALL_HINT);

  const data = await loadReportData(db, request, {
    mayIdentifyPatients: options.mayIdentifyPatients,
    withAllFindings: format === "xlsx",
    onProgress: progress,
    ...(options.loadPatientIdKey ? { loadPatientIdKey: options.loadPatientIdKey } : {}),
  });
  if (data.overview.encounters === 0) throw new ReportError("empty_period", emptyPeriodMessage(data));
  const fileName = reportFileName(data.practice.name, data.period, format);

  let bytes: Buffer;
  if (format === "xlsx") {
    progress({ fraction: 0.6, label: "Building the workbook" });
    // Loaded only for a workbook: exceljs is large and the PDF path never needs it.
    const { buildReportWorkbook } = await import("./report-workbook");
    bytes = await buildReportWorkbook(data);
  } else {
    progress({ fraction: 0.6, label: "Rendering the report" });
    const html = renderReportHtml(data);
    if (format === "html") bytes = Buffer.from(html, "utf8");
    else {
      progress({ fraction: 0.9, label: "Printing the PDF" });
      bytes = await renderReportPdf(html, { chromiumPath: chromiumPath! });
    }
  }
  progress({ fraction: 1, label: "Done" });

  return { bytes, data, fileName };
}
