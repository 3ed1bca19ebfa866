/**
 * Issue 17 "Recompute is measured on statistics the product never gathers": the weekly
 * administrations read (the recompute reads it once per week) must use its indexes on the database
 * users have right after an import — driven from the week's encounters by
 * Encounter(organizationId, weekStart), then each encounter's administrations by
 * Administration(encounterId) — never a scan of the practice's administrations per week.
 *
 * SQLite: the import gathers no planner statistics (asserted), and without them SQLite used to make
 * Administration the outer loop through its (organizationId, drug, route) index; the plan must not
 * depend on statistics. PostgreSQL: the import runs ANALYZE on the tables it wrote once it commits
 * (asserted), and the plan uses the same two indexes. The test itself never runs ANALYZE.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { explainWeekAdministrationsRead, openAnalysisConnection, readWeekEncounters, tablesWithPlannerStatistics } from "@/lib/db/analysis";
import { runImport } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

const WEEKS = 40;
const PER_WEEK = 100; // weekdays Mon–Fri, 20 a day
const DAY_MS = 86_400_000;
const FIRST_MONDAY = Date.UTC(2025, 0, 6);

/** WEEKS × PER_WEEK encounters, 3 administrations each (hydration, then a push, then an infusion). */
function sessionsCsv(): string {
  const lines = ["encounter_id,patient_id,drug,hcpcs,category,route,start,stop"];
  const at = (ms: number) => new Date(ms).toISOString().slice(0, 16);
  for (let n = 0; n < WEEKS * PER_WEEK; n++) {
    const week = Math.floor(n / PER_WEEK);
    const day = FIRST_MONDAY + (week * 7 + (n % 5)) * DAY_MS + 9 * 3_600_000;
    lines.push(
      `E${n},P${n % 700},Normal saline,J7050,hydration,IV,${at(day)},${at(day + 60 * 60_000)}`,
      `E${n},P${n % 700},Ondansetron,J2405,therapeutic,IV Push,${at(day + 61 * 60_000)},${at(day + 63 * 60_000)}`,
      `E${n},P${n % 700},Iron sucrose,J1756,therapeutic,IVPB,${at(day + 70 * 60_000)},${at(day + 130 * 60_000)}`,
    );
  }
  return lines.join("\n");
}

describe.each(providers)("weekly administrations read plan on a freshly imported $name database", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let organizationId: string;
  const week = "2025-02-03";

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-week-plan-"));
    organizationId = (await db.organization.create({ data: { name: "Plan Clinic", slug: "plan-clinic", timeZone: "UTC", setting: "facility" } })).id;
    // A second practice, so "organizationId"=? is not the whole table.
    const other = (await db.organization.create({ data: { name: "Other Clinic", slug: "other-clinic", timeZone: "UTC", setting: "facility" } })).id;
    const filePath = path.join(dir, "sessions.csv");
    writeFileSync(filePath, sessionsCsv());
    for (const id of [organizationId, other]) {
      const outcome = await runImport({
        organizationId: id, filePath, fileName: "sessions.csv", database: { db, target: testDb.target }, analyze: false,
        patientKeySecret: "week-plan-secret", patientIdKey: Buffer.alloc(32, 5),
      });
      expect(outcome.status, outcome.message).toBe("succeeded");
    }
  }, 120_000);

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("uses Encounter(organizationId, weekStart) then Administration(encounterId), no scan", async () => {
    const connection = await openAnalysisConnection(testDb.target);
    try {
      const statistics = await tablesWithPlannerStatistics(connection, ["Encounter", "Administration"]);
      const plan = await explainWeekAdministrationsRead(connection, organizationId, week);
      const text = plan.join("\n");
      if (name === "sqlite") {
        // The database users have: the import gathered no statistics, and this test ran no ANALYZE.
        expect(statistics).toEqual([]);
        const outer = plan.findIndex((line) => /^SEARCH e USING (COVERING )?INDEX Encounter_organizationId_weekStart_idx \(organizationId=\? AND weekStart=\?\)/.test(line));
        const inner = plan.findIndex((line) => /^SEARCH a USING INDEX Administration_encounterId_idx \(encounterId=\?\)$/.test(line));
        expect(outer, text).toBeGreaterThanOrEqual(0);
        expect(inner, text).toBeGreaterThan(outer);
        expect(text).not.toMatch(/SCAN (a|e)\b/);
        expect(text).not.toContain("Administration_organizationId_drug_route_idx");
      } else {
        // The import analyzed the tables it wrote once it committed.
        expect(statistics).toEqual(["Administration", "Encounter"]);
        expect(text).toMatch(/Index (Only )?Scan using "Encounter_organizationId_weekStart_idx" on "Encounter" e|Bitmap Index Scan on "Encounter_organizationId_weekStart_idx"/);
        expect(text).toMatch(/Index Scan using "Administration_encounterId_idx" on "Administration" a|Bitmap Index Scan on "Administration_encounterId_idx"/);
        expect(text).not.toMatch(/Seq Scan on "(Administration|Encounter)"/);
      }
      // And the read itself: the week's 100 encounters with their 3 administrations each, in file order.
      const encounters = await readWeekEncounters(connection, organizationId, week);
      expect(encounters).toHaveLength(PER_WEEK);
      expect(encounters.every((encounter) => encounter.administrations.map((a) => a.drug).join("|") === "Normal saline|Ondansetron|Iron sucrose")).toBe(true);
    } finally {
      await connection.close();
    }
  });
});
