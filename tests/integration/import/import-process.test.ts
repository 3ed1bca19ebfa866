/**
 * Imports from the browser run in a child process with a memory limit (issue 11):
 * - a sessions file imports through the child (progress and the outcome over IPC, the rows in the
 *   database, the recompute scheduled here) and its upload is deleted;
 * - a claims CSV that needs more heap than DRIPAUDIT_IMPORT_MEMORY_MB=64 fails its own job with
 *   the memory message, this process keeps going, nothing of the file is saved, and a normal import
 *   right after succeeds under the same limit;
 * - the column-mapping round-trip works across the process boundary.
 */
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { createPrismaClient, type Db } from "@/lib/db";
import { parseEnv } from "@/lib/env";
import { createChildImportRunner } from "@/lib/import/child-import-runner";
import { createImportJobRegistry, type TImportJobRegistry } from "@/lib/import/import-jobs";
import type { ImportProgress } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { writeSessionsCsv } from "@/tests/bench/import-generate-sessions";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const SECRET = "integration-secret-0123456789abcdef0123456789";
const CLAIMS_HEADER = "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency";

/**
 * A claims CSV of about `megabytes` MB. Claims CSVs are read whole before they are written, so
 * its lines need several times the file's size in heap: far more than 64 MB here.
 */
function writeBigClaimsCsv(filePath: string, megabytes: number): void {
  const fd = openSync(filePath, "w");
  try {
    let size = 0;
    let chunk = `${CLAIMS_HEADER}\n`;
    for (let i = 1; size < megabytes * 2 ** 20; i++) {
      const line = `C${i},E${i},P${i % 5000},2025-03-04,Acme Health,96413,,1,450.00,300.00,240.00,1,CO-45:150.00;PR-2:60.00,,paid,2025-03-20,1\n`;
      chunk += line;
      size += line.length;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

describe.each(providers)("imports in a child process on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let registry: TImportJobRegistry;
  const memoryMb = parseEnv({ DRIPAUDIT_IMPORT_MEMORY_MB: "64" }).DRIPAUDIT_IMPORT_MEMORY_MB;

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-child-it-"));
    registry = createImportJobRegistry({
      runner: createChildImportRunner({ memoryMb, database: { db, target: testDb.target, url: testDb.databaseUrl }, patientKeySecret: SECRET, env: { DRIPAUDIT_DATA_DIR: dir } }),
    });
  });

  afterAll(async () => {
    await registry?.idle();
    await whenRecomputesIdle();
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let orgCounter = 0;
  async function newOrganization(): Promise<string> {
    orgCounter++;
    const org = await db.organization.create({ data: { name: `Child ${orgCounter}`, slug: `child-${name}-${orgCounter}`, timeZone: "America/New_York" } });
    return org.id;
  }

  test("a sessions file imports through the child process: progress, rows, recompute, upload deleted", async () => {
    const organizationId = await newOrganization();
    const filePath = path.join(dir, "sessions.upload");
    const written = writeSessionsCsv(filePath, 3_000);
    const phases = new Set<ImportProgress["phase"]>();
    const started = registry.start({ organizationId, filePath, fileName: "sessions.csv", bytesTotal: 1 });
    const poll = setInterval(() => {
      const phase = registry.get(started.jobId, [organizationId])?.progress?.phase;
      if (phase) phases.add(phase);
    }, 5);
    await registry.idle();
    clearInterval(poll);

    const job = registry.get(started.jobId, [organizationId]);
    expect(job?.outcome?.message).toMatch(/^Imported/);
    expect(job).toMatchObject({ state: "finished", outcome: { status: "succeeded", kind: "sessions" }, progress: { phase: "done" } });
    expect(phases.size).toBeGreaterThan(1);
    expect(await db.encounter.count({ where: { organizationId } })).toBe(written.encounters);
    expect(await db.administration.count({ where: { organizationId } })).toBe(written.rows);
    expect(job?.outcome?.counts.encounters).toBe(written.encounters);
    const [batch] = await db.importBatch.findMany({ where: { organizationId } });
    expect(batch).toMatchObject({ status: "succeeded", id: job?.outcome?.batchId });
    await expect.poll(() => existsSync(filePath)).toBe(false);

    // The child handed the touched weeks back: the recompute ran here and produced the findings.
    await whenRecomputesIdle();
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId } });
    expect(organization.analysisStatus).toBe("idle");
    expect(organization.analyzedAt).not.toBeNull();
  });

  test("a file that needs more memory than the limit fails its job with the memory message; the next import succeeds", async () => {
    const organizationId = await newOrganization();
    const hostile = path.join(dir, "hostile.upload");
    writeBigClaimsCsv(hostile, 40);
    const normal = path.join(dir, "normal.upload");
    const written = writeSessionsCsv(normal, 500, { prefix: "N" });

    const before = process.memoryUsage().rss;
    const first = registry.start({ organizationId, filePath: hostile, fileName: "claims-export.csv", bytesTotal: 1 });
    const second = registry.start({ organizationId, filePath: normal, fileName: "sessions.csv", bytesTotal: 1 });
    // This process keeps answering while the child fills its heap.
    let ticks = 0;
    const tick = setInterval(() => ticks++, 50);
    await registry.idle();
    clearInterval(tick);
    await whenRecomputesIdle();

    const failed = registry.get(first.jobId, [organizationId]);
    expect(failed?.outcome?.status).toBe("failed");
    expect(failed?.outcome?.message).toBe(
      "The import ran out of memory (the limit is 64 MB) and nothing from claims-export.csv was saved — split the file into smaller files, or raise DRIPAUDIT_IMPORT_MEMORY_MB.",
    );
    expect(ticks).toBeGreaterThan(2);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
    expect(await db.claimLine.count({ where: { organizationId } })).toBe(0);
    await expect.poll(() => existsSync(hostile)).toBe(false);
    // The batch the dead process left running is marked interrupted at once.
    const claimsBatches = await db.importBatch.findMany({ where: { organizationId, fileName: "claims-export.csv" } });
    for (const batch of claimsBatches) expect(batch.status).toBe("failed");

    expect(registry.get(second.jobId, [organizationId])?.outcome?.status).toBe("succeeded");
    expect(await db.administration.count({ where: { organizationId } })).toBe(written.rows);
  });

  test("an import process killed mid-write fails its job and leaves no rows", async () => {
    const organizationId = await newOrganization();
    const filePath = path.join(dir, "big.upload");
    writeSessionsCsv(filePath, 60_000, { prefix: "K" });
    const started = registry.start({ organizationId, filePath, fileName: "big.csv", bytesTotal: 1 });
    await expect
      .poll(() => registry.get(started.jobId, [organizationId])?.progress?.phase, { timeout: 60_000, interval: 20 })
      .toBe("recoding");
    // The batch's audit event names the process that runs it.
    const [event] = await db.auditEvent.findMany({ where: { organizationId, action: "import.created" } });
    const detail = typeof event?.detail === "string" ? JSON.parse(event.detail) : event?.detail;
    const pid = (detail as { pid: number }).pid;
    expect(pid).not.toBe(process.pid);
    process.kill(pid, "SIGKILL");
    await registry.idle();
    await whenRecomputesIdle();

    const job = registry.get(started.jobId, [organizationId]);
    expect(job?.outcome).toMatchObject({ status: "failed" });
    expect(job?.outcome?.message).toMatch(/^The import process was stopped \(SIGKILL.*nothing from big\.csv was saved/);
    const where = { organizationId };
    expect(await db.encounter.count({ where })).toBe(0);
    expect(await db.administration.count({ where })).toBe(0);
    expect(await db.codedLine.count({ where })).toBe(0);
    expect(await db.importBatch.findMany({ where })).toMatchObject([{ status: "failed", fileName: "big.csv" }]);
    await expect.poll(() => existsSync(filePath)).toBe(false);
  });

  test("the column-mapping round-trip works across the process boundary", async () => {
    const organizationId = await newOrganization();
    const filePath = path.join(dir, "unmapped.upload");
    writeFileSync(
      filePath,
      ["Visit,Person,Medication,Code,Kind,Way,Began,Ended", "V1,P9,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:00,2025-03-04 11:00"].join("\n") + "\n",
    );
    const first = registry.start({ organizationId, filePath, fileName: "unmapped.csv", bytesTotal: 1, kind: "sessions" });
    await registry.idle();
    const asked = registry.get(first.jobId, [organizationId]);
    expect(asked?.outcome?.status).toBe("needs_mapping");
    expect(asked?.outcome?.missingColumns?.headers).toContain("Medication");
    expect(existsSync(filePath)).toBe(true);

    const retry = registry.retryWithMapping(first.jobId, organizationId, {
      kind: "sessions",
      sourceName: "Clinic EHR",
      mapping: { encounter_id: "Visit", patient_id: "Person", drug: "Medication", hcpcs: "Code", category: "Kind", route: "Way", start: "Began", stop: "Ended" },
    });
    await registry.idle();
    await whenRecomputesIdle();
    expect(registry.get(retry.jobId, [organizationId])?.outcome).toMatchObject({ status: "succeeded", counts: { encounters: 1 } });
    expect(await db.administration.count({ where: { organizationId } })).toBe(1);
    await expect.poll(() => existsSync(filePath)).toBe(false);
  });
});
