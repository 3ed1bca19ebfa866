/**
 * The web server runs each recompute in a process of its own (lib/analysis/recompute-child.ts), so
 * the analysis never holds the event loop that answers requests. The child's recompute publishes
 * the same analysis as one run in process, and its failures come back with their message.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recomputeInChildProcess } from "@/lib/analysis/recompute-child";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import type { Db } from "@/lib/db";
import { visibleAt } from "@/lib/db/analysis";
import { importSyntheticPractice } from "@/tests/helpers/synthetic-practice";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

describe.each(providers)("recompute in a child process on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let organizationId: string;

  beforeAll(async () => {
    testDb = await create();
    ({ db, organizationId } = await importSyntheticPractice(testDb, { slug: "child", seed: 5, weeks: 4 }));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  const publishedFindings = async () => {
    const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { analysisVersion: true, analysisStatus: true, analysisLeaseOwner: true } });
    const findings = await db.finding.findMany({
      where: { organizationId, ...visibleAt(organization.analysisVersion) },
      select: { kind: true, code: true, units: true, valueCents: true, weekStart: true, explanation: true },
    });
    return { organization, findings: findings.map((f) => JSON.stringify(f)).sort() };
  };

  test("publishes the same analysis as a recompute in process", { timeout: 120_000 }, async () => {
    const database = { target: testDb.target, url: testDb.databaseUrl };
    const result = await recomputeInChildProcess(organizationId, "all", { database });
    const fromChild = await publishedFindings();
    expect(result.findings).toBe(fromChild.findings.length);
    expect(result.findings).toBeGreaterThan(0);
    expect(fromChild.organization).toEqual({ analysisVersion: result.version, analysisStatus: "idle", analysisLeaseOwner: null });

    const inProcess = await recomputeOrganization(organizationId, { target: testDb.target, db });
    expect(inProcess.version).toBe(result.version + 1);
    expect((await publishedFindings()).findings).toEqual(fromChild.findings);
  });

  test("a failure comes back with its name and message", { timeout: 60_000 }, async () => {
    const database = { target: testDb.target, url: testDb.databaseUrl };
    const failure = recomputeInChildProcess("no-such-practice", "all", { database });
    await expect(failure).rejects.toMatchObject({ name: "Error", message: "No organization no-such-practice" });
  });

  test("a process that dies without an answer: the practice shows the failure and its lease is released", { timeout: 60_000 }, async () => {
    // A stand-in entry that dies at once, as a killed or out-of-memory recompute would (same tsx loader).
    const root = mkdtempSync(path.join(os.tmpdir(), "dripaudit-dead-recompute-"));
    try {
      mkdirSync(path.join(root, "lib", "analysis"), { recursive: true });
      symlinkSync(path.resolve("node_modules"), path.join(root, "node_modules"));
      writeFileSync(path.join(root, "lib", "analysis", "recompute-child-main.ts"), "process.exit(3);\n");
      const deadOwner = `${os.hostname()}:2147483646:run`;
      await db.organization.update({ where: { id: organizationId }, data: { analysisStatus: "running", analysisLeaseOwner: deadOwner, analysisLeaseUntil: new Date(Date.now() + 30_000) } });

      const failure = recomputeInChildProcess(organizationId, "all", { root, database: { target: testDb.target, url: testDb.databaseUrl } });
      await expect(failure).rejects.toThrow("The analysis process ended with code 3; the previous results are kept.");
      const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId } });
      expect(organization).toMatchObject({ analysisStatus: "failed", analysisLeaseOwner: null });
      expect(organization.analysisError).toContain("ended with code 3");
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
