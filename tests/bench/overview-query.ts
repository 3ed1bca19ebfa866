/**
 * The overview's first view at scale (spec §8: "overview page data for 1,000,000 encounters in
 * < 300 ms"). Gates on the FIRST view after a recompute, measured end to end as the page does it
 * (app/page.tsx, lib/dashboard/load-dashboard.ts): the organization lookup (getDashboardOrganization,
 * whose data version keys the result cache), then the filter options (getFilterOptions), then the
 * overview data (getOverviewDataCached, which misses: the data version is new). Before each timed
 * view a separate connection stamps the organization's analyzedAt, as the recompute does when it
 * finishes: the data version changes (so the result cache misses) and the app's connection loses
 * its SQLite page cache (another connection wrote the file). The warm view (the same three steps, the
 * overview from the result cache) is printed as information only.
 *
 * Baseline, measured in the same run on the same database and client, after the same stamp: every
 * rollup row of the organization the overview aggregates (FindingRollup, EncounterRollup,
 * ClaimRollup, DenialReasonRollup) read once by a plain SUM per table — the least any overview must
 * read. (A `count` is no baseline: it reads the organizationId index only.)
 *
 * Targets: first view, worst median over 4 filter sets, < 300 ms (full size; --quick prints it as
 * information) and ≤ RATIO_TARGET× the baseline (both modes). Wave 2 ([10/12]) lowers the absolute
 * target to 150 ms; that is [10/12]'s to meet, this benchmark gates on §8's 300 ms until then
 * (BENCH_OVERVIEW_TARGET_MS=150 checks the wave-2 figure).
 *
 * Data: running the full pipeline (import + recompute) over 1M encounters takes many minutes, so the
 * rollup rows are generated directly at the cardinality such a practice produces: 104 weeks × 3
 * sites × 5 nurses per site × 5 payers × 1 setting for EncounterRollup (≈128 encounters per cell
 * per week = 1,000,000 in all); FindingRollup cells per (week, payer, site, nurse) × 30 (cause,
 * kind, code) pairs drawn with the per-encounter finding rates of the synthetic demo practice
 * (≈0.45 findings per encounter, so most cells are present); ClaimRollup per (week, payer, site,
 * 24 codes); DenialReasonRollup per (week, payer, code, CARC group + reason). A second organization
 * of the same size shares the tables, so every query has to use the organizationId index.
 *
 * BENCH_ENCOUNTERS (default 1,000,000; --quick 100,000); BENCH_RUNS (default 15; --quick 11);
 * BENCH_KEEP_DIR=<dir> keeps the database there for poking at the query plans.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { addDays } from "@/lib/analysis/week-bucket";
import { createPrismaClient, resolveDatabaseTarget, type Db, type SqliteTarget } from "@/lib/db";
import { getDashboardOrganization, getFilterOptions, getOverviewData, getOverviewDataCached } from "@/lib/db/dashboard";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import type { BenchCase } from "./bench-case";
import { atMost, median, verdict } from "./bench-targets";

const TARGET_MS = Number(process.env.BENCH_OVERVIEW_TARGET_MS ?? 300);
/**
 * First view / baseline (one read of the org's rollup rows, same conditions): measured 8× at 100,000
 * encounters and 13× at 1,000,000 here (2 cores, 28 ms baseline, 373 ms worst first view); §8's
 * 300 ms is ~10× that baseline, so 12× leaves room for noise, not for a slower first view.
 */
const RATIO_TARGET = 12;
const WEEKS = 104;
const FIRST_MONDAY = "2024-01-01";
const PAYERS = ["Medicare", "Aetna", "BCBS", "UnitedHealthcare", "Medicaid"];
const SITES = ["Riverside Infusion Center", "Lakeview Oncology Suite", "Hillcrest Infusion Clinic"];
const NURSES_PER_SITE = 5;

/** (cause, kind, code, findings per encounter, units per finding, cents per unit): the demo's mix. */
const FINDING_MIX: [string, string, string, number, number, number][] = [
  ["coding", "missed_addon_hours", "96415", 0.062, 1.25, 2_000],
  ["coding", "missed_addon_hours", "96361", 0.05, 1.07, 1_150],
  ["coding", "missed_addon_hours", "96366", 0.018, 1.1, 1_300],
  ["coding", "missed_addon_hours", "96370", 0.002, 1, 1_200],
  ["coding", "missed_concurrent", "96368", 0.023, 1, 2_060],
  ["coding", "missed_sequential", "96375", 0.012, 1, 1_800],
  ["coding", "missed_sequential", "96417", 0.007, 1, 4_500],
  ["coding", "missed_sequential", "96367", 0.005, 1, 2_300],
  ["coding", "missed_sequential", "96411", 0.004, 1, 4_200],
  ["coding", "missed_initial", "96360", 0.02, 1, 7_000],
  ["coding", "missed_initial", "96413", 0.006, 1, 15_000],
  ["coding", "missed_initial", "96365", 0.005, 1, 9_000],
  ["coding", "addon_without_primary", "96375", 0.02, 1.5, 2_000],
  ["coding", "addon_without_primary", "96415", 0.012, 1.5, 2_200],
  ["coding", "addon_without_primary", "96361", 0.01, 1.5, 1_200],
  ["documentation", "missing_stop_time", "96413", 0.006, 2, 9_000],
  ["documentation", "missing_stop_time", "96365", 0.005, 1.5, 6_000],
  ["documentation", "missing_stop_time", "96415", 0.003, 1, 3_500],
  ["payer", "denied_line", "96413", 0.006, 1, 18_000],
  ["payer", "denied_line", "96415", 0.008, 1.4, 3_000],
  ["payer", "denied_line", "96375", 0.009, 1, 2_000],
  ["payer", "denied_line", "96365", 0.004, 1, 9_000],
  ["payer", "denied_line", "96361", 0.006, 1.2, 1_200],
  ["payer", "denied_line", "96368", 0.003, 1, 2_100],
  ["payer", "unit_cut", "96415", 0.009, 1.05, 1_900],
  ["payer", "unit_cut", "96361", 0.008, 1.05, 1_000],
  ["payer", "unit_cut", "96366", 0.004, 1, 1_300],
  ["payer", "recoupment", "", 0.00005, 0, 23_000],
  ["compliance", "unsupported_line", "96413", 0.015, 1, 15_000],
  ["compliance", "overcoded_units", "96361", 0.012, 1.5, 1_150],
];

const CLAIM_CODES = [
  ["96413", false], ["96415", true], ["96417", true], ["96409", false], ["96411", true], ["96416", false], ["96365", false], ["96366", true],
  ["96367", true], ["96368", true], ["96374", false], ["96375", true], ["96360", false], ["96361", true], ["96372", false], ["96401", false],
  ["96402", false], ["J9263", false], ["J9035", false], ["J1756", false], ["J2405", false], ["J7050", false], ["J1745", false], ["J3489", false],
] as const;

const DENIAL_REASONS = [["CO", "B15"], ["CO", "16"], ["CO", "97"], ["CO", "50"], ["CO", "151"], ["PR", "204"]] as const;

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw (Knuth for small means, normal approximation above 30). */
function poisson(random: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }

  return k;
}

type Counts = { encounterRollups: number; findingRollups: number; claimRollups: number; denialReasonRollups: number; encounters: number };

/** Writes one organization's rollups with raw better-sqlite3 (what the recompute would have written). */
function populate(filePath: string, organizationId: string, encounters: number, seed: number): Counts {
  const db = new Database(filePath);
  const random = mulberry(seed);
  const counts: Counts = { encounterRollups: 0, findingRollups: 0, claimRollups: 0, denialReasonRollups: 0, encounters: 0 };
  const insertEncounter = db.prepare(
    `INSERT INTO "EncounterRollup" ("organizationId","weekStart","payer","site","nurse","setting","encounters","administrations","missingStops","firstDate","lastDate") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertFinding = db.prepare(
    `INSERT INTO "FindingRollup" ("organizationId","weekStart","payer","site","nurse","setting","cause","kind","code","findings","units","valueCents") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertClaim = db.prepare(
    `INSERT INTO "ClaimRollup" ("organizationId","weekStart","payer","site","code","isAddOn","lines","deniedLines","billedCents","deniedCents","paidCents","unitCutLines","unitCutUnits") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertReason = db.prepare(
    `INSERT INTO "DenialReasonRollup" ("organizationId","weekStart","payer","code","group","reason","lines","amountCents") VALUES (?,?,?,?,?,?,?,?)`,
  );
  const cells = SITES.length * NURSES_PER_SITE * PAYERS.length;
  const perCell = encounters / (WEEKS * cells);
  db.transaction(() => {
    for (let week = 0; week < WEEKS; week++) {
      const weekStart = addDays(FIRST_MONDAY, week * 7);
      const lastDate = addDays(weekStart, 4);
      for (const [siteIndex, site] of SITES.entries()) {
        const siteEncounters = new Map<string, number>();
        for (let n = 0; n < NURSES_PER_SITE; n++) {
          const nurse = `RN ${String.fromCharCode(65 + siteIndex * NURSES_PER_SITE + n)}. Synth`;
          for (const payer of PAYERS) {
            const count = Math.max(1, poisson(random, perCell));
            counts.encounters += count;
            siteEncounters.set(payer, (siteEncounters.get(payer) ?? 0) + count);
            insertEncounter.run(organizationId, weekStart, payer, site, nurse, "professional", count, count * 3, poisson(random, count * 0.015), weekStart, lastDate);
            counts.encounterRollups += 1;
            for (const [cause, kind, code, rate, unitsPer, centsPer] of FINDING_MIX) {
              const findings = poisson(random, count * rate);
              if (findings === 0) continue;
              const units = kind === "recoupment" ? 0 : Math.max(findings, Math.round(findings * unitsPer));
              insertFinding.run(organizationId, weekStart, payer, site, nurse, "professional", cause, kind, code, findings, units, Math.round((units || findings) * centsPer * (0.9 + random() * 0.2)));
              counts.findingRollups += 1;
            }
          }
        }
        for (const [payer, siteCount] of siteEncounters) {
          for (const [code, isAddOn] of CLAIM_CODES) {
            const lines = poisson(random, siteCount * 0.2);
            if (lines === 0) continue;
            const denied = poisson(random, lines * (isAddOn ? 0.04 : 0.015));
            const billed = lines * 25_000;
            insertClaim.run(organizationId, weekStart, payer, site, code, isAddOn ? 1 : 0, lines, denied, billed, denied * 25_000, Math.round(billed * 0.6), poisson(random, lines * 0.02), poisson(random, lines * 0.025));
            counts.claimRollups += 1;
          }
        }
      }
      for (const payer of PAYERS) {
        for (const [code] of CLAIM_CODES.slice(0, 16)) {
          for (const [group, reason] of DENIAL_REASONS) {
            const lines = poisson(random, (encounters / WEEKS / PAYERS.length / 16) * 0.004);
            if (lines === 0) continue;
            insertReason.run(organizationId, weekStart, payer, code, group, reason, lines, lines * 9_000);
            counts.denialReasonRollups += 1;
          }
        }
      }
    }
  })();
  db.close();

  return counts;
}

type Timing = { median: number; min: number; max: number };

/** `runs` timed calls of `task`, each after `before` (not timed); median, min, max. */
async function timeRuns(runs: number, before: () => void, task: () => Promise<unknown>): Promise<Timing> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    before();
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }

  return { median: median(times), min: Math.min(...times), max: Math.max(...times) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export const overviewQuery: BenchCase = {
  name: "overview",
  summary: `the overview's first view after a recompute (organization + filter options + overview data, uncached) over rollups of 1,000,000 encounters (< ${TARGET_MS} ms, ≤ ${RATIO_TARGET}× reading its rollups once)`,
  async run(log, { quick }) {
    const encounters = Number(process.env.BENCH_ENCOUNTERS ?? (quick ? 100_000 : 1_000_000));
    const runs = Number(process.env.BENCH_RUNS ?? (quick ? 11 : 15));
    const keep = process.env.BENCH_KEEP_DIR;
    const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), "dripaudit-bench-overview-"));
    let db: Db | undefined;
    let writer: Database.Database | undefined;
    try {
      const target = resolveDatabaseTarget({ dataDir: dir }) as SqliteTarget;
      await migrateDeploy(target);
      db = createPrismaClient(target);
      const organization = await db.organization.create({ data: { name: "Bench Practice", slug: "bench", setting: "professional" } });
      const neighbour = await db.organization.create({ data: { name: "Neighbour Practice", slug: "neighbour", setting: "professional" } });
      await db.$disconnect();
      const started = performance.now();
      const counts = populate(target.filePath, organization.id, encounters, 42);
      populate(target.filePath, neighbour.id, encounters, 7);
      log(
        `overview: rollups of ${counts.encounters.toLocaleString("en-US")} encounters (×2 organizations) generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `FindingRollup ${counts.findingRollups.toLocaleString("en-US")}, EncounterRollup ${counts.encounterRollups.toLocaleString("en-US")}, ` +
          `ClaimRollup ${counts.claimRollups.toLocaleString("en-US")}, DenialReasonRollup ${counts.denialReasonRollups.toLocaleString("en-US")} rows per organization`,
      );
      db = createPrismaClient(target);
      const client = db;
      // The first query opens the app's connection: a running server has done that long before.
      await client.$queryRawUnsafe("SELECT 1");

      // What the end of a recompute does to the app: another connection writes the organization's
      // analyzedAt (new data version, so the result cache misses; the app's connection sees a changed
      // file and drops its page cache).
      writer = new Database(target.filePath, { timeout: 10_000 });
      const stamp = writer.prepare(`UPDATE "Organization" SET "analyzedAt" = ?, "updatedAt" = ? WHERE "id" = ?`);
      let tick = Date.parse("2026-01-01T00:00:00Z");
      const recomputeFinished = () => {
        tick += 1_000;
        const at = new Date(tick).toISOString().replace("Z", "+00:00");
        stamp.run(at, at, organization.id);
      };

      const readRollups = async () => {
        for (const [table, column] of [["FindingRollup", "valueCents"], ["EncounterRollup", "encounters"], ["ClaimRollup", "billedCents"], ["DenialReasonRollup", "amountCents"]]) {
          await client.$queryRawUnsafe(`SELECT COUNT(*) AS "rows", SUM("${column}") AS "total" FROM "${table}" WHERE "organizationId" = ?`, organization.id);
        }
      };
      const baseline = await timeRuns(runs, recomputeFinished, readRollups);
      log(
        `  baseline: every rollup row of the organization read once (SUM per table) right after a recompute: median ${ms(baseline.median)} ` +
          `(min ${ms(baseline.min)}, max ${ms(baseline.max)}) over ${runs} runs`,
      );

      const cases: [string, DashboardFilters][] = [
        ["no filter", {}],
        ["payer", { payer: "Aetna" }],
        ["13 weeks + site", { from: "2025-09-29", to: "2025-12-28", site: SITES[1] }],
        ["cause", { cause: "coding" }],
      ];
      const view = async (filters: DashboardFilters) => {
        const current = await getDashboardOrganization(client, organization.id);
        if (!current) throw new Error("the bench organization is gone");
        const options = await getFilterOptions(client, current.id);
        const data = await getOverviewDataCached(client, current, filters);
        return { options, data };
      };
      let worstFirst = 0;
      let worstWarm = 0;
      for (const [label, filters] of cases) {
        // The first view after a recompute: what a user waits for once the analysis is done.
        const first = await timeRuns(runs, recomputeFinished, () => view(filters));
        // A later view of the same filters (overview from the result cache): information only.
        const warm = await timeRuns(runs, () => {}, () => view(filters));
        worstFirst = Math.max(worstFirst, first.median);
        worstWarm = Math.max(worstWarm, warm.median);
        log(
          `  ${label.padEnd(16)} first view: median ${ms(first.median)} (min ${ms(first.min)}, max ${ms(first.max)}); ` +
            `warm view (result cache): median ${ms(warm.median)}, information only — over ${runs} runs`,
        );
      }
      const check = await getOverviewData(client, organization.id, {}, 1);
      if (check.encounters !== counts.encounters) throw new Error(`the overview shows ${check.encounters} encounters, the rollups hold ${counts.encounters}`);
      log(`  check: ${check.encounters.toLocaleString("en-US")} encounters, ${check.window?.weeks} weeks, annualized leakage ${(check.totals.annualizedLeakageCents / 100).toLocaleString("en-US")} USD`);

      const ratio = worstFirst / Math.max(baseline.median, 0.001);
      const targetMs = atMost(TARGET_MS);
      const ratioTarget = atMost(RATIO_TARGET);
      const timeMet = worstFirst < targetMs;
      const ratioMet = ratio <= ratioTarget;
      log(
        `  first view after a recompute: worst median ${ms(worstFirst)} vs target < ${targetMs} ms (spec §8, at 1,000,000 encounters) — ` +
          (quick ? `information at ${counts.encounters.toLocaleString("en-US")} encounters (--quick; the full run gates on it)` : `${verdict(timeMet)} at ${counts.encounters.toLocaleString("en-US")} encounters`),
      );
      log(`  first view / baseline: ${ratio.toFixed(1)}× vs target ≤ ${ratioTarget}× — ${verdict(ratioMet)}`);
      log(`  warm view (cached overview): worst median ${ms(worstWarm)} — information only, not a target`);

      return ratioMet && (quick || timeMet);
    } finally {
      writer?.close();
      await db?.$disconnect();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  },
};
