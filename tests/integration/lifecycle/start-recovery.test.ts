/**
 * Recovery at start (lib/db/start-recovery.ts, run by lib/server/start.mjs before serving): import
 * batches a dead process left `running` or `pending` are marked failed with a message that says to
 * import again, a batch whose importer still runs is left alone, and analyses left `running` or
 * `pending` go back to `pending`; the resume process (lib/server/resume-analyses-main.ts) then
 * finishes them.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/lib/db";
import { createRunningBatch, openBulkWriter, type BulkWriter } from "@/lib/db/import";
import { recoverInterruptedWork, SERVER_STOPPED_IMPORT_MESSAGE } from "@/lib/db/start-recovery";
import { pointAppAt, seedPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const RESUME_ENTRY = path.resolve("lib/server/resume-analyses-main.ts");

/** The pid of a process that has exited (a batch recorded by it belongs to a dead importer). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe.each(providers)("start recovery on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
  });

  afterAll(async () => {
    await restore?.();
    await testDb?.dispose();
  });

  test("interrupted batches fail with 'import again', a live import is spared, analyses go back to pending", async () => {
    const { db } = getDb();
    const organization = (status: string, slug: string) => db.organization.create({ data: { name: slug, slug: `${slug}-${name}`, analysisStatus: status }, select: { id: true } });
    const [running, pending, idle, failed] = await Promise.all([organization("running", "running"), organization("pending", "pending"), organization("idle", "idle"), organization("failed", "failed")]);

    const batch = (status: string, fileName: string) =>
      db.importBatch.create({ data: { organizationId: running.id, fileName, kind: "sessions", contentHash: fileName, status, startedAt: new Date() }, select: { id: true } });
    const deadRunning = await batch("running", "dead.csv");
    await db.auditEvent.create({
      data: { organizationId: running.id, action: "import.created", subjectType: "ImportBatch", subjectId: String(deadRunning.id), detail: { pid: deadPid(), host: (await import("node:os")).hostname() } },
    });
    const deadPending = await batch("pending", "queued.csv");
    const succeeded = await batch("succeeded", "done.csv");

    // A live importer: another process on SQLite (its pid is alive), a held advisory lock on PostgreSQL.
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60_000)"], { stdio: "ignore" });
    let liveWriter: BulkWriter | undefined;
    let live: number;
    try {
      liveWriter = await openBulkWriter(testDb.target);
      live = await createRunningBatch(liveWriter, "another-process", { organizationId: running.id, fileName: "live.csv", kind: "sessions", contentHash: "live", bytesTotal: 1 });
      await db.auditEvent.updateMany({ where: { subjectId: String(live), action: "import.created" }, data: { detail: { pid: sleeper.pid, host: (await import("node:os")).hostname() } } });

      const recovery = await recoverInterruptedWork(testDb.target);
      expect(recovery.failedBatchIds.sort((a, b) => a - b)).toEqual([deadRunning.id, deadPending.id].sort((a, b) => a - b));
      expect(recovery.pendingAnalysisIds.sort()).toEqual([running.id, pending.id].sort());
    } finally {
      sleeper.kill("SIGKILL");
      await liveWriter?.close();
    }

    const statusOf = async (id: number) => db.importBatch.findUniqueOrThrow({ where: { id }, select: { status: true, failureMessage: true } });
    expect(await statusOf(deadRunning.id)).toEqual({ status: "failed", failureMessage: SERVER_STOPPED_IMPORT_MESSAGE });
    expect(await statusOf(deadPending.id)).toEqual({ status: "failed", failureMessage: SERVER_STOPPED_IMPORT_MESSAGE });
    expect(await statusOf(live)).toEqual({ status: "running", failureMessage: null });
    expect(await statusOf(succeeded.id)).toEqual({ status: "succeeded", failureMessage: null });
    expect(SERVER_STOPPED_IMPORT_MESSAGE).toMatch(/server stopped during this import — import the file again/);

    const analysisOf = async (id: string) => (await db.organization.findUniqueOrThrow({ where: { id }, select: { analysisStatus: true } })).analysisStatus;
    expect(await analysisOf(running.id)).toBe("pending");
    expect(await analysisOf(pending.id)).toBe("pending");
    expect(await analysisOf(idle.id)).toBe("idle");
    expect(await analysisOf(failed.id)).toBe("failed");
  });

  test("the resume process finishes an analysis a kill left running with no findings", async () => {
    const { db } = getDb();
    const practice = await seedPractice("RESUME", "Resume Infusion Clinic");
    const findings = await db.finding.count({ where: { organizationId: practice.id } });
    expect(findings).toBeGreaterThan(0);
    // What a kill during the first analysis leaves: its transaction rolled back, the status still running.
    await db.finding.deleteMany({ where: { organizationId: practice.id } });
    await db.organization.update({ where: { id: practice.id }, data: { analysisStatus: "running", analyzedAt: null } });

    const { pendingAnalysisIds } = await recoverInterruptedWork(testDb.target);
    expect(pendingAnalysisIds).toContain(practice.id);
    const resumed = spawnSync(process.execPath, ["--import", "tsx", RESUME_ENTRY, ...pendingAnalysisIds], { cwd: process.cwd(), env: process.env, encoding: "utf8", timeout: 120_000 });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`resumed the interrupted analysis of practice ${practice.id}`);

    const after = await db.organization.findUniqueOrThrow({ where: { id: practice.id }, select: { analysisStatus: true, analyzedAt: true } });
    expect(after.analysisStatus).toBe("idle");
    expect(after.analyzedAt).not.toBeNull();
    expect(await db.finding.count({ where: { organizationId: practice.id } })).toBe(findings);
  });
});
