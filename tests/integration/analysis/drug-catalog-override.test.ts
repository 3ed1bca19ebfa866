/**
 * A drug catalog override changes the numbers of encounters imported before it: administrations
 * whose source did not document a category are resolved again at recompute, with the
 * organization's current catalog (rule book §8.2, spec §3.6).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { createPrismaClient, type Db } from "@/lib/db";
import { runImport } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

const SESSIONS = [
  "encounter_id,patient_id,drug,hcpcs,category,route,start,stop",
  // Not in the built-in catalog and no category: therapeutic by default (§8.2 step 13).
  "E1,P1,Investigational mAb,,,iv_infusion,2025-03-04T09:00,2025-03-04T11:00",
  // Documented as therapeutic: a catalog entry for the same drug must not override it.
  "E2,P2,Investigational mAb,,therapeutic,iv_infusion,2025-03-05T09:00,2025-03-05T11:00",
].join("\n");
const CATALOG = "drug,category\nInvestigational mAb,chemo\n";

describe.each(providers)("drug catalog override on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let organizationId: string;

  const importText = async (name: string, text: string) => {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, text);
    const outcome = await runImport({ organizationId, filePath, fileName: name, database: { db, target: testDb.target }, patientKeySecret: "catalog-test-secret", patientIdKey: Buffer.alloc(32, 7) });
    expect(outcome.status, outcome.message).toBe("succeeded");
    await whenRecomputesIdle();
  };
  const findingCodes = async (encounterId: string) =>
    (
      await db.finding.findMany({ where: { organizationId, encounter: { externalEncounterId: encounterId } }, select: { code: true, units: true }, orderBy: { code: "asc" } })
    ).map((finding) => `${finding.code}×${finding.units}`);

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-catalog-"));
    organizationId = (await db.organization.create({ data: { name: "Catalog Clinic", slug: "catalog", timeZone: "America/New_York", setting: "facility" } })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("undocumented categories follow the catalog after an override; documented ones do not", async () => {
    await importText("sessions.csv", SESSIONS);
    expect(await findingCodes("E1")).toEqual(["96365×1", "96366×1"]);
    expect(await findingCodes("E2")).toEqual(["96365×1", "96366×1"]);

    await importText("catalog.csv", CATALOG);
    expect(await findingCodes("E1")).toEqual(["96413×1", "96415×1"]);
    expect(await findingCodes("E2")).toEqual(["96365×1", "96366×1"]);
  });
});
