/**
 * Bulk writer for the app's SQLite file. The connection (better-sqlite3) lives on a worker thread
 * of its own: every statement, the inserts and COMMIT run there, so a large import never blocks the
 * event loop (HTTP requests, progress) and parsing + recoding on the main thread overlap with
 * SQLite's work on the second core.
 *
 * Inserts are pipelined: `insert` posts its rows and returns at once (at most MAX_IN_FLIGHT
 * messages wait in the worker; the next insert waits for the oldest). Ids are assigned here rather
 * than read back: inside BEGIN IMMEDIATE this connection is the only writer, so each table's next
 * id is its AUTOINCREMENT sequence + 1 and the rows carry explicit ids. A failed insert poisons the
 * transaction in the worker (COMMIT is refused there too) and the next call here rejects with it.
 */
import { Worker } from "node:worker_threads";
import type { SqliteTarget } from "../database-target";
import type { BulkWriter, SqlValue } from "./bulk-writer";
import type { ImportTable } from "./tables";

/** Rows per multi-row INSERT statement (SQLite 3.32+ allows 32,766 bound values per statement). */
export const ROWS_PER_STATEMENT = 64;
/** Insert messages queued in the worker before `insert` waits: bounds memory, keeps both cores busy. */
const MAX_IN_FLIGHT = 8;

/** A query parameter as better-sqlite3 binds it (instants as the Prisma adapter stores them, booleans 0/1). */
export function encode(value: SqlValue): string | number | null {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value.toISOString().replace("Z", "+00:00");
}

/**
 * The worker: plain CommonJS (no TypeScript, no bundler) so it runs the same under tsx, Vitest and
 * the Next.js server. better-sqlite3 is resolved from the app's node_modules.
 */
const WRITER_SCRIPT = `
const { parentPort, workerData } = require("node:worker_threads");
let Database;
try { Database = require(require("node:path").join(process.cwd(), "node_modules", "better-sqlite3")); } catch { Database = require("better-sqlite3"); }
let db;
const statements = new Map();
let poisoned = null;
const statement = (sql) => {
  let s = statements.get(sql);
  if (!s) { s = db.prepare(sql); statements.set(sql, s); }
  return s;
};
const errorOf = (e) => ({ message: e && e.message ? e.message : String(e), code: e && e.code, name: e && e.name });
function handle(m) {
  switch (m.op) {
    case "open": {
      db = new Database(workerData.file, { timeout: workerData.timeout });
      // Foreign keys are not enforced here: the import writers keep references consistent, and
      // cascade checks would scan Administration/ClaimLine once per deleted encounter.
      db.pragma("foreign_keys = OFF");
      db.pragma("cache_size = -" + workerData.cacheKib);
      const wal = String(db.pragma("journal_mode", { simple: true })).toLowerCase() === "wal";
      if (wal) {
        // No checkpoint inside COMMIT (it would copy the whole WAL); a separate worker does it.
        db.pragma("wal_autocheckpoint = 0");
        // WAL + NORMAL: COMMIT does not fsync (the checkpoint does). Safe against process crashes;
        // a power cut may lose the last commits but never corrupts the database.
        db.pragma("synchronous = NORMAL");
      }
      return { wal };
    }
    case "begin":
      poisoned = null;
      db.exec("BEGIN IMMEDIATE");
      return null;
    case "commit":
      if (poisoned) throw poisoned;
      db.exec("COMMIT");
      return null;
    case "rollback":
      poisoned = null;
      if (db.inTransaction) db.exec("ROLLBACK");
      return null;
    case "close":
      if (db && db.open) { if (db.inTransaction) db.exec("ROLLBACK"); db.close(); }
      return null;
    case "query":
      return statement(m.sql).all(m.params);
    case "run":
      return statement(m.sql).run(m.params).changes;
    case "insert": {
      // values: the per-row values, \`own\` per row (id first); shared: one value per column that is
      // the same in every row of the message (organization, batch, timestamps), appended to each row.
      if (poisoned) return null;
      try {
        const { values, own, shared, rows } = m;
        const width = own + shared.length;
        const per = m.perStatement;
        const fill = (params, from, count) => {
          let k = 0;
          for (let r = from; r < from + count; r++) {
            const base = r * own;
            for (let c = 0; c < own; c++) params[k++] = values[base + c];
            for (let c = 0; c < shared.length; c++) params[k++] = shared[c];
          }
        };
        let r = 0;
        if (rows >= per) {
          const multi = statement(m.multiSql);
          const params = new Array(per * width);
          for (; r + per <= rows; r += per) {
            fill(params, r, per);
            multi.run(params);
          }
        }
        if (r < rows) {
          const single = statement(m.singleSql);
          const params = new Array(width);
          for (; r < rows; r++) {
            fill(params, r, 1);
            single.run(params);
          }
        }
        return null;
      } catch (e) {
        poisoned = e;
        throw e;
      }
    }
    default:
      throw new Error("unknown op " + m.op);
  }
}
parentPort.on("message", (m) => {
  let reply;
  try { reply = { id: m.id, ok: true, value: handle(m) }; } catch (e) { reply = { id: m.id, ok: false, error: errorOf(e) }; }
  parentPort.postMessage(reply);
});
`;

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { message: string; code?: string; name?: string } };

function toError(error: { message: string; code?: string; name?: string }): Error {
  const e = new Error(error.message) as Error & { code?: string };
  if (error.code) e.code = error.code;
  if (error.name && error.name !== "Error") e.name = error.name;
  return e;
}

/** A multi-row INSERT of `rows` rows. */
export function insertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => "?").join(",")})`;
  return `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) VALUES ${new Array<string>(rows).fill(tuple).join(",")}`;
}

/**
 * Opens a bulk writer on the target's SQLite file (the worker opens the connection; a file that
 * cannot be opened rejects here). `cacheKib`: SQLite page cache of the writer's connection.
 */
export async function openSqliteBulkWriter(target: SqliteTarget, options: { cacheKib?: number } = {}): Promise<BulkWriter> {
  const worker = new Worker(WRITER_SCRIPT, {
    eval: true,
    // The thread only holds the messages in flight and statement buffers: a small heap bounds it.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    workerData: { file: target.filePath, timeout: 30_000, cacheKib: options.cacheKib ?? 16_384 },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextMessageId = 1;
  let exited: Error | null = null;
  worker.unref();

  const settleAll = (error: Error): void => {
    exited = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(toError(reply.error));
  });
  worker.on("error", (error) => settleAll(error instanceof Error ? error : new Error(String(error))));
  worker.on("exit", (code) => settleAll(new Error(`the SQLite writer thread stopped (exit code ${code})`)));

  const call = <T>(message: Record<string, unknown>): Promise<T> => {
    if (exited) return Promise.reject(exited);
    const id = nextMessageId++;
    return new Promise<T>((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  };

  let wal: boolean;
  try {
    ({ wal } = await call<{ wal: boolean }>({ op: "open" }));
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  let open = false;
  /** Inserts posted and not yet confirmed, oldest first. */
  let inFlight: Promise<unknown>[] = [];
  let failure: Error | null = null;
  /** Per table: the next id to assign in the open transaction. */
  const nextIds = new Map<string, number>();

  const track = (promise: Promise<unknown>): void => {
    const tracked = promise.catch((error: unknown) => {
      failure ??= error instanceof Error ? error : new Error(String(error));
    });
    inFlight.push(tracked);
  };
  /** Waits for every posted insert; rejects with the first failure. */
  const drain = async (): Promise<void> => {
    const all = inFlight;
    inFlight = [];
    await Promise.all(all);
    if (failure) throw failure;
  };
  const throwIfFailed = (): void => {
    if (failure) throw failure;
  };

  const firstId = async (table: string): Promise<number> => {
    let next = nextIds.get(table);
    if (next === undefined) {
      const [row] = await call<Array<{ seq: number | null; top: number | null }>>({
        op: "query",
        sql: `SELECT (SELECT "seq" FROM sqlite_sequence WHERE "name"=?) AS "seq", (SELECT MAX("id") FROM "${table}") AS "top"`,
        params: [table],
      });
      next = Math.max(Number(row?.seq ?? 0), Number(row?.top ?? 0)) + 1;
    }
    return next;
  };

  return {
    provider: "sqlite",
    async begin() {
      throwIfFailed();
      nextIds.clear();
      await call({ op: "begin" });
      open = true;
    },
    async commit() {
      await drain();
      await call({ op: "commit" });
      open = false;
      nextIds.clear();
      if (wal) checkpointInBackground(target.filePath);
    },
    async rollback() {
      if (!open) return;
      open = false;
      nextIds.clear();
      try {
        await Promise.all(inFlight);
        inFlight = [];
        failure = null;
        await call({ op: "rollback" });
      } catch {
        // the connection is going away anyway
      }
    },
    async close() {
      try {
        await Promise.all(inFlight);
        inFlight = [];
        if (!exited) await call({ op: "close" });
      } catch {
        // closing regardless
      } finally {
        await worker.terminate();
      }
    },
    async insert(table: ImportTable, columns, rows, options) {
      throwIfFailed();
      if (rows.length === 0) return [];
      if (!open) throw new Error("SQLite bulk insert outside a transaction");
      const first = await firstId(table);
      nextIds.set(table, first + rows.length);
      // Columns with one value in every row travel once per message, not once per row.
      const row0 = rows[0]!;
      const sharedColumns: number[] = [];
      const ownColumns: number[] = [];
      for (let c = 0; c < columns.length; c++) {
        const value = row0[c];
        let same = rows.length > 1;
        for (let r = 1; same && r < rows.length; r++) same = rows[r]![c] === value;
        (same ? sharedColumns : ownColumns).push(c);
      }
      const own = ownColumns.length + 1;
      const values = new Array<unknown>(rows.length * own);
      let p = 0;
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        values[p++] = first + r;
        for (let c = 0; c < ownColumns.length; c++) values[p++] = row[ownColumns[c]!];
      }
      const ordered = ["id", ...ownColumns.map((c) => columns[c]!), ...sharedColumns.map((c) => columns[c]!)];
      const perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, Math.floor(30_000 / ordered.length)));
      if (inFlight.length >= MAX_IN_FLIGHT) await inFlight.shift();
      throwIfFailed();
      track(
        call({
          op: "insert",
          values,
          own,
          shared: sharedColumns.map((c) => row0[c]),
          rows: rows.length,
          perStatement,
          multiSql: insertSql(table, ordered, perStatement),
          singleSql: insertSql(table, ordered, 1),
        }),
      );
      if (options?.returnIds !== true) return [];
      const ids = new Array<number>(rows.length);
      for (let r = 0; r < rows.length; r++) ids[r] = first + r;
      return ids;
    },
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []) {
      throwIfFailed();
      return call<T[]>({ op: "query", sql, params: params.map(encode) });
    },
    async execute(sql, params = []) {
      throwIfFailed();
      return call<number>({ op: "run", sql, params: params.map(encode) });
    },
    instant: sqliteDate,
    bool: (value) => (value ? 1 : 0),
    async holdBatchLock() {},
    async isBatchLockFree() {
      return undefined;
    },
  };
}

const CHECKPOINT_SCRIPT = `
const { workerData } = require("node:worker_threads");
let Database;
try { Database = require(require("node:path").join(process.cwd(), "node_modules", "better-sqlite3")); } catch { Database = require("better-sqlite3"); }
const db = new Database(workerData.file, { timeout: 10000 });
try { db.pragma("wal_checkpoint(PASSIVE)"); } finally { db.close(); }
`;

const runningCheckpoints = new Set<Promise<void>>();
/** Per file: a checkpoint is running; `again` when another commit asked for one meanwhile. */
const checkpointState = new Map<string, { again: boolean }>();

/**
 * Copies the WAL into the database file on a worker thread (a PASSIVE checkpoint never waits for
 * readers or writers). Best effort: if it cannot run, the next connection that checkpoints does it.
 * Requests while one runs for the same file coalesce into one more run after it (a recompute
 * commits many short transactions).
 */
export function checkpointInBackground(file: string): void {
  const state = checkpointState.get(file);
  if (state) {
    state.again = true;
    return;
  }
  checkpointState.set(file, { again: false });
  try {
    const worker = new Worker(CHECKPOINT_SCRIPT, { eval: true, workerData: { file } });
    worker.on("error", () => {});
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    runningCheckpoints.add(exited);
    void exited.then(() => {
      runningCheckpoints.delete(exited);
      const again = checkpointState.get(file)?.again === true;
      checkpointState.delete(file);
      if (again) checkpointInBackground(file);
    });
    worker.unref();
  } catch {
    // the next request (a later commit, the app's minute timer, the last connection's close) does it
    checkpointState.delete(file);
  }
}

/** Resolves when no background checkpoint of this process is running (before deleting a database file). */
export async function whenCheckpointsSettled(): Promise<void> {
  while (runningCheckpoints.size > 0) await Promise.all([...runningCheckpoints]);
}

/** Encoded whole minutes seen lately (imports write millions of minute-precision times, few distinct). */
const minuteCache = new Map<number, string>();
const MINUTE_CACHE_SIZE = 16_384;

/** SQLite encoding of an instant, as the Prisma better-sqlite3 adapter writes it (`2025-01-06T13:37:00.000+00:00`). */
export function sqliteDate(ms: number): string {
  if (ms % 60_000 !== 0) return new Date(ms).toISOString().replace("Z", "+00:00");
  let text = minuteCache.get(ms);
  if (text === undefined) {
    text = new Date(ms).toISOString().replace("Z", "+00:00");
    if (minuteCache.size >= MINUTE_CACHE_SIZE) minuteCache.clear();
    minuteCache.set(ms, text);
  }
  return text;
}
