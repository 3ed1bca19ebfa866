/**
 * Process entry of one browser import (spawned by lib/import/child-import-runner.ts as
 * `node --max-old-space-size=… --import tsx`): receives the job over IPC, runs the same
 * `runImport` as the CLI and the demo loader, and sends back progress, the weeks a committed
 * import touched (the server schedules the recompute) and the outcome. A file that needs more
 * memory than the limit kills this process only; runImport's one transaction per file means
 * nothing of it is saved.
 * No `server-only` (runs under tsx).
 */
import { createPrismaClient, resolveDatabaseTarget, type Db, type DatabaseTarget } from "@/lib/db";
import { whenCheckpointsSettled } from "@/lib/db/import/sqlite-bulk-writer";
import type { TImportChildMessage, TImportChildRequest, TImportParentMessage } from "./import-child-protocol";
import { runImport } from "./run-import";

function send(message: TImportChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(request: TImportChildRequest): Promise<void> {
  const controller = new AbortController();
  process.on("message", (message: TImportParentMessage) => {
    if (message?.type === "cancel") controller.abort();
  });
  // The server going away (restart, crash) cancels the import: it rolls back rather than finish unobserved.
  process.on("disconnect", () => controller.abort());

  let database: { db: Db; target: DatabaseTarget } | undefined;
  if (request.databaseUrl) {
    const target = resolveDatabaseTarget({ databaseUrl: request.databaseUrl, dataDir: process.cwd() });
    database = { db: createPrismaClient(target), target };
  }
  const { input } = request;
  try {
    const outcome = await runImport({
      ...input,
      ...(database ? { database } : {}),
      analyze: false,
      onCommitted: (weeks) => void send({ type: "committed", weeks }),
      onProgress: (progress) => void send({ type: "progress", progress }),
      signal: controller.signal,
    });
    await send({ type: "outcome", outcome });
  } finally {
    await whenCheckpointsSettled();
    await database?.db.$disconnect();
  }
}

process.once("message", (request: TImportChildRequest) => {
  run(request).then(
    () => process.exit(0),
    async (error: unknown) => {
      // The name and first line only: a stack or cause could quote row contents (PHI).
      const message = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : "unknown error";
      await send({ type: "crashed", message });
      process.exit(1);
    },
  );
});
void send({ type: "ready" });
