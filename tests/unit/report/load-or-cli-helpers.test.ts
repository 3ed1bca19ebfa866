/** Pure pieces of the report's loading and generation: Chromium lookup, file name, rule settings in words, valuation shares. */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { defaultRuleSettings } from "@/lib/db/settings";
import { resolveChromiumPath } from "@/lib/report/chromium";
import { reportFileName } from "@/lib/report/generate-report";
import { describeRuleSettings, withShares } from "@/lib/report/load-report-data";

const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-chromium-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("resolveChromiumPath", () => {
  test("CHROMIUM_PATH when it is an executable file, else null (never another browser silently)", () => {
    const executable = path.join(dir, "chrome");
    writeFileSync(executable, "#!/bin/sh\n");
    chmodSync(executable, 0o755);
    expect(resolveChromiumPath({ CHROMIUM_PATH: executable })).toBe(executable);
    expect(resolveChromiumPath({ CHROMIUM_PATH: path.join(dir, "missing") })).toBeNull();
    expect(resolveChromiumPath({ CHROMIUM_PATH: dir })).toBeNull();
    const plain = path.join(dir, "not-executable");
    writeFileSync(plain, "");
    chmodSync(plain, 0o644);
    if (process.getuid?.() !== 0) expect(resolveChromiumPath({ CHROMIUM_PATH: plain })).toBeNull();
  });
});

describe("reportFileName", () => {
  test("practice slug and period, nothing else", () => {
    expect(reportFileName("St. Mary's Infusion Center", { from: "2025-01-06", to: "2025-03-30" }, "pdf")).toBe("dripaudit-report-st-marys-infusion-center-2025-01-06-2025-03-30.pdf");
    expect(reportFileName("Riverside", null, "xlsx")).toBe("dripaudit-report-riverside.xlsx");
    expect(reportFileName("???", null, "html")).toBe("dripaudit-report-practice.html");
  });
});

describe("describeRuleSettings", () => {
  test("the practice's settings in the Settings page's words", () => {
    const rows = describeRuleSettings({ setting: "professional", timeZone: "America/Chicago", weekStartsOn: 0, timelyFilingDays: 90, rules: { ...defaultRuleSettings(), missingStop: "none", sequentialMinMinutes: 20, sumHydrationSegments: false } });
    expect(rows.slice(0, 4)).toEqual([
      { label: "Billing setting", value: "Professional (physician office)" },
      { label: "Time zone", value: "America/Chicago" },
      { label: "Weeks start on", value: "Sunday" },
      { label: "Default timely-filing window", value: "90 days" },
    ]);
    expect(rows).toContainEqual({ label: "IV drug with no stop time (§2.2, §13.10)", value: "Code nothing time-based" });
    expect(rows).toContainEqual({ label: "Shortest sequential infusion (§3.2, §13.1)", value: "20 minutes" });
    expect(rows).toContainEqual({ label: "Add hydration segments together (§3.4, §13.2)", value: "No" });
  });
});

describe("withShares", () => {
  test("each source's share of the leakage dollars; zero shares when there are none", () => {
    expect(withShares([{ source: "own_paid_median", valueCents: 7_500, findings: 3 }, { source: "reference", valueCents: 2_500, findings: 1 }])).toEqual([
      { source: "own_paid_median", valueCents: 7_500, findings: 3, share: 0.75 },
      { source: "reference", valueCents: 2_500, findings: 1, share: 0.25 },
    ]);
    expect(withShares([{ source: "none", valueCents: 0, findings: 2 }])).toEqual([{ source: "none", valueCents: 0, findings: 2, share: 0 }]);
  });
});
