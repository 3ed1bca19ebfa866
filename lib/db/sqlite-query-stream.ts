import { Worker } from "node:worker_threads";
import type { SqliteTarget } from "./database-target";

export type TSqliteCell = string | number | bigint | null | Uint8Array;

/**
 * The reader: plain CommonJS (no TypeScript, no bundler) so it runs the same under tsx, Vitest and
 * the Next.js server, like the bulk writer's thread (lib/db/import/sqlite-bulk-writer.ts).
 * For each statement it opens a read-only connection, hands the rows over a batch at a time, each
 * when the main thread asks for it, and closes the connection at the end.
 */
const READER_SCRIPT = `
const { parentPort } = require("node:worker_threads");
let Database;
try { Database = require(require("node:path").join(process.cwd(), "node_modules", "better-sqlite3")); } catch { Database = require("better-sqlite3"); }
let db = null;
let rows = null;
let batchSize = 1000;
const end = () => {
  if (rows) { try { rows.return(); } catch {} rows = null; }
  if (db && db.open) db.close();
  db = null;
};
const errorOf = (e) => ({ message: e && e.message ? e.message : String(e), code: e && e.code });
parentPort.on("message", (m) => {
  if (m.op === "end") { end(); return; }
  if (m.op === "exit") { end(); parentPort.close(); return; }
  try {
    if (m.op === "start") {
      end();
      db = new Database(m.file, { readonly: true, fileMustExist: true, timeout: 10000 });
      rows = db.prepare(m.sql).raw(true).iterate(...m.params);
      batchSize = m.batchSize;
    }
    const batch = [];
    let done = false;
    while (batch.length < batchSize) {
      const next = rows.next();
      if (next.done) { done = true; break; }
      batch.push(next.value);
    }
    if (done) end();
    parentPort.postMessage({ ok: true, rows: batch, done });
  } catch (e) {
    end();
    parentPort.postMessage({ ok: false, error: errorOf(e) });
  }
});
`;

type TReply = { ok: true; rows: TSqliteCell[][]; done: boolean } | { ok: false; error: { message: string; code?: string } };

/** One reader thread; `ask` posts a message and resolves with its reply (one statement at a time). */
type TReader = { worker: Worker; ask: (message: Record<string, unknown>) => Promise<TReply>; broken: boolean };

/**
 * Starting a thread costs ~60 ms of CPU (V8 isolate, better-sqlite3), as much as a weekly export's
 * whole read: idle readers are kept a while, as many as the exports that commonly run at once.
 */
const IDLE_READERS = 4;
const IDLE_MS = 30_000;
const idle: { reader: TReader; timer: NodeJS.Timeout }[] = [];

function startReader(): TReader {
  const worker = new Worker(READER_SCRIPT, {
    eval: true,
    // The thread holds one batch and SQLite's page cache (which is not on the V8 heap).
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
  });
  let waiting: { resolve: (reply: TReply) => void; reject: (error: Error) => void } | null = null;
  const reader: TReader = {
    worker,
    broken: false,
    ask: (message) =>
      new Promise<TReply>((resolve, reject) => {
        if (reader.broken) return reject(new Error("the SQLite reader thread stopped"));
        waiting = { resolve, reject };
        worker.postMessage(message);
      }),
  };
  const fail = (error: Error) => {
    reader.broken = true;
    waiting?.reject(error);
    waiting = null;
  };
  worker.on("message", (reply: TReply) => {
    waiting?.resolve(reply);
    waiting = null;
  });
  worker.on("error", (error) => fail(error instanceof Error ? error : new Error(String(error))));
  worker.on("exit", (code) => fail(new Error(`the SQLite reader thread stopped (exit code ${code})`)));

  return reader;
}

function takeReader(): TReader {
  const kept = idle.pop();
  if (!kept) return startReader();
  clearTimeout(kept.timer);
  kept.reader.worker.ref();

  return kept.reader;
}

function returnReader(reader: TReader): void {
  if (reader.broken) return;
  reader.worker.postMessage({ op: "end" });
  if (idle.length >= IDLE_READERS) {
    reader.worker.postMessage({ op: "exit" });
    return;
  }
  reader.worker.unref();
  const timer = setTimeout(() => {
    const index = idle.findIndex((entry) => entry.reader === reader);
    if (index >= 0) idle.splice(index, 1);
    reader.worker.postMessage({ op: "exit" });
  }, IDLE_MS);
  timer.unref();
  idle.push({ reader, timer });
}

/**
 * The rows of one read-only statement, `batchSize` at a time, read on a worker thread with its own
 * connection. Planning, sorting and reading a large result (a CSV export of a million findings)
 * then never holds up the app's only thread, which only receives finished batches; one batch is
 * read ahead of the consumer, so a slow client holds at most two batches in memory.
 * The statement reads one snapshot of the database from its first batch to its last.
 * Ending the iteration early (`return`, `break`) closes the statement and its connection.
 */
export async function* streamSqliteQuery(
  target: SqliteTarget,
  sql: string,
  params: readonly (string | number | null)[],
  options: { batchSize?: number } = {},
): AsyncGenerator<TSqliteCell[][]> {
  const reader = takeReader();
  const ask = (message: Record<string, unknown>): Promise<TReply> => {
    const reply = reader.ask(message);
    // Awaited later (or settled in `finally`): a thread that stops meanwhile is not an unhandled rejection.
    reply.catch(() => undefined);

    return reply;
  };
  let pending: Promise<TReply> | null = ask({ op: "start", file: target.filePath, sql, params, batchSize: options.batchSize ?? 1000 });
  try {
    while (pending) {
      const reply = await pending;
      pending = null;
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {});
      // The thread reads the next batch while this one is turned into CSV: an export then takes
      // about the longer of the two, not their sum. At most two batches are in memory.
      if (!reply.done) pending = ask({ op: "next" });
      if (reply.rows.length > 0) yield reply.rows;
    }
  } finally {
    // A kept thread must not answer its next statement with this one's read-ahead batch.
    if (pending) await pending.catch(() => undefined);
    returnReader(reader);
  }
}
