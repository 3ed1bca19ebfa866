import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { ReportDocument } from "@/components/report/report-document";
import type { TReportData } from "@/lib/report/report-data";
import { sampleChangesSincePreviousReport, sampleReportData } from "@/tests/helpers/report-data-fixture";

function withChanges(): TReportData {
  return sampleReportData({ changesSincePreviousReport: sampleChangesSincePreviousReport() });
}

const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<\/(td|th|li|p|h[1-3]|caption)>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("the report's changes since the previous report", () => {
  test("shown in the executive summary: figures then and now, new and resolved findings, recovered dollars, payer moves", () => {
    const html = renderToStaticMarkup(createElement(ReportDocument, { data: withChanges() }));
    const summary = textOf(html.slice(html.indexOf('data-section="summary"'), html.indexOf('data-section="causes"')));

    expect(summary).toContain("Since the previous report (Mar 10, 2025)");
    expect(summary).toContain("2 new findings ($120.00): 2 payer.");
    expect(summary).toContain("5 findings resolved ($300.00).");
    expect(summary).toContain("$120.00 recovered on 2 findings paid since Mar 10, 2025.");
    expect(summary).toContain("Annualized leakage $52,000 $39,000 −$13,000 (−25.0%)");
    expect(summary).toContain("Leakage findings 40 37 −3 (−7.5%)");
    expect(summary).toContain("Aetna 10.0% 25.0% +15.0 pts");
    expect(summary).toContain("Medicare 20.0% 15.0% −5.0 pts");
  });

  test("absent without a previous report", () => {
    const html = renderToStaticMarkup(createElement(ReportDocument, { data: sampleReportData() }));
    expect(html).not.toContain('data-testid="report-changes"');
    expect(sampleReportData().changesSincePreviousReport).toBeNull();
  });
});
