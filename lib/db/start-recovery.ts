/**
 * Recovery at server start (lib/server/start.mjs, after the migrations, before serving): work a
 * killed process left half-done.
 * - Import batches left `running` or `pending` by a dead importer are marked failed. Their data was
 *   never committed (an import is one transaction), so nothing of them is kept; the same liveness
 *   check as before every import spares a CLI import that is still running.
 * - Organizations whose analysis was `running` or `pending` go back to `pending`: nothing in a
 *   fresh process is computing them, so the caller queues their recompute once the server is up.
 *   The recompute leases of processes of this host that died are released, so it need not wait
 *   for them to run out.
 */
import { releaseDeadLocalLeases } from "./analysis/write-analysis-results";
import { recoverInterruptedBatches } from "./import/batches";
import type { BulkWriter } from "./import/bulk-writer";
import { openPgBulkWriter } from "./import/pg-bulk-writer";
import { openSqliteSyncWriter } from "./import/sqlite-sync-writer";
import type { DatabaseTarget } from "./database-target";

export const SERVER_STOPPED_IMPORT_MESSAGE = "Interrupted: the server stopped during this import — import the file again.";

export type TStartRecovery = {
  /** Import batches marked failed. */
  failedBatchIds: number[];
  /** Organizations whose analysis must run again (now `pending`). */
  pendingAnalysisIds: string[];
};

export async function recoverInterruptedWork(target: DatabaseTarget): Promise<TStartRecovery> {
  // Static imports of the writers, not openBulkWriter: start.mjs loads this file through tsx's
  // tsImport, which does not resolve openBulkWriter's dynamic imports.
  const writer: BulkWriter = target.provider === "postgresql" ? await openPgBulkWriter(target) : openSqliteSyncWriter(target);
  try {
    const failedBatchIds = await recoverInterruptedBatches(writer, "start-recovery", { message: SERVER_STOPPED_IMPORT_MESSAGE, includePending: true });
    await releaseDeadLocalLeases(writer);
    const organizations = await writer.query<{ id: string }>(
      `UPDATE "Organization" SET "analysisStatus"='pending', "updatedAt"=? WHERE "analysisStatus" IN ('running','pending') RETURNING "id"`,
      [new Date()],
    );

    return { failedBatchIds, pendingAnalysisIds: organizations.map((organization) => organization.id) };
  } finally {
    await writer.close();
  }
}
