/**
 * The client report as one self-contained HTML document: the ReportDocument component rendered to
 * static markup with its styles inline — no scripts, no external resources (a logo is a data: URL),
 * so it opens offline and Chromium prints it with the network blocked. The charts are the report's
 * own SVG (Recharts does not draw server-side), so they stay vector in the PDF.
 *
 * Uses react-dom/server, which Next.js refuses in app code: nothing under app/ imports this file;
 * the app runs it in a child process (the report job), the CLI directly.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { ReportDocument } from "@/components/report/report-document";
import { formatDateRange } from "@/lib/format";
import type { TReportData } from "./report-data";
import { REPORT_CSS } from "./report-styles";

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "Riverside Infusion · Jan 6 – Mar 30, 2025": the document's title and the line on top of every PDF page; never a patient. */
export function reportTitle(data: Pick<TReportData, "practice" | "period">): string {
  return data.period ? `${data.practice.name} · ${formatDateRange(data.period.from, data.period.to)}` : data.practice.name;
}

export function renderReportHtml(data: TReportData): string {
  const body = renderToStaticMarkup(createElement(ReportDocument, { data }));
  // A "</" in the CSS would end the <style> element early; "<\/" reads the same to CSS.
  const css = REPORT_CSS.replace(/<\//g, "<\\/");

  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="referrer" content="no-referrer">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(`DripAudit report — ${reportTitle(data)}`)}</title>`,
    `<style>${css}</style>`,
    "</head>",
    `<body>${body}</body>`,
    "</html>",
  ].join("\n");
}
