/**
 * Raw-SQL access for the import pipeline: one connection of its own (better-sqlite3 on the same
 * SQLite file the app's Prisma client uses, or a `pg` client), one transaction, and bulk inserts
 * that write what the Prisma adapters write (SQLite: DateTime as ISO text `…+00:00`, booleans 0/1).
 *
 * SQL is written once with `?` placeholders and double-quoted identifiers; the PostgreSQL writer
 * numbers the placeholders and inserts with COPY. Calls are sequential: await each one before the
 * next (one connection, one transaction; the SQLite writer assigns ids in call order). Prisma `createMany` runs at ~5k rows/s; these writers at 100k+ (see
 * docs/imports.md for measured figures).
 */
import type { DatabaseTarget } from "../database-target";
import type { ImportTable } from "./tables";

export type SqlValue = string | number | boolean | Date | null;

export type BulkWriter = {
  readonly provider: DatabaseTarget["provider"];
  /** Starts the one data transaction (SQLite: BEGIN IMMEDIATE, so the write lock is taken up front). */
  begin(): Promise<void>;
  commit(): Promise<void>;
  /** Rolls back when a transaction is open; never throws. */
  rollback(): Promise<void>;
  close(): Promise<void>;
  /**
   * Inserts rows (each a value array in `columns` order). With `returnIds`, resolves to the new
   * autoincrement ids in row order.
   */
  insert(table: ImportTable, columns: readonly string[], rows: readonly (readonly SqlValue[])[], options?: { returnIds?: boolean }): Promise<number[]>;
  query<T extends Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** An instant (epoch ms) encoded for `insert` rows (insert does not convert values). */
  instant(ms: number): string;
  /** A boolean encoded for `insert` rows. */
  bool(value: boolean): number | boolean;
  /** Runs a statement; resolves to the number of rows changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /**
   * PostgreSQL: takes a session-level advisory lock that lives as long as this connection (held
   * while a batch runs, so other processes can tell a live import from a dead one). SQLite: no-op.
   */
  holdBatchLock(batchId: number): Promise<void>;
  /** PostgreSQL: true when no live connection holds the batch's lock (its importer is gone). SQLite: undefined. */
  isBatchLockFree(batchId: number): Promise<boolean | undefined>;
};

/** `?,?,?` for an IN list. */
export function placeholders(count: number): string {
  return count === 0 ? "NULL" : new Array<string>(count).fill("?").join(",");
}

/**
 * Opens a bulk writer on the target. Callers own it and must `close()` it. SQLite: on a thread of
 * its own (imports), or with `sqliteOnThisThread` a synchronous connection of the caller's thread
 * (the recompute, see sqlite-sync-writer.ts).
 */
export async function openBulkWriter(target: DatabaseTarget, options: { sqliteOnThisThread?: boolean } = {}): Promise<BulkWriter> {
  if (target.provider === "postgresql") {
    const { openPgBulkWriter } = await import("./pg-bulk-writer");
    return openPgBulkWriter(target);
  }
  if (options.sqliteOnThisThread) {
    const { openSqliteSyncWriter } = await import("./sqlite-sync-writer");
    return openSqliteSyncWriter(target);
  }
  const { openSqliteBulkWriter } = await import("./sqlite-bulk-writer");
  return openSqliteBulkWriter(target);
}
