/**
 * Process entry of one recompute of the app's database (spawned by lib/analysis/recompute-child.ts
 * as `node --import tsx`): receives the organization and weeks over IPC, runs recomputeOrganization
 * and sends back its result, or the error's name and first line (a stack could quote data). The
 * server going away cancels it: the recompute rolls back its unpublished version.
 * No `server-only` (runs under tsx).
 */
import { getDb, resolveDatabaseTarget } from "@/lib/db";
import { whenCheckpointsSettled } from "@/lib/db/import/sqlite-bulk-writer";
import type { TRecomputeChildMessage, TRecomputeChildRequest } from "./recompute-child";
import { recomputeOrganization } from "./recompute-organization";

function send(message: TRecomputeChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(request: TRecomputeChildRequest): Promise<void> {
  const controller = new AbortController();
  process.on("disconnect", () => controller.abort());
  try {
    const target = request.databaseUrl ? resolveDatabaseTarget({ databaseUrl: request.databaseUrl, dataDir: process.cwd() }) : undefined;
    const result = await recomputeOrganization(request.organizationId, { weeks: request.weeks, signal: controller.signal, ...(target ? { target } : {}) });
    await send({ type: "result", result });
  } finally {
    await whenCheckpointsSettled();
    if (!request.databaseUrl) await getDb().db.$disconnect();
  }
}

process.once("message", (request: TRecomputeChildRequest) => {
  run(request).then(
    () => process.exit(0),
    async (error: unknown) => {
      const name = error instanceof Error ? error.name : "Error";
      const message = error instanceof Error ? error.message.split("\n")[0]! : "unknown error";
      await send({ type: "failed", name, message });
      process.exit(1);
    },
  );
});
void send({ type: "ready" });
