import { readdirSync, readFileSync } from "node:fs";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { ReportDocument } from "@/components/report/report-document";
import { formatCents, formatDollars } from "@/lib/format/format-money";
import { REPORT_SECTION_TITLES, REPORT_SECTIONS, type TReportData, type TReportSection } from "@/lib/report/report-data";
import { deidentifiedReportData, sampleReportData, samplePatientIds } from "@/tests/helpers/report-data-fixture";

function render(data: TReportData): string {
  return renderToStaticMarkup(createElement(ReportDocument, { data }));
}

function withSections(data: TReportData, sections: readonly TReportSection[]): TReportData {
  return { ...data, request: { ...data.request, sections } };
}

/** The document's text as a reader sees it (tags dropped, entities decoded, spaces collapsed). */
function textOf(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<\/(td|th|li|p|dt|dd|h[1-3]|caption)>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

function sectionHeadings(html: string): string[] {
  return [...html.matchAll(/<h2 id="report-([a-z]+)">/g)].map((match) => match[1] ?? "");
}

describe("ReportDocument", () => {
  test("renders the cover and every section in document order, under one article.report", () => {
    const html = render(sampleReportData());

    expect(html.startsWith('<article class="report"')).toBe(true);
    expect(html).toContain('data-section="cover"');
    expect(sectionHeadings(html)).toEqual([...REPORT_SECTIONS]);
    for (const section of REPORT_SECTIONS) expect(html).toContain(`>${REPORT_SECTION_TITLES[section]}</h2>`);
  });

  test("prints only the chosen sections (cover always), in document order whatever the request order", () => {
    const html = render(withSections(sampleReportData(), ["rebill", "summary", "trend"]));

    expect(html).toContain('data-section="cover"');
    expect(sectionHeadings(html)).toEqual(["summary", "trend", "rebill"]);
    for (const section of ["causes", "breakdowns", "documentation", "denials", "findings", "methodology"] as const) {
      expect(html).not.toContain(`data-section="${section}"`);
      expect(html).not.toContain(`>${REPORT_SECTION_TITLES[section]}</h2>`);
    }

    const coverOnly = render(withSections(sampleReportData(), []));
    expect(sectionHeadings(coverOnly)).toEqual([]);
    expect(coverOnly).toContain('data-testid="report-answer"');
  });

  test("marks the cover and every page header Contains PHI or De-identified", () => {
    const identified = render(sampleReportData());
    const deidentified = render(deidentifiedReportData());

    expect(identified).toMatch(/data-testid="report-phi-marker">Contains PHI</);
    expect(identified).toContain('@top-right { content: "Contains PHI"');
    expect(deidentified).toMatch(/data-testid="report-phi-marker">De-identified</);
    expect(deidentified).toContain('@top-right { content: "De-identified"');
    expect(deidentified).not.toContain("Contains PHI");
  });

  test("a de-identified report holds no patient id anywhere; an identified one shows them", () => {
    const patientIds = samplePatientIds();
    expect(patientIds.length).toBeGreaterThan(0);
    const deidentified = render(deidentifiedReportData());
    for (const patientId of patientIds) expect(deidentified).not.toContain(patientId);
    expect(deidentified).toContain("Patient key");

    const identified = render(sampleReportData());
    const shown = patientIds.filter((patientId) => identified.includes(patientId));
    expect(shown.length).toBeGreaterThan(0);
  });

  test("spells out the leakage arithmetic with the overview's own figures", () => {
    const data = sampleReportData();
    const { totals } = data.overview;
    const text = textOf(render(data));

    // The fixture: 9 lost add-on hours worth $1,065.78 over 8 weeks; $2,311.60 leakage in all.
    expect(text).toContain("1.13 hours of lost add-on time a week × $118.42 an hour = $133.81 a week");
    expect(text).toContain(`${formatCents(totals.leakageCents)} lost in the period ÷ 8 weeks = ${formatCents(totals.weeklyLeakageCents)} average weekly leakage`);
    expect(text).toContain(`${formatCents(totals.weeklyLeakageCents)} a week × 52 weeks = ${formatCents(totals.annualizedLeakageCents)} annualized leakage`);
    expect(totals.annualizedLeakageCents).toBe(totals.weeklyLeakageCents * 52);
  });

  test("answers the owner's question in one sentence on the cover, with the KPI figures of the overview", () => {
    const data = sampleReportData();
    const { totals } = data.overview;
    const html = render(data);
    const text = textOf(html);

    expect(text).toContain("About $15,025 a year is lost, the largest part to add-on hours not billed: 1.13 hours a week at $118 an hour.");
    expect(html).toMatch(new RegExp(`data-testid="report-annualized-leakage"><dt>Annualized leakage</dt><dd class="report-figure-value">\\${formatDollars(totals.annualizedLeakageCents)}<`));
    expect(html).toMatch(new RegExp(`data-testid="report-weekly-leakage"><dt>Average weekly leakage</dt><dd class="report-figure-value">\\${formatDollars(totals.weeklyLeakageCents)}<`));
    expect(formatDollars(totals.annualizedLeakageCents)).toBe("$15,025");
    expect(formatDollars(totals.weeklyLeakageCents)).toBe("$289");
  });

  test("tables show dollars and cents, estimates marked est., compliance exposure apart from the total", () => {
    const data = sampleReportData();
    const text = textOf(render(data));

    expect(text).toContain("Coding 53.4% $1,235.18");
    expect(text).toContain("Documentation (est.) 14.6% $336.80 est.");
    expect(text).toContain("Total leakage 100.0% $2,311.60");
    expect(text).toContain("Compliance exposure $33.80");
    expect(text).not.toMatch(/\$2,345\.40/); // leakage + compliance would be netting
  });

  test("the weekly chart has one bar group per week of the overview, zero weeks drawn as zero", () => {
    const data = sampleReportData();
    const html = render(data);
    const weeks = [...html.matchAll(/class="report-chart-week" data-week="(\d{4}-\d{2}-\d{2})"/g)].map((match) => match[1]);

    expect(weeks).toEqual(data.overview.weekly.map((week) => week.weekStart));
    expect(html).toContain('id="report-hatch-documentation"');
    expect(html).toContain('fill="url(#report-hatch-documentation)"');
    expect(html).not.toContain("report-chart-zero");
    for (const label of ["Coding", "Documentation (est.)", "Payer", "Lost add-on hours (right axis)"]) expect(html).toContain(label);

    const [first, ...rest] = data.overview.weekly;
    const withZeroWeek = { ...data, overview: { ...data.overview, weekly: [{ ...first!, coding: 0, documentation: 0, payer: 0, leakageCents: 0, lostAddOnHours: 0 }, ...rest] } };
    const zeroHtml = render(withZeroWeek);
    expect(zeroHtml.match(/class="report-chart-week"/g)).toHaveLength(data.overview.weekly.length);
    expect(zeroHtml.match(/report-chart-zero/g)).toHaveLength(1);
  });

  test("rebill candidates say how many more there are beyond the rows shown", () => {
    const data = sampleReportData();
    const html = render({ ...data, rebill: { total: data.rebill.rows.length + 4, rows: data.rebill.rows } });

    expect(textOf(html)).toContain("And 4 more with later deadlines.");
    expect(render(data)).not.toContain("report-rebill-more");
  });

  test("top findings carry their evidence: encounter, timeline, should bill vs billed, the explanation", () => {
    const data = sampleReportData();
    const html = render(data);
    const [top] = data.topFindings;

    expect(html.match(/class="report-finding"/g)).toHaveLength(data.topFindings.length);
    expect(html.match(/data-testid="encounter-timeline"/g)).toHaveLength(data.topFindings.filter((finding) => finding.encounter).length);
    expect(html).toContain(top!.encounterLabel!);
    expect(textOf(html)).toContain(top!.explanation);
    expect(html).toContain("<caption>Should bill</caption>");
    expect(html).toContain("<caption>Billed</caption>");
    expect(textOf(html)).toContain("Times are local to the practice (America/New_York)");
  });

  test("page margin boxes escape the practice name so it cannot end the style element", () => {
    const data = sampleReportData();
    const html = render({ ...data, practice: { ...data.practice, name: 'Riverside "North" </style><script>x</script>' } });

    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toContain("<script>");
    expect(html).toContain('@top-left { content: "Riverside \\"North\\" \\3c /style>');
  });
});

describe("report components stay renderable outside Next", () => {
  test("no client code, no next/* imports, no CSS imports", () => {
    const directory = new URL("../../../components/report/", import.meta.url);
    const files = readdirSync(directory).filter((name) => /\.tsx?$/.test(name));
    expect(files).toContain("report-document.tsx");
    for (const name of files) {
      const source = readFileSync(new URL(name, directory), "utf8");
      expect(source, name).not.toMatch(/["']use client["']/);
      expect(source, name).not.toMatch(/from ["']next\//);
      expect(source, name).not.toMatch(/import ["'][^"']+\.css["']/);
      expect(source, name).not.toMatch(/\buse(State|Effect|Ref|Memo|Callback|Context|Reducer)\(/);
    }
  });
});
