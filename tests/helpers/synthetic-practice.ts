/**
 * A migrated test database with one synthetic practice (lib/synthetic) whose sessions and claims
 * went through the real import path, not yet analyzed: what the recompute suites start from.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { runImport } from "@/lib/import/run-import";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import type { TTestDatabase } from "./test-databases";

export type TSyntheticPractice = { db: Db; organizationId: string; dispose(): Promise<void> };

export async function importSyntheticPractice(testDb: TTestDatabase, options: { slug: string; seed: number; weeks: number }): Promise<TSyntheticPractice> {
  await migrateDeploy(testDb.target);
  const db = createPrismaClient(testDb.target);
  const dir = mkdtempSync(path.join(os.tmpdir(), `dripaudit-${options.slug}-`));
  try {
    await writePracticeFiles(dir, { seed: options.seed, weeks: options.weeks, scale: 0.2 });
    const organizationId = (await db.organization.create({ data: { name: `${options.slug} clinic`, slug: options.slug, timeZone: "America/New_York", setting: "facility" } })).id;
    for (const file of ["sessions.csv", "claims.csv"]) {
      const outcome = await runImport({
        organizationId,
        filePath: path.join(dir, file),
        fileName: file,
        database: { db, target: testDb.target },
        patientKeySecret: `${options.slug}-secret`,
        patientIdKey: Buffer.alloc(32, options.seed),
        analyze: false,
      });
      expect(outcome.status, outcome.message).toBe("succeeded");
    }
    return { db, organizationId, dispose: () => db.$disconnect() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
