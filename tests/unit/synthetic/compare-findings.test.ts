/**
 * Synthetic ground truth: the generator (lib/synthetic) writes a practice's files plus truth.json,
 * the errors it injected into the bill and the payer events it adjudicated, each with the findings
 * it expects. These tests read the files back with the project's own readers and compare.
 *
 * What this proves:
 * - round trip: sessions CSV (interval and MAR), 835 remittances and the fee schedule are read back
 *   to the same encounters, claim lines and rates the generator wrote;
 * - netting: a reversal + replacement nets to the correction (no finding), a PLB take-back becomes
 *   one `recoupment`, denials and unit cuts survive netting as payer findings;
 * - matching: every claim line finds its encounter (also when the claims CSV leaves encounter_id
 *   blank), none is unmatched or ambiguous;
 * - comparison: every injected error and payer event yields exactly its expected findings (kind,
 *   cause, code, units), and no other encounter yields any (no false positives);
 * - dollars: every finding valued from the fee schedule equals the generator's contract rate for
 *   that payer, code and year × units, to the cent; every finding valued from the organization's own
 *   paid median equals the generator's contract rate × (1 − the payer's coinsurance) × units, within
 *   the ±1 cent per unit that per-unit rounding of the paid amounts allows (spec §5.3 values a unit at
 *   the median *paid* per unit, which is net of the patient's PR-2 share);
 * - a few ambiguous records the generator never injects, each with its expected outcome.
 *
 * What this does NOT prove:
 * - that the engine's codes are right: the generator's canonical bill IS `codeEncounter`'s output
 *   (lib/synthetic/README.md "Canonical billing"), so a wrong coding rule is reproduced on both sides.
 *   The coding rules are checked by tests/unit/coding (rule book cases) and the worked examples;
 * - that the generator's contract rates are realistic, or that the overview's totals, annualization
 *   or weekly buckets are right (tests/unit/analysis, tests/integration/dashboard);
 * - `missing_stop_time` units and dollars: they depend on the organization's median duration and are
 *   compared on kind, cause and code only.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { analyzePractice } from "@/lib/analysis/analyze-practice";
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { CodingSettings } from "@/lib/coding/types";
import { readClaimsFile, type ClaimLine, type ProviderAdjustment } from "@/lib/import/claims";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { readSessions } from "@/lib/import/read-sessions";
import { ERROR_KINDS, type GeneratorOptions } from "@/lib/synthetic/types";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { checkDollars, comparePractice, findingKey, generatorRates, readPracticeSessions, readTruth } from "./compare-practice";

/** Generation plus read-back takes 1–3 s (3 s with other suites running); 10× that for CI's 2 cores. */
const TIMEOUT = 30_000;
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
    for (const f of comparisons.flatMap((c) => c.findings.filter((x) => x.kind === "missing_stop_time"))) expect(f.isEstimate).toBe(true);

    // Dollars: with no paid history every unit is valued from the fee schedule, which must be the
    // generator's contract rate for that payer, code and year, to the cent.
    const dollars = checkDollars(comparisons.flatMap((c) => c.findings), generatorRates(truth));
    expect(dollars.mismatches.slice(0, 5)).toEqual([]);
    expect(Object.keys(dollars.checked)).toEqual(["fee_schedule"]);
    expect(dollars.checked.fee_schedule).toBeGreaterThan(20);
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
    // The fee schedule read back is the generator's contract table (payer rows) for each year.
    const rates = generatorRates(truth);
    const payerRows = fee.rates.filter((r) => r.payer !== "*");
    expect(payerRows.length).toBeGreaterThan(0);
    expect(payerRows.filter((r) => r.rateCents !== rates.rateCents(r.payer, r.code, r.effectiveFrom))).toEqual([]);
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

    // Dollars: codes paid at least 5 times by a payer are valued at its own paid median, which is
    // the contract rate less the payer's coinsurance (±1 cent per unit of rounding); the rest at the
    // payer's fee schedule row, the contract rate to the cent.
    const dollars = checkDollars(analysis.findings, rates);
    expect(dollars.mismatches.slice(0, 5)).toEqual([]);
    expect(dollars.checked.own_paid_median).toBeGreaterThan(20);
    expect(Object.keys(dollars.checked).sort()).toEqual(expect.arrayContaining(["own_paid_median"]));
  }, TIMEOUT);
});

/**
 * Records the generator never injects because their right answer is not obvious. Each case is read
 * back from a sessions CSV and a claims CSV (the same readers as above) and run through the whole
 * pipeline; the expected findings are stated by hand, with the rule that decides them.
 */
describe("ambiguous records: the expected outcome, by hand", () => {
  const SESSIONS_HEADER = "encounter_id,patient_id,date_of_service,site,nurse,payer,setting,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,service";
  const CLAIMS_HEADER = "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency";
  const DAY = "2025-03-04";
  const FEE = [
    ["96374", 3_396], ["96375", 1_423], ["96376", 1_000], ["96413", 11_936], ["96415", 2_555],
  ].map(([code, rateCents]) => ({ payer: "*", code: code as string, rateCents: rateCents as number, effectiveFrom: "2025-01-01" }));

  /** One administration row: drug, hcpcs, category, route, start and stop (HH:mm on DAY). */
  type Row = [drug: string, hcpcs: string, category: string, route: string, start: string, stop: string];
  /** One claim line: code, units, paid dollars, frequency (1 original, 7 replacement), paid date. */
  type Line = [code: string, units: number, paid: number, frequency: "1" | "7", paidDate: string];

  async function analyze(rows: Row[], lines: Line[], overrides: Partial<CodingSettings> = {}) {
    const setting = overrides.setting ?? "professional";
    const dir = mkdtempSync(join(tmpdir(), "dripaudit-synthetic-ambiguous-"));
    dirs.push(dir);
    const sessions = rows.map(([drug, hcpcs, category, route, start, stop]) => `E1,P1,${DAY},Riverside,Nurse A,Aetna,${setting},${drug},${hcpcs},${category},${route},${DAY} ${start},${DAY} ${stop},L arm,y,`);
    writeFileSync(join(dir, "sessions.csv"), [SESSIONS_HEADER, ...sessions].join("\n") + "\n");
    const claims = lines.map(([code, units, paid, frequency, paidDate]) => `C1,E1,P1,${DAY},Aetna,${code},,${units},${(paid * 2).toFixed(2)},${paid.toFixed(2)},${paid.toFixed(2)},${units},CO-45:${paid.toFixed(2)},,Paid,${paidDate},${frequency}`);
    writeFileSync(join(dir, "claims.csv"), [CLAIMS_HEADER, ...claims].join("\n") + "\n");
    const read = await readSessions(join(dir, "sessions.csv"), { timeZone: "America/New_York" });
    expect(read.errors).toEqual([]);
    const claimFile = await readClaimsFile(join(dir, "claims.csv"));
    expect(claimFile.errors).toEqual([]);
    expect(claimFile.lines).toHaveLength(lines.length);
    const analysis = analyzePractice({ encounters: read.encounters, claimLines: claimFile.lines, providerAdjustments: [], feeSchedule: FEE, codingSettings: { ...DEFAULT_CODING_SETTINGS, ...overrides, setting } });
    expect(analysis.claimMatching.unmatchedLines).toBe(0);
    return analysis.findings.map(({ kind, cause, code, units, valueCents }) => ({ kind, cause, code, units, valueCents }));
  }

  test("a push whose stop touches the next push of the same drug is one dose (§16.3 multi-vial): billed once, no finding", async () => {
    const rows: Row[] = [
      ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:00", "09:01"],
      ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:01", "09:02"],
    ];
    expect(await analyze(rows, [["96374", 1, 33.96, "1", "2025-03-21"]])).toEqual([]);
  });

  test("… the same drug pushed again 45 min later (> repeatPushMinGapMinutes 30): a facility misses 96376, an office has no code for it", async () => {
    const rows: Row[] = [
      ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:00", "09:01"],
      ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:46", "09:47"],
    ];
    expect(await analyze(rows, [["96374", 1, 33.96, "1", "2025-03-21"]], { setting: "facility" })).toEqual([{ kind: "missed_sequential", cause: "coding", code: "96376", units: 1, valueCents: 1_000 }]);
    expect(await analyze(rows, [["96374", 1, 33.96, "1", "2025-03-21"]], { setting: "professional" })).toEqual([]);
  });

  test("… and where the gap alone would make a repeat push (facility, repeatPushMinGapMinutes 5), touching vials are still one dose", async () => {
    const facility = { setting: "facility" as const, repeatPushMinGapMinutes: 5 };
    const touching: Row[] = [
      ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:00", "09:10"],
      ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:10", "09:20"],
    ];
    // One dose: 96374 alone is right, and a 96376 billed for the second vial is exposure.
    expect(await analyze(touching, [["96374", 1, 33.96, "1", "2025-03-21"]], facility)).toEqual([]);
    expect(await analyze(touching, [["96374", 1, 33.96, "1", "2025-03-21"], ["96376", 1, 10.0, "1", "2025-03-21"]], facility)).toEqual([
      { kind: "unsupported_line", cause: "compliance", code: "96376", units: 1, valueCents: 1_000 },
    ]);
    // One minute apart they are two pushes, 11 min apart (> 5): the repeat push is missed when not billed.
    const apart: Row[] = [touching[0]!, ["Ondansetron", "J2405", "therapeutic", "IV Push", "09:11", "09:20"]];
    expect(await analyze(apart, [["96374", 1, 33.96, "1", "2025-03-21"]], facility)).toEqual([{ kind: "missed_sequential", cause: "coding", code: "96376", units: 1, valueCents: 1_000 }]);
  });

  test("a chemo infusion stopped exactly at 90 min supports no 96415 (an add-on hour needs more than 30 min past the hour): 96413 alone is right", async () => {
    const rows: Row[] = [["Oxaliplatin", "J9263", "chemo", "IV", "09:00", "10:30"]];
    expect(await analyze(rows, [["96413", 1, 119.36, "1", "2025-03-21"]])).toEqual([]);
  });

  test("… and billing 96415 for it is exposure (unsupported line), not leakage", async () => {
    const rows: Row[] = [["Oxaliplatin", "J9263", "chemo", "IV", "09:00", "10:30"]];
    expect(await analyze(rows, [["96413", 1, 119.36, "1", "2025-03-21"], ["96415", 1, 25.55, "1", "2025-03-21"]])).toEqual([
      { kind: "unsupported_line", cause: "compliance", code: "96415", units: 1, valueCents: 2_555 },
    ]);
  });

  test("… one minute more (91 min) and the unbilled 96415 is a lost add-on hour", async () => {
    const rows: Row[] = [["Oxaliplatin", "J9263", "chemo", "IV", "09:00", "10:31"]];
    expect(await analyze(rows, [["96413", 1, 119.36, "1", "2025-03-21"]])).toEqual([{ kind: "missed_addon_hours", cause: "coding", code: "96415", units: 1, valueCents: 2_555 }]);
  });

  test("a replacement claim (frequency 7) that adds the missed hour replaces the original: no finding", async () => {
    const rows: Row[] = [["Oxaliplatin", "J9263", "chemo", "IV", "09:00", "10:31"]];
    const lines: Line[] = [
      ["96413", 1, 119.36, "1", "2025-03-21"],
      ["96413", 1, 119.36, "7", "2025-04-04"],
      ["96415", 1, 25.55, "7", "2025-04-04"],
    ];
    expect(await analyze(rows, lines)).toEqual([]);
  });

  test("… and a replacement that drops a line wins over the original that had it: the hour is lost again", async () => {
    const rows: Row[] = [["Oxaliplatin", "J9263", "chemo", "IV", "09:00", "10:31"]];
    const lines: Line[] = [
      ["96413", 1, 119.36, "1", "2025-03-21"],
      ["96415", 1, 25.55, "1", "2025-03-21"],
      ["96413", 1, 119.36, "7", "2025-04-04"],
    ];
    expect(await analyze(rows, lines)).toEqual([{ kind: "missed_addon_hours", cause: "coding", code: "96415", units: 1, valueCents: 2_555 }]);
  });
});
