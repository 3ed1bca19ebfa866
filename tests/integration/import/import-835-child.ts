/**
 * Child process for hostile-files.test.ts: imports one file with runImport (run under a small
 * --max-old-space-size) and prints the outcome and the peak heap as one JSON line.
 *   tsx tests/integration/import/import-835-child.ts <DATABASE_URL> <organizationId> <file>
 */
import os from "node:os";
import { createPrismaClient, resolveDatabaseTarget } from "@/lib/db";
import { runImport } from "@/lib/import/run-import";

async function main(): Promise<void> {
  const [databaseUrl, organizationId, filePath] = process.argv.slice(2);
  if (!databaseUrl || !organizationId || !filePath) throw new Error("usage: import-835-child.ts <DATABASE_URL> <organizationId> <file>");
  const target = resolveDatabaseTarget({ databaseUrl, dataDir: os.tmpdir() });
  const db = createPrismaClient(target);
  let peakHeap = 0;
  const timer = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 20);
  const outcome = await runImport({
    organizationId,
    filePath,
    fileName: "big.835",
    database: { db, target },
    patientKeySecret: "integration-secret-0123456789abcdef0123456789",
    patientIdKey: Buffer.alloc(32, 7),
    analyze: false,
  });
  clearInterval(timer);
  process.stdout.write(`${JSON.stringify({ outcome, peakHeapMB: Math.round(peakHeap / 2 ** 20) })}\n`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
