import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { DEFAULT_ERROR_RATES, emptyCounts, generatePractice } from "@/lib/synthetic/generate-practice";
import { ERROR_KINDS, type GeneratorOptions, type SyntheticEncounter } from "@/lib/synthetic/types";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { readTruth } from "./compare-practice";

/** Generation takes 0.3–3 s per test; allow for a busy machine. */
const TIMEOUT = 120_000;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "dripaudit-synthetic-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function hashFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = createHash("sha256").update(readFileSync(join(dir, rel))).digest("hex");
    }
  };
  walk("");
  return out;
}

async function collect(options: Partial<GeneratorOptions>) {
  const counts = emptyCounts();
  const encounters: SyntheticEncounter[] = [];
  for await (const week of generatePractice(options, counts)) encounters.push(...week.encounters);
  return { counts, encounters };
}

describe("determinism", () => {
  test("same seed → byte-identical files; another seed → different files", async () => {
    const options = { seed: 99, weeks: 3, startDate: "2025-10-27" };
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    await writePracticeFiles(a, options);
    await writePracticeFiles(b, options);
    await writePracticeFiles(c, { ...options, seed: 100 });
    const [ha, hb, hc] = [hashFiles(a), hashFiles(b), hashFiles(c)];
    expect(Object.keys(ha)).toContain("sessions.csv");
    expect(Object.keys(ha).filter((f) => f.endsWith(".835")).length).toBeGreaterThanOrEqual(5);
    expect(hb).toEqual(ha);
    for (const file of ["sessions.csv", "sessions-mar.csv", "claims.csv", "truth.json"]) expect(hc[file]).not.toBe(ha[file]);
  }, TIMEOUT);
});

describe("volume and shape", () => {
  test("about 19.5 visits per site per weekday, plus the DST-night visits", async () => {
    const { counts, encounters } = await collect({ seed: 5, weeks: 8, startDate: "2025-10-06" });
    expect(counts.encounters).toBe(encounters.length);
    expect(encounters.length).toBeGreaterThan(8 * 292 * 0.9);
    expect(encounters.length).toBeLessThan(8 * 292 * 1.1);
    const dst = encounters.filter((e) => e.regimen === "overnight_hydration");
    expect(dst.map((e) => e.dateOfService)).toEqual(["2025-11-02"]);
    expect(dst[0]!.canonical.map((l) => `${l.code}x${l.units}`)).toEqual(["96360x1", "96361x2"]);
    expect(new Set(encounters.map((e) => e.id)).size).toBe(encounters.length);
    // One visit per patient per day, so claims can be matched by patient + date of service.
    expect(new Set(encounters.map((e) => `${e.patient.id}|${e.dateOfService}`)).size).toBe(encounters.length);
    expect(counts.marEncounters).toBe(encounters.filter((e) => e.form === "mar").length);
    expect(counts.marEncounters).toBeGreaterThan(0);
    // Weekdays only, apart from the DST night.
    for (const e of encounters) if (e.regimen !== "overnight_hydration") expect([1, 2, 3, 4, 5]).toContain(new Date(`${e.dateOfService}T12:00:00Z`).getUTCDay());
  }, TIMEOUT);
});

describe("injected errors", () => {
  test("counts match the configured rates among eligible encounters (binomial, 4 sd)", async () => {
    const { counts, encounters } = await collect({ seed: 3, weeks: 20 });
    for (const kind of ERROR_KINDS) {
      const n = counts.eligible[kind];
      const p = DEFAULT_ERROR_RATES[kind];
      expect(n, kind).toBeGreaterThan(300);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(counts.errors[kind] - n * p), `${kind}: ${counts.errors[kind]} of ${n} at ${p}`).toBeLessThanOrEqual(4 * sd + 1);
      expect(counts.errors[kind]).toBe(encounters.filter((e) => e.error?.error === kind).length);
    }
  }, TIMEOUT);

  test("custom rates: a single error kind at 50 %, then none at all", async () => {
    const zero = Object.fromEntries(ERROR_KINDS.map((k) => [k, 0])) as GeneratorOptions["errorRates"];
    const half = await collect({ seed: 4, weeks: 6, errorRates: { ...zero, dropped_addon_hours: 0.5 } });
    expect(Object.entries(half.counts.errors).filter(([, n]) => n > 0).map(([k]) => k)).toEqual(["dropped_addon_hours"]);
    const n = half.counts.eligible.dropped_addon_hours;
    expect(Math.abs(half.counts.errors.dropped_addon_hours - n / 2)).toBeLessThanOrEqual(4 * Math.sqrt(n / 4) + 1);

    const none = await collect({
      seed: 4,
      weeks: 3,
      errorRates: zero,
      payerBehaviour: { lineDenialRate: 0, claimDenialRate: 0, unitCutRate: 0, reversalAndCorrection: false, recoupment: false },
    });
    expect(none.encounters.every((e) => e.error === undefined)).toBe(true);
    expect(Object.values(none.counts.payerEvents).every((v) => v === 0)).toBe(true);
    expect(none.counts.claims).toBe(none.encounters.filter((e) => e.billed.length > 0).length);
  }, TIMEOUT);

  test("rates adding up to more than 1 are refused", async () => {
    const iterator = generatePractice({ errorRates: { ...DEFAULT_ERROR_RATES, dropped_addon_hours: 0.9 } });
    await expect(iterator.next()).rejects.toThrow(/at most 1/);
  }, TIMEOUT);

  test("truth.json: every record names an existing encounter, at most one error per encounter, counts agree", async () => {
    const dir = tempDir();
    const result = await writePracticeFiles(dir, { seed: 8, weeks: 4 });
    const truth = readTruth(dir);
    const ids = new Set<string>();
    for (const file of ["sessions.csv", "sessions-mar.csv"]) {
      for (const line of readFileSync(join(dir, file), "utf8").split("\n").slice(1)) if (line) ids.add(line.slice(0, line.indexOf(",")));
    }
    expect(ids.size).toBe(result.counts.encounters);
    expect(truth.counts).toEqual(result.counts);
    expect(truth.parameters.seed).toBe(8);
    const errorIds = truth.errors.map((e) => e.encounterId);
    expect(new Set(errorIds).size).toBe(errorIds.length);
    for (const id of errorIds) expect(ids.has(id)).toBe(true);
    for (const event of truth.payerEvents) expect(ids.has(event.encounterId)).toBe(true);
    for (const kind of ERROR_KINDS) expect(truth.errors.filter((e) => e.error === kind).length).toBe(truth.counts.errors[kind]);
    expect(truth.payerEvents.filter((e) => e.event === "denied_line").length).toBe(truth.counts.payerEvents.denied_line);
    // Payer behaviour (other than CO-B15 on orphans) only touches correctly billed encounters.
    const withErrors = new Set(errorIds);
    for (const event of truth.payerEvents) if (event.event !== "orphan_addon_denied") expect(withErrors.has(event.encounterId)).toBe(false);
    expect(truth.counts.payerEvents.reversal_correction).toBe(1);
    expect(truth.counts.payerEvents.recoupment).toBe(1);
    // Missing stops are blank in the sessions file.
    const missing = truth.errors.filter((e) => e.error === "missing_stop_time");
    expect(missing.length).toBeGreaterThan(0);
    const rows = readFileSync(join(dir, "sessions.csv"), "utf8").split("\n");
    for (const e of missing) {
      const row = rows.find((r) => r.startsWith(`${e.encounterId},`) && r.includes(e.administration!.start.replace("T", " ")) && r.includes(e.administration!.drug));
      expect(row, e.encounterId).toBeDefined();
      expect(row!.split(",")[12]).toBe("");
    }
  }, TIMEOUT);
});
