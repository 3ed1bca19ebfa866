import { describe, expect, it } from "vitest";
import { REPORT_SECTIONS } from "@/lib/report/report-data";
import { deidentifiedReportData, sampleReportData, samplePatientIds } from "../../helpers/report-data-fixture";

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The renderer tests trust the sample to agree with itself as real report data does. */
describe("report data fixture", () => {
  const data = sampleReportData();
  const leakage = data.findings.filter((row) => row.cause !== "compliance");

  it("covers 8 whole weeks of Riverside Infusion with every section", () => {
    expect(data.practice).toMatchObject({ name: "Riverside Infusion", timeZone: "America/New_York" });
    expect(data.period).toEqual({ from: "2025-01-06", to: "2025-03-02", weeks: 8 });
    expect(data.overview.window?.weeks).toBe(8);
    expect(data.request.sections).toEqual([...REPORT_SECTIONS]);
  });

  it("overview totals, weekly points and breakdowns add up to the findings", () => {
    const { totals } = data.overview;
    expect(totals.leakageCents).toBe(sum(leakage.map((row) => row.valueCents)));
    expect(totals.complianceExposureCents).toBe(sum(data.findings.filter((row) => row.cause === "compliance").map((row) => row.valueCents)));
    expect(totals.annualizedLeakageCents).toBe(totals.weeklyLeakageCents * 52);
    expect(totals.lostAddOnHours).toBe(sum(leakage.filter((row) => row.kind === "missed_addon_hours").map((row) => row.units)));
    expect(data.overview.weekly).toHaveLength(8);
    expect(sum(data.overview.weekly.map((week) => week.leakageCents))).toBe(totals.leakageCents);
    for (const breakdown of [data.overview.byCode, data.overview.byPayer, data.overview.bySite]) {
      expect(sum(breakdown.map((entry) => entry.leakageCents))).toBe(totals.leakageCents);
    }
    expect(sum(data.overview.byNurse.map((nurse) => nurse.documentationCents))).toBe(totals.byCause.documentation);
  });

  it("denials agree across weeks, payers and the overview's denial rate", () => {
    const { totals } = data.denials;
    expect(sum(data.denials.weekly.map((week) => week.lines))).toBe(totals.lines);
    expect(sum(data.denials.byPayer.map((payer) => payer.deniedCents))).toBe(totals.deniedCents);
    expect(sum(data.denials.byCode.map((code) => code.deniedLines))).toBe(totals.deniedLines);
    expect(data.overview.denials.lineRate).toBe(totals.lineRate);
  });

  it("top findings are the largest leakage findings, with encounter evidence", () => {
    expect(data.topFindings.map((finding) => finding.findingId)).toEqual(leakage.slice(0, 3).map((row) => row.findingId));
    expect(new Set(data.topFindings.map((finding) => finding.kind)).size).toBe(3);
    for (const finding of data.topFindings) {
      expect(finding.encounter?.administrations.length).toBeGreaterThan(0);
      expect(finding.encounter?.codedLines.length).toBeGreaterThan(0);
      expect(finding.encounter?.claimLines.length).toBeGreaterThan(0);
    }
  });

  it("rebill rows are inside timely filing on the as-of day, soonest first", () => {
    expect(data.rebill.rows.length).toBeGreaterThan(0);
    expect(data.rebill.total).toBe(data.rebill.rows.length);
    const deadlines = data.rebill.rows.map((row) => row.filingDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
    for (const row of data.rebill.rows) {
      expect(row.filingDeadline >= data.request.asOf).toBe(true);
      expect(row.daysLeft).toBeGreaterThanOrEqual(0);
    }
  });

  it("valuation shares cover the leakage dollars", () => {
    expect(sum(data.methodology.valuationSources.map((source) => source.valueCents))).toBe(data.overview.totals.leakageCents);
    expect(sum(data.methodology.valuationSources.map((source) => source.share))).toBeCloseTo(1, 10);
    expect(data.methodology.imports).toHaveLength(3);
  });

  it("identifies patients unless de-identified, where no patient id remains anywhere", () => {
    expect(samplePatientIds()).toContain("MRN-0042");
    expect(data.findings.every((row) => row.patientId !== null)).toBe(true);
    const deidentified = deidentifiedReportData();
    const text = JSON.stringify(deidentified);
    expect(deidentified.request.deidentify).toBe(true);
    for (const patientId of samplePatientIds()) expect(text).not.toContain(patientId);
    expect(deidentified.findings.every((row) => row.patientKey !== null)).toBe(true);
  });
});
