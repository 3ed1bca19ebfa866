/**
 * Issue 13 "No stale engine output": the CodedLine rows are rewritten by every recompute with the
 * settings that produce the findings. A rule setting change (or a drug catalog override) followed
 * by the recompute it triggers leaves no line coded under the old settings, and the stored lines
 * are the encounter page's "should bill" lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { scheduleRecompute, whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { ENGINE_VERSION } from "@/lib/coding";
import { createPrismaClient, type Db } from "@/lib/db";
import { getEncounterDetail } from "@/lib/db/encounters/get-encounter-detail";
import { runImport } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { publishedVersion } from "@/tests/helpers/published-version";

const providers = await resolveTestProviders();

const SESSIONS = [
  "encounter_id,patient_id,drug,hcpcs,category,route,start,stop",
  // No stop time: a push under missingStop "push" (the default), nothing time-based under "none" (§2.2, §13.10).
  "E1,P1,Iron sucrose,J1756,therapeutic,iv_infusion,2025-03-04T10:00,",
  "E2,P2,Oxaliplatin,J9263,chemo,iv_infusion,2025-03-04T09:00,2025-03-04T11:00",
  // Undocumented category, not in the built-in catalog: therapeutic until the catalog says chemo (§8.2).
  "E3,P3,Investigational mAb,,,iv_infusion,2025-03-11T09:00,2025-03-11T11:00",
].join("\n");
const CLAIMS = [
  "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,units,billed_amount,allowed_amount,paid_amount",
  "C1,E1,P1,2025-03-04,Aetna,96374,1,150.00,90.00,90.00",
  "C2,E2,P2,2025-03-04,Aetna,96413,1,450.00,300.00,300.00",
  "C3,E3,P3,2025-03-11,Aetna,96365,1,300.00,200.00,200.00",
].join("\n");

describe.each(providers)("CodedLine rows follow every recompute on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let organizationId: string;

  const importText = async (name: string, text: string) => {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, text);
    const outcome = await runImport({
      organizationId, filePath, fileName: name, database: { db, target: testDb.target }, patientKeySecret: "coded-lines-secret", patientIdKey: Buffer.alloc(32, 7),
    });
    expect(outcome.status, outcome.message).toBe("succeeded");
    await whenRecomputesIdle();
  };
  const encounterId = async (external: string) => (await db.encounter.findFirstOrThrow({ where: { organizationId, externalEncounterId: external } })).id;
  const stored = async (external: string) =>
    (await db.codedLine.findMany({ where: { organizationId, encounterId: await encounterId(external) }, orderBy: { position: "asc" } })).map(
      (line) => `${line.code}×${line.units}${line.modifiers ? `-${line.modifiers}` : ""}`,
    );
  const shouldBill = async (external: string) =>
    (await getEncounterDetail(db, organizationId, await publishedVersion(db, organizationId), await encounterId(external)))!.codedLines.map(
      (line) => `${line.code}×${line.units}${line.modifiers.length ? `-${line.modifiers.join(",")}` : ""}`,
    );
  const findingsOf = async (external: string) =>
    (await db.finding.findMany({ where: { organizationId, encounter: { externalEncounterId: external } }, orderBy: { id: "asc" } })).map((f) => `${f.kind}/${f.code}`);

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-coded-lines-"));
    organizationId = (await db.organization.create({ data: { name: "Coded Lines Clinic", slug: "coded-lines", timeZone: "America/New_York", setting: "facility" } })).id;
    await importText("sessions.csv", SESSIONS);
    await importText("claims.csv", CLAIMS);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("after import and its recompute: the stored lines are the should-bill lines", async () => {
    expect(await stored("E1")).toEqual(["96374×1"]);
    expect(await stored("E2")).toEqual(["96413×1", "96415×1"]);
    expect(await stored("E3")).toEqual(["96365×1", "96366×1"]);
    for (const id of ["E1", "E2", "E3"]) expect(await stored(id)).toEqual(await shouldBill(id));
  });

  test("a rule setting change and the recompute it triggers: CodedLine reflects the new setting", async () => {
    await db.organization.update({ where: { id: organizationId }, data: { ruleSettings: { missingStop: "none" } } });
    // What a settings change triggers (recompute-triggers: every week).
    await scheduleRecompute(organizationId, { target: testDb.target, db }).done;
    expect(await stored("E1")).toEqual([]);
    expect(await shouldBill("E1")).toEqual([]);
    // Billed 96374 is no longer supported: the finding and the stored lines agree.
    expect(await findingsOf("E1")).toEqual(["unsupported_line/96374"]);
    expect(await stored("E2")).toEqual(["96413×1", "96415×1"]);
    const rows = await db.codedLine.findMany({ where: { organizationId } });
    expect(rows.every((row) => row.engineVersion === ENGINE_VERSION)).toBe(true);
    // Administration ids are database ids, as the import stores them.
    const e2Administrations = await db.administration.findMany({ where: { organizationId, encounterId: await encounterId("E2") } });
    const e2Lines = await db.codedLine.findMany({ where: { organizationId, encounterId: await encounterId("E2") } });
    for (const line of e2Lines) expect(line.administrationIds).toBe(String(e2Administrations[0]!.id));

    await db.organization.update({ where: { id: organizationId }, data: { ruleSettings: { missingStop: "push" } } });
    await recomputeOrganization(organizationId, { target: testDb.target, db });
    expect(await stored("E1")).toEqual(["96374×1"]);
    expect(await findingsOf("E1")).toEqual([]);
  });

  test("a drug catalog override, then a recompute of one week only: that week's lines follow the catalog", async () => {
    await db.drugCatalogEntry.create({ data: { organizationId, drug: "Investigational mAb", category: "chemo" } });
    // A list of weeks: the shared context changed (catalog), so every week is rebuilt anyway.
    await recomputeOrganization(organizationId, { target: testDb.target, db, weeks: ["2025-03-10"] });
    expect(await stored("E3")).toEqual(["96413×1", "96415×1"]);
    expect(await stored("E3")).toEqual(await shouldBill("E3"));
    expect(await findingsOf("E3")).toEqual(["wrong_initial/96413", "missed_addon_hours/96415"]);
    for (const id of ["E1", "E2"]) expect(await stored(id)).toEqual(await shouldBill(id));
  });
});
