import { describe, expect, test } from "vitest";
import { niceTicks, weekLabelEvery } from "@/components/report/chart-scale";
import { summarizeFindingSums } from "@/lib/dashboard/summarize-rollups";
import { reportPageCss } from "@/lib/report/report-styles";
import { addOnArithmetic, carcGroupWords, lostHourValue, oneSentenceAnswer, patientText, periodText, weeksText } from "@/lib/report/report-words";
import type { TReportData, TReportFindingRow } from "@/lib/report/report-data";
import { lostAddOnHoursOf, sampleReportData } from "@/tests/helpers/report-data-fixture";

type TFindingValue = Pick<TReportFindingRow, "kind" | "cause" | "units" | "valueCents">;

/** Report data whose overview totals come from these findings over `weeks` weeks. */
function dataWith(findings: TFindingValue[], weeks = 13): Pick<TReportData, "overview" | "lostAddOnHours" | "period"> {
  const sample = sampleReportData();
  const totals = summarizeFindingSums(
    findings.map((finding) => ({ ...finding, findings: 1 })),
    { from: "2025-01-06", to: "2025-04-06", weeks },
  );

  return {
    period: { from: "2025-01-06", to: "2025-04-06", weeks },
    overview: { ...sample.overview, totals },
    lostAddOnHours: lostAddOnHoursOf(findings),
  };
}

describe("oneSentenceAnswer", () => {
  test("the ui-guide's example: mostly add-on hours, with hours a week and the value of an hour", () => {
    // 20 hours a week at $150 for 13 weeks = $3,000 a week = $156,000 a year.
    const data = dataWith([{ kind: "missed_addon_hours", cause: "coding", units: 260, valueCents: 260 * 15_000 }]);

    expect(oneSentenceAnswer(data)).toBe("About $156,000 a year is lost, mostly to add-on hours not billed: 20 hours a week at $150 an hour.");
  });

  test("names the largest cause when it is not add-on hours, and says 'the largest part' below half", () => {
    const payerMostly = dataWith([
      { kind: "denied_line", cause: "payer", units: 1, valueCents: 700_000 },
      { kind: "missed_addon_hours", cause: "coding", units: 10, valueCents: 300_000 },
    ]);
    expect(oneSentenceAnswer(payerMostly)).toMatch(/, mostly to payments denied, cut or taken back by payers\.$/);

    const spread = dataWith([
      { kind: "missing_stop_time", cause: "documentation", units: 1, valueCents: 400_000 },
      { kind: "denied_line", cause: "payer", units: 1, valueCents: 300_000 },
      { kind: "missed_sequential", cause: "coding", units: 1, valueCents: 300_000 },
    ]);
    expect(oneSentenceAnswer(spread)).toMatch(/, the largest part to infusions with no stop time in the record \(an estimate\)\.$/);
  });

  test("compliance exposure never counts toward the answer", () => {
    const data = dataWith([
      { kind: "overcoded_units", cause: "compliance", units: 1, valueCents: 9_000_000 },
      { kind: "missed_sequential", cause: "coding", units: 1, valueCents: 130_000 },
    ]);

    expect(oneSentenceAnswer(data)).toBe("About $5,200 a year is lost, mostly to services given but not coded or billed.");
  });

  test("says plainly when nothing was found or nothing is in scope", () => {
    expect(oneSentenceAnswer(dataWith([]))).toBe("No revenue leakage was found in this period.");
    expect(oneSentenceAnswer({ ...dataWith([]), period: null })).toBe("There is no data in this period, so nothing can be measured yet.");
  });
});

describe("the add-on arithmetic", () => {
  test("hours per week × the average value of a lost hour, multiplied as printed", () => {
    const data = dataWith([
      { kind: "missed_addon_hours", cause: "coding", units: 9, valueCents: 106_578 },
      { kind: "missed_addon_hours", cause: "compliance", units: 5, valueCents: 50_000 },
    ], 8);

    expect(lostHourValue(data.lostAddOnHours)).toEqual({ hours: 9, valueCents: 106_578, centsPerHour: 11_842 });
    expect(addOnArithmetic(data)).toEqual({ hoursPerWeek: 1.13, centsPerHour: 11_842, weeklyCents: 13_381 });
    expect(addOnArithmetic(dataWith([{ kind: "denied_line", cause: "payer", units: 1, valueCents: 100 }]))).toBeNull();
  });
});

describe("report words", () => {
  test("period, weeks, patient and CARC group in plain words", () => {
    expect(periodText({ from: "2025-01-06", to: "2025-03-02", weeks: 8 })).toBe("Jan 6 – Mar 2, 2025 (8 weeks)");
    expect(periodText(null)).toBe("No data in this period");
    expect(weeksText(1)).toBe("1 week");
    expect(weeksText(12.857142)).toBe("12.86 weeks");
    expect(patientText({ patientId: "MRN-0042", patientKey: "pk_1" })).toBe("MRN-0042");
    expect(patientText({ patientId: null, patientKey: "pk_3f9a21c4" })).toBe("pk_3f9a21c4");
    expect(patientText({ patientId: null, patientKey: "a3f9b2c1d4e5f60718293a4b5c6d7e8f" })).toBe("a3f9b2c1d4e5…");
    expect(patientText({ patientId: null, patientKey: null })).toBe("—");
    expect(carcGroupWords("PR")).toBe("Patient (patient responsibility)");
    expect(carcGroupWords("ZZ")).toBe("ZZ");
  });

  test("page margin boxes carry the practice, period, marker, date and page N of M", () => {
    const css = reportPageCss(sampleReportData());

    expect(css).toContain('@top-left { content: "Riverside Infusion · Jan 6 – Mar 2, 2025"');
    expect(css).toContain('@top-right { content: "Contains PHI"');
    expect(css).toContain('@bottom-left { content: "Generated Mar 10, 2025 · DripAudit"');
    expect(css).toContain('content: "Page " counter(page) " of " counter(pages)');
  });
});

describe("chart scale", () => {
  test("round ticks from zero to at least the maximum", () => {
    expect(niceTicks(347_900)).toEqual([0, 100_000, 200_000, 300_000, 400_000]);
    expect(niceTicks(43_424, 4, 100)).toEqual([0, 20_000, 40_000, 60_000]);
    expect(niceTicks(0.091, 4, 0.005)).toEqual([0, 0.025, 0.05, 0.075, 0.1]);
    expect(niceTicks(0, 4, 100)).toEqual([0, 100]);
    expect(niceTicks(2, 3, 1)).toEqual([0, 1, 2]);
  });

  test("week labels thin out to about 13 on long periods", () => {
    expect(weekLabelEvery(8)).toBe(1);
    expect(weekLabelEvery(13)).toBe(1);
    expect(weekLabelEvery(52)).toBe(4);
    expect(weekLabelEvery(104)).toBe(8);
  });
});
