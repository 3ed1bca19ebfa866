/**
 * The client report's styles: everything scoped under `.report` (the preview lives inside the app),
 * plus the print rules. Colours are the cause colours of lib/dashboard/causes.ts (one meaning per
 * colour; documentation hatched as an estimate); `print-color-adjust: exact` keeps them in the PDF.
 */
import { CAUSE_COLORS, CAUSE_SOFT_COLORS } from "@/lib/dashboard/causes";
import { formatDate, formatDateRange } from "@/lib/format/format-week";
import type { TReportData } from "./report-data";
import { phiMarker } from "./report-words";

const SANS = `ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif`;
const MONO = `ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace`;
const TEXT = "#0f172a";
const MUTED = "#475569";
const RULE = "#e2e8f0";
const HATCH = `repeating-linear-gradient(45deg, ${CAUSE_COLORS.documentation} 0 2px, ${CAUSE_SOFT_COLORS.documentation} 2px 5px)`;

const causeVariables = (["coding", "documentation", "payer", "compliance"] as const)
  .map((cause) => `.report .report-cause-${cause} { --cause: ${CAUSE_COLORS[cause]}; --cause-soft: ${CAUSE_SOFT_COLORS[cause]}; }`)
  .join("\n");

export const REPORT_CSS = `
@page {
  margin: 18mm 14mm 16mm;
}

.report {
  --cause: ${MUTED};
  --cause-soft: #f1f5f9;
  box-sizing: border-box;
  max-width: 210mm;
  margin: 0 auto;
  padding: 16mm 14mm;
  background: #fff;
  color: ${TEXT};
  font-family: ${SANS};
  font-size: 10pt;
  line-height: 1.45;
  -webkit-print-color-adjust: exact;
  print-color-adjust: exact;
}
.report *, .report *::before, .report *::after { box-sizing: border-box; }
.report h1 { font-size: 26pt; line-height: 1.15; margin: 4pt 0 2pt; }
.report h2 { font-size: 16pt; line-height: 1.2; margin: 0 0 8pt; padding-bottom: 4pt; border-bottom: 2px solid ${TEXT}; break-after: avoid; }
.report h3 { font-size: 11.5pt; margin: 14pt 0 6pt; break-after: avoid; }
.report p { margin: 0 0 8pt; }
.report .mono { font-family: ${MONO}; font-size: 0.9em; }
.report .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report .muted, .report .report-muted { color: ${MUTED}; }
.report-lead { color: ${MUTED}; max-width: 60em; }
.report .report-note { font-size: 8.5pt; color: ${MUTED}; }
.report .report-empty { color: ${MUTED}; font-style: italic; }

/* Causes: a swatch beside the word (colour never alone); documentation hatched. */
${causeVariables}
.report .report-swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px; background: var(--cause); vertical-align: -1px; }
.report .report-cause-documentation .report-swatch, .report .report-cause-documentation.report-share-bar { background: ${HATCH}; outline: 1px solid ${CAUSE_COLORS.documentation}; outline-offset: -1px; }
.report .report-cause { white-space: nowrap; }
.report .report-swatch-line { display: inline-block; width: 18px; margin-right: 5px; border-top: 2.5px solid ${TEXT}; vertical-align: middle; }
.report .report-legend { display: flex; flex-wrap: wrap; gap: 3pt 14pt; margin: 0 0 4pt; padding: 0; list-style: none; font-size: 8.5pt; color: ${MUTED}; }
.report .report-diff { color: var(--cause); font-weight: 700; font-size: 8.5pt; white-space: nowrap; }
.report .report-est, .report .report-estimate { color: ${CAUSE_COLORS.documentation}; }
.report .report-est { font-size: 0.85em; font-weight: 700; }
.report .report-urgent { color: #be123c; font-weight: 700; }
.report .report-reversed { text-decoration: line-through; color: ${MUTED}; }

/* Cover */
.report-cover-top { display: flex; justify-content: space-between; align-items: center; gap: 12pt; margin-bottom: 18mm; }
.report-prepared-by { display: flex; align-items: center; gap: 10pt; font-weight: 600; color: ${MUTED}; }
.report-logo { max-height: 44px; max-width: 180px; object-fit: contain; }
.report-marker { margin: 0; padding: 3pt 9pt; border: 2px solid currentColor; border-radius: 4px; font-size: 9pt; font-weight: 800; letter-spacing: 0.05em; text-transform: uppercase; white-space: nowrap; }
.report-marker-phi { color: #9f1239; }
.report-marker-deidentified { color: #166534; }
.report-kicker { color: ${MUTED}; font-size: 10pt; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; }
.report-period { font-size: 13pt; color: ${MUTED}; }
.report-cover-meta { display: grid; grid-template-columns: max-content 1fr; gap: 3pt 14pt; margin: 12pt 0 0; font-size: 9.5pt; }
.report-cover-meta div { display: contents; }
.report-cover-meta dt { color: ${MUTED}; }
.report-cover-meta dd { margin: 0; }
.report .report-answer { margin: 16pt 0 14pt; padding: 10pt 14pt; border-left: 5px solid ${TEXT}; background: #f8fafc; font-size: 15pt; font-weight: 600; line-height: 1.3; }
.report-contents { margin-top: 12pt; }
.report-contents h2 { font-size: 11pt; border: 0; margin: 0 0 4pt; padding: 0; }
.report-contents ol { margin: 0; padding-left: 16pt; columns: 2; font-size: 9.5pt; color: ${MUTED}; }

/* KPI-style figures: whole dollars, the first one large. */
.report-figures { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 6pt; margin: 10pt 0; }
.report-figure { grid-column: span 1; padding: 7pt 8pt; border: 1px solid #cbd5e1; border-radius: 6px; break-inside: avoid; }
.report-figure-primary { grid-column: span 2; border-color: ${TEXT}; }
.report-figure-muted { background: #f8fafc; color: ${MUTED}; }
.report-figure dt { min-height: 2.6em; font-size: 8pt; font-weight: 600; color: ${MUTED}; }
.report-figure dd { margin: 0; }
.report-figure-value { font-size: 14pt; font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report-figure-primary .report-figure-value { font-size: 21pt; }
.report-figure-detail { font-size: 7.5pt; color: ${MUTED}; line-height: 1.3; }

/* Executive summary */
.report-arithmetic { margin: 6pt 0 10pt; padding-left: 18pt; }
.report-arithmetic li { margin-bottom: 9pt; }
.report-equation { display: block; font-size: 12pt; font-variant-numeric: tabular-nums; }
.report-equation-note { display: block; font-size: 8.5pt; color: ${MUTED}; }
.report-points { padding-left: 16pt; }
.report-points li { margin-bottom: 5pt; }
.report-apart { display: grid; grid-template-columns: max-content max-content 1fr; align-items: baseline; gap: 4pt 12pt; margin: 10pt 0; padding: 7pt 9pt; border: 1px dashed ${CAUSE_COLORS.compliance}; border-radius: 6px; background: #f8fafc; }
.report-apart dt, .report-apart dd { margin: 0; }
.report-apart-note { font-size: 8.5pt; color: ${MUTED}; }
.report-share { display: block; min-width: 110px; height: 10px; background: #f1f5f9; }
.report-share-bar { display: block; height: 100%; background: var(--cause); }

/* Tables: header repeated on every printed page, rows never split, numbers right-aligned. */
.report-table { width: 100%; margin: 4pt 0 12pt; border-collapse: collapse; font-size: 9pt; }
.report-table caption { caption-side: top; padding: 4pt 0; text-align: left; font-size: 10.5pt; font-weight: 700; break-after: avoid; }
.report-table thead { display: table-header-group; }
.report-table tfoot { display: table-row-group; }
.report-table tr { break-inside: avoid; page-break-inside: avoid; }
.report-table th { padding: 3pt 5pt; border-bottom: 1.5px solid #334155; color: #334155; font-weight: 600; text-align: left; vertical-align: bottom; }
.report-table th.num { width: 1%; text-align: right; }
.report-table td { padding: 3pt 5pt; border-bottom: 1px solid ${RULE}; vertical-align: top; }
.report-table td.mono, .report-table td.nowrap, .report-table .mono { white-space: nowrap; }
.report-table .report-sub { display: block; color: ${MUTED}; font-size: 0.92em; }
.report-table tfoot td { border-top: 1.5px solid #334155; border-bottom: 0; font-weight: 700; }
.report-table-compact { font-size: 8.5pt; }
.report-table-compact td { padding-top: 1.5pt; padding-bottom: 1.5pt; }
.report-columns { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 14pt; }
.report-file { word-break: break-all; }
.report-line-code { display: block; }

/* Charts: fixed viewBox SVG scaled to the page width, vector in the PDF. */
.report-chart { margin: 4pt 0 6pt; break-inside: avoid; }
.report-chart svg { display: block; width: 100%; height: auto; font-family: ${SANS}; }

/* Top findings with the encounter's evidence */
.report-finding { margin-top: 12pt; padding-top: 8pt; border-top: 1px solid #cbd5e1; break-inside: avoid; }
.report-finding:first-of-type { border-top: 0; }
.report-finding-head h3 { margin: 0 0 2pt; }
.report-finding-value { font-size: 10.5pt; }
.report-finding-meta { display: flex; flex-wrap: wrap; gap: 4pt 18pt; margin: 0 0 6pt; font-size: 9pt; }
.report-finding-meta dt { font-size: 7.5pt; color: ${MUTED}; text-transform: uppercase; letter-spacing: 0.03em; }
.report-finding-meta dd { margin: 0; }
.report-explanation { padding: 5pt 8pt; background: #f8fafc; border-left: 3px solid #94a3b8; white-space: pre-line; }
.report-line-explanation { display: block; font-size: 8pt; color: ${MUTED}; white-space: pre-line; }
.report-lines { font-size: 8.5pt; }
.report-timeline { margin: 4pt 0 6pt; break-inside: avoid; }
.report .timeline { margin: 0; }
.report .timeline-svg { display: block; width: 100%; height: auto; font-family: ${SANS}; }
.report .chart-legend { display: flex; flex-wrap: wrap; gap: 3pt 12pt; margin: 0 0 3pt; padding: 0; list-style: none; font-size: 8pt; color: ${MUTED}; }
.report .chart-legend li { display: inline-flex; align-items: center; gap: 5px; }
.report .legend-swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; }
.report .legend-overlap { display: inline-block; width: 15px; height: 11px; border: 1.5px dashed ${CAUSE_COLORS.compliance}; background: rgba(71, 85, 105, 0.07); }
.report .timeline-caption { margin-top: 2pt; font-size: 7.5pt; }

@media screen {
  .report { box-shadow: 0 1px 4px rgba(15, 23, 42, 0.12); }
  .report-section { margin-top: 24pt; padding-top: 18pt; border-top: 1px dashed #cbd5e1; }
}

@media print {
  .report { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  .report-section { break-before: page; }
  .report-section-continues { break-before: auto; margin-top: 22pt; }
}
`;

/** A string for a CSS `content` value: quotes, backslashes and line breaks escaped, no `<` (it sits in a <style>). */
function cssString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\r\n]+/g, " ").replace(/</g, "\\3c ")}"`;
}

/**
 * The page margin boxes of the printed report (Chromium 131+): practice and period at the top left,
 * the PHI marker at the top right, generation date at the bottom left, "Page N of M" at the bottom
 * right. Data-dependent, so rendered by ReportDocument in its own <style>.
 */
export function reportPageCss(data: Pick<TReportData, "practice" | "period" | "request">): string {
  const period = data.period ? formatDateRange(data.period.from, data.period.to) : "No data";
  const marker = phiMarker(data.request.deidentify);
  const box = `font-family: ${SANS}; font-size: 8pt; color: ${MUTED};`;

  return `@page {
  @top-left { content: ${cssString(`${data.practice.name} · ${period}`)}; ${box} }
  @top-right { content: ${cssString(marker)}; ${box} font-weight: 700; }
  @bottom-left { content: ${cssString(`Generated ${formatDate(data.request.asOf)} · DripAudit`)}; ${box} }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); ${box} }
}`;
}
