/**
 * Child process for backup.test.ts: one import without the analysis afterwards (so the database
 * has exactly two states, before and after the import's transaction), every progress event as a
 * JSON line on stdout. Secrets come from DRIPAUDIT_DATA_DIR, as in the app.
 *   node --import tsx tests/integration/cli/backup-import-child.ts <DATABASE_URL> <organizationId> <file>
 */
import os from "node:os";
import path from "node:path";
import { createPrismaClient, resolveDatabaseTarget } from "@/lib/db";
import { runImport } from "@/lib/import/run-import";

async function main(): Promise<void> {
  const [databaseUrl, organizationId, filePath] = process.argv.slice(2);
  if (!databaseUrl || !organizationId || !filePath) throw new Error("usage: backup-import-child.ts <DATABASE_URL> <organizationId> <file>");
  const target = resolveDatabaseTarget({ databaseUrl, dataDir: os.tmpdir() });
  const db = createPrismaClient(target);
  const outcome = await runImport({
    organizationId,
    filePath,
    fileName: path.basename(filePath),
    database: { db, target },
    chunkRows: 500,
    analyze: false,
    onProgress: (progress) => process.stdout.write(`${JSON.stringify(progress)}\n`),
  });
  process.stdout.write(`${JSON.stringify({ outcome })}\n`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
