/**
 * Analysis recompute at scale (spec §8; issue "[4/5] Leakage analysis"): `recomputeOrganization` over
 * BENCH_ENCOUNTERS (default 1,000,000) generated encounters in a fresh SQLite database, end to end
 * (pre-pass for valuation and median durations, week-by-week recode + netting + matching + findings,
 * Finding and rollup writes, one transaction). Printed beside a baseline measured in the same run on
 * the same database: reading the same rows week by week with the same queries and nothing else. Peak
 * RSS is sampled during the recompute.
 *
 * Data: encounters from tests/bench/generate-encounters.ts (3–8 administrations each), spread over
 * 104 weeks of weekdays; each billed by a leaky biller (canonical lines from codeEncounter with an
 * add-on hour dropped on ~10 % of encounters, a line denied CO-16 on ~2 %, a unit cut on ~3 %),
 * written with raw better-sqlite3 inserts the way the importer writes them.
 *
 * `BENCH_ENCOUNTERS=50000 npm run bench -- analysis` for a quick run.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding/index";
import type { Encounter } from "@/lib/coding/types";
import { createPrismaClient, resolveDatabaseTarget, type SqliteTarget } from "@/lib/db";
import { openAnalysisConnection, readDataWeeks, readWeekClaimLines, readWeekEncounters } from "@/lib/db/analysis";
import { sqliteDate } from "@/lib/db/import/sqlite-bulk-writer";
import { resolveCategory } from "@/lib/coding/category";
import { resolveSettings } from "@/lib/coding/settings";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import type { BenchCase } from "./bench-case";
import { generateEncounters } from "./generate-encounters";
import { weekStartOf } from "@/lib/analysis/week-bucket";

const DAY_MS = 86_400_000;
const WEEKS = 104;
const FIRST_MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday
const CHUNK = 10_000;

const localOf = (at: number) => new Date(at - 5 * 3_600_000).toISOString().slice(0, 16); // fixed UTC−5 is enough here

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

const PAYERS = ["Medicare", "Aetna", "BCBS", "UnitedHealthcare", "Medicaid"];
const SITES = ["Riverside", "Lakeview", "Hillcrest"];
const NURSES = ["RN Adams", "RN Baker", "RN Cole", "RN Diaz", "RN Evans", "RN Ford"];
const ADDON_HOURS = new Set(["96361", "96366", "96415", "96423"]);

/** Fills the database with `count` encounters and their claims. */
function populate(filePath: string, organizationId: string, count: number): { administrations: number; claimLines: number } {
  const db = new Database(filePath);
  db.pragma("foreign_keys = OFF");
  const random = mulberry(7);
  const settings = { ...DEFAULT_CODING_SETTINGS };
  const resolved = resolveSettings(settings);
  const now = sqliteDate(Date.now());
  const insertEncounter = db.prepare(
    `INSERT INTO "Encounter" ("organizationId","externalEncounterId","patientKey","patientIdSealed","dateOfService","weekStart","site","payer","setting","createdAt") VALUES (?,?,?,?,?,?,?,?,NULL,?)`,
  );
  const insertAdministration = db.prepare(
    `INSERT INTO "Administration" ("organizationId","encounterId","drug","hcpcs","category","route","startAt","stopAt","startLocal","stopLocal","ivSite","nurse","primaryReason","sourceLine") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0,?)`,
  );
  const insertClaimLine = db.prepare(
    `INSERT INTO "ClaimLine" ("organizationId","claimId","claimVersion","claimFrequency","externalEncounterId","patientKey","dateOfService","weekStart","payer","code","modifiers","billedUnits","paidUnits","billedCents","allowedCents","paidCents","status","createdAt") VALUES (?,?,1,'1',?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const insertAdjustment = db.prepare(`INSERT INTO "ClaimAdjustment" ("organizationId","claimLineId","group","reason","amountCents") VALUES (?,?,?,?,?)`);
  const perDay = Math.ceil(count / (WEEKS * 5));
  let administrations = 0;
  let claimLines = 0;
  let line = 2;
  db.exec("BEGIN");
  for (let first = 0; first < count; first += CHUNK) {
    const encounters: Encounter[] = generateEncounters(Math.min(CHUNK, count - first), 1000 + first);
    encounters.forEach((encounter, i) => {
      const n = first + i;
      const dayIndex = Math.floor(n / perDay);
      const day = FIRST_MONDAY + (Math.floor(dayIndex / 5) * 7 + (dayIndex % 5)) * DAY_MS;
      const firstStart = encounter.administrations[0]!.start.at;
      const shift = day - Math.floor(firstStart / DAY_MS) * DAY_MS;
      for (const a of encounter.administrations) {
        a.start = { at: a.start.at + shift, local: localOf(a.start.at + shift) };
        if (a.stop) a.stop = { at: a.stop.at + shift, local: localOf(a.stop.at + shift) };
      }
      const dateOfService = encounter.administrations[0]!.start.local.slice(0, 10);
      const weekStart = weekStartOf(dateOfService, 1);
      const patient = `P${n % 40_000}`;
      const payer = PAYERS[n % PAYERS.length]!;
      const site = SITES[n % SITES.length]!;
      const nurse = NURSES[(n >> 2) % NURSES.length]!;
      const externalId = `E${n + 1}`;
      const encounterId = Number(insertEncounter.run(organizationId, externalId, patient.padEnd(64, "0"), patient, dateOfService, weekStart, site, payer, now).lastInsertRowid);
      for (const a of encounter.administrations) {
        const category = a.category ?? resolveCategory(a, resolved, []).category;
        insertAdministration.run(
          organizationId, encounterId, a.drug, a.hcpcs ?? null, category, a.route, sqliteDate(a.start.at), a.stop ? sqliteDate(a.stop.at) : null,
          a.start.local, a.stop?.local ?? null, a.ivSite ?? null, nurse, line++,
        );
        administrations++;
      }
      // The leaky biller.
      const lines = codeEncounter(encounter, settings).lines.map((l) => ({ code: l.code, units: l.units, modifiers: l.modifiers.join(",") }));
      const draw = random();
      if (draw < 0.1) {
        const addOn = lines.find((l) => ADDON_HOURS.has(l.code) && l.units > 1);
        if (addOn) addOn.units -= 1;
      }
      const denyIndex = draw >= 0.1 && draw < 0.12 ? Math.floor(random() * lines.length) : -1;
      const cutIndex = draw >= 0.12 && draw < 0.15 ? lines.findIndex((l) => l.units >= 2) : -1;
      lines.forEach((l, k) => {
        const perUnit = 2_000 + (Number(l.code.slice(-2)) % 7) * 1_500 + PAYERS.indexOf(payer) * 300;
        const denied = k === denyIndex;
        const paidUnits = denied ? 0 : k === cutIndex ? l.units - 1 : l.units;
        const billed = perUnit * 2 * l.units;
        const paid = perUnit * paidUnits;
        const id = Number(
          insertClaimLine.run(
            organizationId, `C${n + 1}`, externalId, patient.padEnd(64, "0"), dateOfService, weekStart, payer, l.code, l.modifiers, l.units, paidUnits,
            billed, denied ? null : perUnit * l.units, paid, denied ? "denied" : paidUnits < l.units ? "partial" : "paid", now,
          ).lastInsertRowid,
        );
        claimLines++;
        if (denied) insertAdjustment.run(organizationId, id, "CO", "16", billed);
        else insertAdjustment.run(organizationId, id, "CO", "45", billed - paid);
      });
    });
    if ((first / CHUNK) % 10 === 9) {
      db.exec("COMMIT");
      db.exec("BEGIN");
    }
  }
  db.exec("COMMIT");
  db.exec("ANALYZE");
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { administrations, claimLines };
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

export const analysisRecompute: BenchCase = {
  name: "analysis",
  summary: "recomputeOrganization over BENCH_ENCOUNTERS (default 1,000,000) encounters on SQLite vs reading the same rows",
  async run(log) {
    const count = Number(process.env.BENCH_ENCOUNTERS ?? 1_000_000);
    // BENCH_DB_DIR=<folder kept by an earlier run with BENCH_KEEP_DB=1> skips generating the data.
    const reuse = process.env.BENCH_DB_DIR;
    const dir = reuse ?? mkdtempSync(path.join(os.tmpdir(), "dripaudit-bench-analysis-"));
    try {
      const target = resolveDatabaseTarget({ dataDir: dir }) as SqliteTarget;
      const db = createPrismaClient(target);
      let organization: { id: string };
      if (reuse) {
        organization = await db.organization.findFirstOrThrow({ where: { slug: "bench" }, select: { id: true } });
        const [encounters, administrations, claimLines] = await Promise.all([db.encounter.count(), db.administration.count(), db.claimLine.count()]);
        log(`analysis: ${encounters.toLocaleString("en-US")} encounters, ${administrations.toLocaleString("en-US")} administrations, ${claimLines.toLocaleString("en-US")} claim lines (database reused from ${dir})`);
      } else {
        await migrateDeploy(target);
        organization = await db.organization.create({ data: { name: "Bench Infusion", slug: "bench", setting: "facility" } });
        const t0 = performance.now();
        const counts = populate(target.filePath, organization.id, count);
        log(`analysis: ${count.toLocaleString("en-US")} encounters, ${counts.administrations.toLocaleString("en-US")} administrations, ${counts.claimLines.toLocaleString("en-US")} claim lines over ${WEEKS} weeks (generated and inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
      }

      // Baseline: the same reads, week by week, and nothing else.
      const b0 = performance.now();
      const connection = await openAnalysisConnection(target);
      let read = 0;
      for (const week of await readDataWeeks(connection, organization.id)) {
        read += (await readWeekEncounters(connection, organization.id, week)).length;
        read += (await readWeekClaimLines(connection, organization.id, week)).length;
      }
      await connection.close();
      const baselineMs = performance.now() - b0;

      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 50);
      const rssBefore = process.memoryUsage().rss;
      const r0 = performance.now();
      const result = await recomputeOrganization(organization.id, { target, db });
      const encountersAnalyzed = result.encounters;
      const recomputeMs = performance.now() - r0;
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);

      const rollups = await db.findingRollup.groupBy({ by: ["cause"], where: { organizationId: organization.id }, _sum: { valueCents: true, findings: true } });
      await db.$disconnect();
      log(`  baseline (read encounters, administrations, claim lines + adjustments week by week): ${(baselineMs / 1000).toFixed(1)} s (${read.toLocaleString("en-US")} rows), ${Math.round(encountersAnalyzed / (baselineMs / 1000)).toLocaleString("en-US")} encounters/s`);
      log(`  recomputeOrganization: ${(recomputeMs / 1000).toFixed(1)} s, ${Math.round(encountersAnalyzed / (recomputeMs / 1000)).toLocaleString("en-US")} encounters/s, ${result.findings.toLocaleString("en-US")} findings, ${result.weeks} weeks`);
      log(`  ratio recompute / baseline: ${(recomputeMs / baselineMs).toFixed(1)}×`);
      log(`  RSS before recompute ${mb(rssBefore)}, peak during recompute ${mb(peakRss)} (process max ${mb(process.resourceUsage().maxRSS * 1024)})`);
      log(`  findings by cause: ${rollups.map((r) => `${r.cause} ${r._sum.findings} ($${Math.round((r._sum.valueCents ?? 0) / 100).toLocaleString("en-US")})`).join(", ")}`);
      return true;
    } finally {
      // The connection's close starts a background WAL checkpoint (worker thread): let it finish first.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      if (process.env.BENCH_KEEP_DB || reuse) log(`  (database kept in ${dir})`);
      else rmSync(dir, { recursive: true, force: true });
    }
  },
};
