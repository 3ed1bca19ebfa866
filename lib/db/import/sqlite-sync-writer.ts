/**
 * A BulkWriter on a better-sqlite3 connection of the calling thread: every statement runs
 * synchronously. The analysis recompute uses it: its JavaScript runs on the main thread between
 * queries, so a connection on another thread would let the app's own Prisma writes (same thread)
 * wait on the recompute's write lock while the recompute cannot go on — a stall until the busy
 * timeout. Imports use the threaded writer (sqlite-bulk-writer.ts).
 */
import Database from "better-sqlite3";
import type { SqliteTarget } from "../database-target";
import type { BulkWriter, SqlValue } from "./bulk-writer";
import { checkpointInBackground, encode, insertSql, ROWS_PER_STATEMENT, sqliteDate } from "./sqlite-bulk-writer";
import type { ImportTable } from "./tables";

export function openSqliteSyncWriter(target: SqliteTarget): BulkWriter {
  const db = new Database(target.filePath, { timeout: 30_000 });
  // Foreign keys are not enforced on this connection: the writers keep references consistent
  // themselves, and SQLite's cascade checks would scan Administration/ClaimLine (no index that
  // starts with encounterId) once per deleted encounter.
  db.pragma("foreign_keys = OFF");
  // A bigger page cache for the recompute's one transaction (default 2 MB): fewer spills to the WAL.
  db.pragma("cache_size = -16384");
  // No checkpoint on this connection: after a big write it would copy the whole WAL into the
  // database inside COMMIT, blocking the event loop for seconds. A worker thread does it instead.
  const wal = String(db.pragma("journal_mode", { simple: true })).toLowerCase() === "wal";
  if (wal) {
    db.pragma("wal_autocheckpoint = 0");
    // WAL + NORMAL: COMMIT does not fsync (the checkpoint does, off the event loop). Safe against
    // process crashes; a power cut may lose the last commits but never corrupts the database.
    db.pragma("synchronous = NORMAL");
  }
  const statements = new Map<string, Database.Statement>();
  let open = false;

  const statement = (sql: string): Database.Statement => {
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.prepare(sql);
      statements.set(sql, stmt);
    }
    return stmt;
  };


  return {
    provider: "sqlite",
    async begin() {
      db.exec("BEGIN IMMEDIATE");
      open = true;
    },
    async commit() {
      db.exec("COMMIT");
      open = false;
      if (wal) checkpointInBackground(target.filePath);
    },
    async rollback() {
      if (!open) return;
      open = false;
      try {
        if (db.inTransaction) db.exec("ROLLBACK");
      } catch {
        // the connection is going away anyway
      }
    },
    async close() {
      if (db.open) {
        if (db.inTransaction) db.exec("ROLLBACK");
        db.close();
      }
    },
    async insert(table: ImportTable, columns, rows, options) {
      const ids: number[] = [];
      if (rows.length === 0) return ids;
      const returnIds = options?.returnIds === true;
      const width = columns.length;
      const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(30_000 / width)));
      const multi = statement(insertSql(table, columns, perStatement));
      const params = new Array<unknown>(perStatement * width);
      let i = 0;
      for (; i + perStatement <= rows.length; i += perStatement) {
        let p = 0;
        for (let r = i; r < i + perStatement; r++) {
          const row = rows[r]!;
          for (let c = 0; c < width; c++) params[p++] = row[c];
        }
        const last = Number(multi.run(params).lastInsertRowid);
        // The rows of one INSERT get consecutive rowids (AUTOINCREMENT: max + 1 each, and this
        // connection holds the write lock), so the first is last - n + 1.
        if (returnIds) for (let k = perStatement - 1; k >= 0; k--) ids.push(last - k);
      }
      if (i < rows.length) {
        const single = statement(insertSql(table, columns, 1));
        for (; i < rows.length; i++) {
          const id = Number(single.run(rows[i] as unknown[]).lastInsertRowid);
          if (returnIds) ids.push(id);
        }
      }
      return ids;
    },
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []) {
      return statement(sql).all(params.map(encode)) as T[];
    },
    async execute(sql, params = []) {
      return statement(sql).run(params.map(encode)).changes;
    },
    instant: sqliteDate,
    bool: (value) => (value ? 1 : 0),
    async holdBatchLock() {},
    async isBatchLockFree() {
      return undefined;
    },
  };
}
