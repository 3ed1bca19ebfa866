/**
 * Child process for killed-import.test.ts: runs one import and prints every progress event as a
 * JSON line on stdout, so the test can SIGKILL it in the middle of the data transaction.
 *   tsx tests/integration/import/import-child.ts <DATABASE_URL> <organizationId> <file>
 */
import os from "node:os";
import { createPrismaClient, resolveDatabaseTarget } from "@/lib/db";
import { runImport } from "@/lib/import/run-import";

async function main(): Promise<void> {
  const [databaseUrl, organizationId, filePath] = process.argv.slice(2);
  if (!databaseUrl || !organizationId || !filePath) throw new Error("usage: import-child.ts <DATABASE_URL> <organizationId> <file>");
  const target = resolveDatabaseTarget({ databaseUrl, dataDir: os.tmpdir() });
  const db = createPrismaClient(target);
  const outcome = await runImport({
    organizationId,
    filePath,
    fileName: "big.csv",
    database: { db, target },
    patientKeySecret: "integration-secret-0123456789abcdef0123456789",
    patientIdKey: Buffer.alloc(32, 7),
    chunkRows: 500,
    onProgress: (progress) => process.stdout.write(`${JSON.stringify(progress)}\n`),
  });
  process.stdout.write(`${JSON.stringify({ outcome })}\n`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
