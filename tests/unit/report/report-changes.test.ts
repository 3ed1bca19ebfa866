import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { ReportDocument } from "@/components/report/report-document";
import { emptyTallyByCause, type TAnalysisSnapshotFigures } from "@/lib/dashboard/analysis-snapshot-figures";
import { compareSnapshots } from "@/lib/dashboard/compare-snapshots";
import type { TReportData } from "@/lib/report/report-data";
import { sampleReportData } from "@/tests/helpers/report-data-fixture";

function figures(partial: Partial<TAnalysisSnapshotFigures>): TAnalysisSnapshotFigures {
  return {
    encounters: 100,
    window: { from: "2025-01-06", to: "2025-03-02", weeks: 8 },
    leakageCents: 800_000,
    weeklyLeakageCents: 100_000,
    annualizedLeakageCents: 5_200_000,
    leakageByCause: { coding: 500_000, documentation: 200_000, payer: 100_000 },
    lostAddOnHours: 40,
    lostAddOnHoursPerWeek: 5,
    findings: 40,
    complianceExposureCents: 0,
    complianceFindings: 0,
    denials: { lines: 200, deniedLines: 20, billedCents: 0, deniedCents: 0 },
    payerDenials: [{ payer: "Aetna", lines: 100, deniedLines: 10 }],
    newFindingsByCause: emptyTallyByCause(),
    resolvedFindingsByCause: emptyTallyByCause(),
    ...partial,
  };
}

function withChanges(): TReportData {
  const later = figures({
    annualizedLeakageCents: 3_900_000,
    findings: 37,
    payerDenials: [{ payer: "Aetna", lines: 120, deniedLines: 30 }],
    newFindingsByCause: { ...emptyTallyByCause(), payer: { count: 2, valueCents: 12_000 } },
    resolvedFindingsByCause: { ...emptyTallyByCause(), coding: { count: 5, valueCents: 30_000 } },
  });
  const changes = compareSnapshots({
    baseline: { analysisVersion: 4, publishedAt: new Date("2025-03-09T12:00:00Z"), figures: figures({}) },
    later: [{ analysisVersion: 5, publishedAt: new Date("2025-03-20T12:00:00Z"), figures: later }],
    startsAtFirstAnalysis: false,
    recovered: { count: 2, valueCents: 12_000 },
  });

  return { ...sampleReportData(), changesSincePreviousReport: { previousReportAt: new Date("2025-03-10T15:00:00Z"), since: "2025-03-10", changes } };
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
  });

  test("absent without a previous report", () => {
    const html = renderToStaticMarkup(createElement(ReportDocument, { data: sampleReportData() }));
    expect(html).not.toContain('data-testid="report-changes"');
    expect(sampleReportData().changesSincePreviousReport).toBeNull();
  });
});
