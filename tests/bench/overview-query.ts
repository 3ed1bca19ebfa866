/**
 * Overview data at scale (spec §8: "overview page data for 1,000,000 encounters in < 300 ms warm").
 * Times `getOverviewData` — everything the overview shows, read from the rollup tables with plain
 * groupBy/aggregate — on a fresh SQLite database holding the rollups of a 1,000,000-encounter
 * practice, warm (after two unmeasured runs), median of N runs, with and without filters. Printed
 * beside baselines measured in the same run on the same database and client: a `SELECT 1` round
 * trip and a `count` of the organization's FindingRollup rows.
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
 * `BENCH_ENCOUNTERS=200000 npm run bench -- overview` for a quick run; BENCH_RUNS (default 15);
 * BENCH_KEEP_DIR=<dir> keeps the database there for poking at the query plans.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { addDays } from "@/lib/analysis/week-bucket";
import { createPrismaClient, resolveDatabaseTarget, type Db, type SqliteTarget } from "@/lib/db";
import { getDashboardOrganization } from "@/lib/db/dashboard/get-dashboard-organization";
import { getOverviewData, getOverviewDataCached } from "@/lib/db/dashboard/get-overview-data";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import type { BenchCase } from "./bench-case";

const TARGET_MS = 300;
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

async function timeIt(runs: number, task: () => Promise<unknown>): Promise<{ median: number; min: number; max: number }> {
  await task();
  await task();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);

  return { median: times[Math.floor(times.length / 2)]!, min: times[0]!, max: times.at(-1)! };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export const overviewQuery: BenchCase = {
  name: "overview",
  summary: "overview page data (getOverviewData) over rollups of 1,000,000 encounters, warm median (< 300 ms)",
  async run(log) {
    const encounters = Number(process.env.BENCH_ENCOUNTERS ?? 1_000_000);
    const runs = Number(process.env.BENCH_RUNS ?? 15);
    const keep = process.env.BENCH_KEEP_DIR;
    const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), "dripaudit-bench-overview-"));
    let db: Db | undefined;
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
        `  rollups of ${counts.encounters.toLocaleString("en-US")} encounters (×2 organizations) generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
          `FindingRollup ${counts.findingRollups.toLocaleString("en-US")}, EncounterRollup ${counts.encounterRollups.toLocaleString("en-US")}, ` +
          `ClaimRollup ${counts.claimRollups.toLocaleString("en-US")}, DenialReasonRollup ${counts.denialReasonRollups.toLocaleString("en-US")} rows per organization`,
      );
      db = createPrismaClient(target);
      const client = db;

      const selectOne = await timeIt(runs, () => client.$queryRawUnsafe("SELECT 1"));
      const count = await timeIt(runs, () => client.findingRollup.count({ where: { organizationId: organization.id } }));
      log(`  baseline SELECT 1: median ${ms(selectOne.median)}; count of the org's FindingRollup rows: median ${ms(count.median)}`);

      const cases: [string, DashboardFilters][] = [
        ["no filter", {}],
        ["payer", { payer: "Aetna" }],
        ["13 weeks + site", { from: "2025-09-29", to: "2025-12-28", site: SITES[1] }],
        ["cause", { cause: "coding" }],
      ];
      let worstQueries = 0;
      let worstPage = 0;
      for (const [label, filters] of cases) {
        // The queries themselves, every run (no result cache): what the first view after a recompute costs.
        const queries = await timeIt(runs, () => getOverviewData(client, organization.id, filters, 1));
        // What the page does on a warm view: read the organization (its data version), then the
        // data-version-keyed result cache (lib/db/dashboard/result-cache.ts).
        const page = await timeIt(runs, async () => {
          const current = await getDashboardOrganization(client, organization.id);
          return getOverviewDataCached(client, current!, filters);
        });
        worstQueries = Math.max(worstQueries, queries.median);
        worstPage = Math.max(worstPage, page.median);
        log(
          `  ${label.padEnd(16)} queries: median ${ms(queries.median)} (min ${ms(queries.min)}, max ${ms(queries.max)}); ` +
            `page data warm (org + cache): median ${ms(page.median)} — over ${runs} runs`,
        );
      }
      const check = await getOverviewData(client, organization.id, {}, 1);
      log(`  check: ${check.encounters.toLocaleString("en-US")} encounters, ${check.window?.weeks} weeks, annualized leakage ${(check.totals.annualizedLeakageCents / 100).toLocaleString("en-US")} USD`);
      const met = worstPage < TARGET_MS;
      log(
        `  overview page data warm: worst median ${ms(worstPage)} vs target < ${TARGET_MS} ms — ${met ? "met" : "MISSED"}; ` +
          `uncached queries: worst median ${ms(worstQueries)} (${worstQueries < TARGET_MS ? "also" : "NOT"} under ${TARGET_MS} ms; ` +
          `${(worstQueries / Math.max(count.median, 0.001)).toFixed(1)}× the count baseline)`,
      );

      return met;
    } finally {
      await db?.$disconnect();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    }
  },
};
