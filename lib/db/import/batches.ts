/**
 * ImportBatch lifecycle on the import connection (raw SQL, both providers):
 * - `createRunningBatch`: the batch row, status `running`, in its own short transaction, with an
 *   `import.created` audit event that records which process runs it (pid, host);
 * - `finishBatch`: flips it to `succeeded` with its counts, inside the data transaction;
 * - `failBatch`: `failed` with a one-line message (file-level problems, cancel, errors);
 * - `recoverInterruptedBatches`: batches left `running` by a process that died are marked
 *   `failed` with an "interrupted" message (PostgreSQL: nobody holds the batch's advisory lock;
 *   SQLite: the recorded process is gone from this host).
 */
import os from "node:os";
import type { BulkWriter } from "./bulk-writer";

export const INTERRUPTED_MESSAGE = "Interrupted: the import stopped before it finished (its process ended); nothing from it was saved.";

/** A batch whose importer runs on another host is presumed dead after this long (SQLite on a shared disk only). */
const FOREIGN_HOST_STALE_MS = 12 * 3600_000;

/** Batches running in this process: never "recovered" from here. */
const runningHere = new Set<string>();

function registryKey(writerKey: string, batchId: number): string {
  return `${writerKey}#${batchId}`;
}

export type NewBatch = {
  organizationId: string;
  userId?: string | null;
  /** Who started the import and from where (the audit trail's `import.created`). */
  actorEmail?: string | null;
  address?: string | null;
  fileName: string;
  kind: string;
  contentHash: string;
  sourceName?: string | null;
  bytesTotal: number;
};

export type BatchCounts = {
  rowsTotal: number;
  rowsImported: number;
  rowsFailed: number;
  warningsCount: number;
};

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** Creates the `running` batch (own short transaction) and its audit event; returns its id. */
export async function createRunningBatch(writer: BulkWriter, writerKey: string, batch: NewBatch): Promise<number> {
  const now = new Date();
  await writer.begin();
  let id: number;
  try {
    const rows = await writer.query<{ id: number | bigint }>(
      `INSERT INTO "ImportBatch" ("organizationId","userId","fileName","kind","contentHash","sourceName","status","rowsTotal","rowsImported","rowsFailed","warningsCount","bytesTotal","createdAt","startedAt")
       VALUES (?,?,?,?,?,?,'running',0,0,0,0,?,?,?) RETURNING "id"`,
      [batch.organizationId, batch.userId ?? null, batch.fileName, batch.kind, batch.contentHash, batch.sourceName ?? null, batch.bytesTotal, now, now],
    );
    id = Number(rows[0]!.id);
    const detail = JSON.stringify({ batchId: id, fileName: batch.fileName, kind: batch.kind, pid: process.pid, host: os.hostname() });
    // The actor's email defaults to the user's: imports started without a request (CLI, demo) know only the user id.
    await writer.execute(
      `INSERT INTO "AuditEvent" ("organizationId","userId","actorEmail","address","action","subjectType","subjectId","detail","createdAt")
       VALUES (?,?,COALESCE(?,(SELECT "email" FROM "User" WHERE "id"=?)),?,?,?,?,?,?)`,
      [batch.organizationId, batch.userId ?? null, batch.actorEmail ?? null, batch.userId ?? null, batch.address ?? null, "import.created", "ImportBatch", String(id), detail, now],
    );
    await writer.commit();
  } catch (error) {
    await writer.rollback();
    throw error;
  }
  runningHere.add(registryKey(writerKey, id));
  await writer.holdBatchLock(id);
  return id;
}

/** Forgets a batch this process ran (after it succeeded or failed). */
export function releaseBatch(writerKey: string, batchId: number): void {
  runningHere.delete(registryKey(writerKey, batchId));
}

/** Marks the batch succeeded with its counts. Call inside the data transaction. */
export async function finishBatch(writer: BulkWriter, batchId: number, counts: BatchCounts): Promise<void> {
  await writer.execute(
    `UPDATE "ImportBatch" SET "status"='succeeded', "rowsTotal"=?, "rowsImported"=?, "rowsFailed"=?, "warningsCount"=?, "failureMessage"=NULL, "finishedAt"=? WHERE "id"=?`,
    [counts.rowsTotal, counts.rowsImported, counts.rowsFailed, counts.warningsCount, new Date(), batchId],
  );
}

/** Marks the batch failed (outside any transaction). */
export async function failBatch(writer: BulkWriter, batchId: number, message: string, counts?: Partial<BatchCounts>): Promise<void> {
  await writer.execute(
    `UPDATE "ImportBatch" SET "status"='failed', "failureMessage"=?, "rowsTotal"=?, "rowsImported"=0, "rowsFailed"=?, "warningsCount"=?, "finishedAt"=? WHERE "id"=?`,
    [message.split("\n")[0]!.slice(0, 1000), counts?.rowsTotal ?? 0, counts?.rowsFailed ?? 0, counts?.warningsCount ?? 0, new Date(), batchId],
  );
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type TRecoverOptions = {
  /** The failure message the batches get (default INTERRUPTED_MESSAGE). */
  message?: string;
  /** Also recover `pending` batches (at server start: nothing is about to start them). */
  includePending?: boolean;
};

/** Whether any batch is `running` (by any process). */
export async function hasRunningBatches(writer: BulkWriter): Promise<boolean> {
  const rows = await writer.query<{ id: number | bigint }>(`SELECT "id" FROM "ImportBatch" WHERE "status"='running' LIMIT 1`);
  return rows.length > 0;
}

/**
 * Marks batches left `running` by dead importers as failed ("interrupted"). Returns their ids.
 * Runs before every import (cheap when nothing is running) and at server start.
 */
export async function recoverInterruptedBatches(writer: BulkWriter, writerKey: string, options: TRecoverOptions = {}): Promise<number[]> {
  const statuses = options.includePending ? `('running','pending')` : `('running')`;
  const running = await writer.query<{ id: number | bigint; startedAt: unknown }>(
    `SELECT "id","startedAt" FROM "ImportBatch" WHERE "status" IN ${statuses}`,
  );
  const dead: number[] = [];
  for (const row of running) {
    const id = Number(row.id);
    if (runningHere.has(registryKey(writerKey, id))) continue;
    let isDead: boolean;
    const lockFree = await writer.isBatchLockFree(id);
    if (lockFree !== undefined) {
      isDead = lockFree;
    } else {
      const events = await writer.query<{ detail: unknown }>(
        `SELECT "detail" FROM "AuditEvent" WHERE "subjectType"='ImportBatch' AND "subjectId"=? AND "action"='import.created' ORDER BY "id" DESC LIMIT 1`,
        [String(id)],
      );
      const raw = events[0]?.detail;
      const detail = (typeof raw === "string" ? JSON.parse(raw) : raw) as { pid?: number; host?: string } | null | undefined;
      if (!detail?.pid) isDead = true;
      else if (detail.host === os.hostname()) isDead = detail.pid === process.pid || !isProcessAlive(detail.pid);
      else isDead = Date.now() - toDate(row.startedAt).getTime() > FOREIGN_HOST_STALE_MS;
    }
    if (!isDead) continue;
    const changed = await writer.execute(
      `UPDATE "ImportBatch" SET "status"='failed', "failureMessage"=?, "finishedAt"=? WHERE "id"=? AND "status" IN ${statuses}`,
      [options.message ?? INTERRUPTED_MESSAGE, new Date(), id],
    );
    if (changed > 0) dead.push(id);
  }
  return dead;
}

/** The earlier successful import of the same bytes into the organization, if any. */
export async function findSucceededBatchByHash(
  writer: BulkWriter,
  organizationId: string,
  contentHash: string,
): Promise<{ id: number; createdAt: Date; kind: string } | null> {
  const rows = await writer.query<{ id: number | bigint; createdAt: unknown; kind: string }>(
    `SELECT "id","createdAt","kind" FROM "ImportBatch" WHERE "organizationId"=? AND "contentHash"=? AND "status"='succeeded' ORDER BY "id" LIMIT 1`,
    [organizationId, contentHash],
  );
  const row = rows[0];
  return row ? { id: Number(row.id), createdAt: toDate(row.createdAt), kind: row.kind } : null;
}

/** Saves (inserts or replaces) the column mapping of organization + source + kind. Call inside the data transaction. */
export async function saveColumnMapping(
  writer: BulkWriter,
  organizationId: string,
  sourceName: string,
  kind: string,
  mapping: Record<string, string>,
): Promise<void> {
  const now = new Date();
  await writer.execute(
    `INSERT INTO "ColumnMapping" ("organizationId","sourceName","kind","mapping","createdAt","updatedAt") VALUES (?,?,?,?,?,?)
     ON CONFLICT ("organizationId","sourceName","kind") DO UPDATE SET "mapping"=excluded."mapping", "updatedAt"=excluded."updatedAt"`,
    [organizationId, sourceName, kind, JSON.stringify(mapping), now, now],
  );
}

/** The weeks (weekStart) of the encounters or claim lines a batch wrote. */
export async function findBatchWeeks(writer: BulkWriter, batchId: number, table: "Encounter" | "ClaimLine"): Promise<string[]> {
  const rows = await writer.query<{ weekStart: string }>(`SELECT DISTINCT "weekStart" FROM "${table}" WHERE "importBatchId"=?`, [batchId]);
  return rows.map((row) => row.weekStart);
}
