import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { analyzePractice } from "@/lib/analysis/analyze-practice";
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import { readClaimsFile, type ClaimLine, type ProviderAdjustment } from "@/lib/import/claims";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { ERROR_KINDS, type GeneratorOptions } from "@/lib/synthetic/types";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { comparePractice, findingKey, readPracticeSessions, readTruth } from "./compare-practice";

/** Generation plus read-back takes 1–3 s; allow for a busy machine. */
const TIMEOUT = 120_000;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function run(options: Partial<GeneratorOptions>) {
  const dir = mkdtempSync(join(tmpdir(), "dripaudit-synthetic-compare-"));
  dirs.push(dir);
  await writePracticeFiles(dir, options);
  return { truth: readTruth(dir), comparisons: await comparePractice(dir) };
}

describe("ground truth = compareEncounter on the files read back", () => {
  test.each([
    ["professional", { seed: 12, weeks: 4, setting: "professional" as const }],
    ["facility", { seed: 31, weeks: 3, setting: "facility" as const, startDate: "2025-10-27" }],
  ])("%s: every encounter's findings are exactly the truth's (kind, cause, code, units)", async (_label, options) => {
    const { truth, comparisons } = await run(options);
    expect(comparisons.length).toBe(truth.counts.encounters);
    const mismatches = comparisons.filter((c) => JSON.stringify(c.actual) !== JSON.stringify(c.expected));
    expect(mismatches.slice(0, 5)).toEqual([]);

    // The test has teeth: every error kind and payer finding occurs, and clean encounters say nothing.
    for (const kind of ERROR_KINDS) expect(truth.counts.errors[kind], kind).toBeGreaterThan(0);
    const seen = new Set(comparisons.flatMap((c) => c.actual.map((k) => k.split("|")[0])));
    for (const kind of ["missed_addon_hours", "missed_sequential", "missed_concurrent", "missed_initial", "addon_without_primary", "missing_stop_time", "unsupported_line", "denied_line", "unit_cut", "recoupment"]) {
      expect(seen.has(kind), kind).toBe(true);
    }
    const flagged = new Set([...truth.errors.map((e) => e.encounterId), ...truth.payerEvents.filter((e) => e.expectedFindings.length > 0).map((e) => e.encounterId)]);
    const clean = comparisons.filter((c) => !flagged.has(c.encounterId));
    expect(clean.length).toBeGreaterThan(comparisons.length * 0.6);
    expect(clean.filter((c) => c.actual.length > 0)).toEqual([]);
    // Documentation findings are labelled estimates.
    for (const c of comparisons) for (const f of c.findings) if (f.kind === "missing_stop_time") expect(f.isEstimate).toBe(true);
  }, TIMEOUT);
});

describe("ground truth = the lead's whole pipeline (analyzePractice) on the 835s", () => {
  test("netting, matching, valuation from own paid lines and comparison give exactly the truth", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dripaudit-synthetic-analyze-"));
    dirs.push(dir);
    await writePracticeFiles(dir, { seed: 14, weeks: 4 });
    const truth = readTruth(dir);
    const encounters = await readPracticeSessions(dir);
    const claimLines: ClaimLine[] = [];
    const providerAdjustments: ProviderAdjustment[] = [];
    for (const file of readdirSync(join(dir, "remits")).sort()) {
      const result = await readClaimsFile(join(dir, "remits", file));
      claimLines.push(...result.lines);
      for (const payment of result.payments ?? []) providerAdjustments.push(...payment.providerAdjustments);
    }
    const fee = await readFeeSchedule(join(dir, "fee-schedule.csv"));
    const analysis = analyzePractice({ encounters, claimLines, providerAdjustments, feeSchedule: fee.rates, codingSettings: { ...DEFAULT_CODING_SETTINGS, setting: "professional" } });
    expect(analysis.claimMatching).toEqual({ matchedLines: analysis.claimMatching.matchedLines, unmatchedLines: 0, ambiguousLines: 0 });
    expect(analysis.encounters.length).toBe(truth.counts.encounters);
    const expected = new Map<string, string[]>();
    for (const item of [...truth.errors, ...truth.payerEvents]) expected.set(item.encounterId, [...(expected.get(item.encounterId) ?? []), ...item.expectedFindings.map(findingKey)]);
    const mismatches = analysis.encounters
      .map((a) => ({ id: a.encounterId, actual: a.findings.map(findingKey).sort(), expected: (expected.get(a.encounterId) ?? []).sort() }))
      .filter((c) => JSON.stringify(c.actual) !== JSON.stringify(c.expected));
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(analysis.findings.length).toBe([...expected.values()].reduce((sum, list) => sum + list.length, 0));
  }, TIMEOUT);
});
