import { Worker } from "node:worker_threads";
import type { SqliteTarget } from "./database-target";

export type TSqliteCell = string | number | bigint | null | Uint8Array;

/**
 * The reader: plain CommonJS (no TypeScript, no bundler) so it runs the same under tsx, Vitest and
 * the Next.js server, like the bulk writer's thread (lib/db/import/sqlite-bulk-writer.ts).
 * For each statement it opens a read-only connection, hands the rows (or, given a formatter, their
 * text lines) over a batch at a time, each when the main thread asks for it, and closes the
 * connection at the end.
 */
const READER_SCRIPT = `
const { parentPort } = require("node:worker_threads");
const path = require("node:path");
const fromApp = (name) => require(require.resolve(name, { paths: [process.cwd()] }));
let Database;
try { Database = fromApp("better-sqlite3"); } catch { Database = require("better-sqlite3"); }
let db = null;
let rows = null;
let batchSize = 1000;
let format = null;
let typescript = false;
const end = () => {
  if (rows) { try { rows.return(); } catch {} rows = null; }
  if (db && db.open) db.close();
  db = null;
  format = null;
};
// A formatter is a TypeScript module of the app's lib/ (tsx, a dependency the app's child processes
// already run on); a kept thread loads each module once.
const formatterOf = (spec) => {
  if (!typescript) { fromApp("tsx/cjs/api").register(); typescript = true; }
  return require(path.join(process.cwd(), spec.module)).createRowFormatter(spec.options);
};
const errorOf = (e) => ({ message: e && e.message ? e.message : String(e), code: e && e.code });
parentPort.on("message", (m) => {
  if (m.op === "end") { end(); return; }
  if (m.op === "exit") { end(); parentPort.close(); return; }
  try {
    if (m.op === "start") {
      end();
      format = m.format ? formatterOf(m.format) : null;
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
    const reply = format ? { ok: true, text: batch.map(format).join("\\r\\n"), count: batch.length, done } : { ok: true, rows: batch, done };
    if (done) end();
    parentPort.postMessage(reply);
  } catch (e) {
    end();
    parentPort.postMessage({ ok: false, error: errorOf(e) });
  }
});
`;

type TFailure = { ok: false; error: { message: string; code?: string } };
type TReply = { ok: true; rows: TSqliteCell[][]; done: boolean } | { ok: true; text: string; count: number; done: boolean } | TFailure;

/** One reader thread; `ask` posts a message and resolves with its reply (one statement at a time). */
type TReader = { worker: Worker; ask: (message: Record<string, unknown>) => Promise<TReply>; broken: boolean };

/**
 * Starting a thread costs ~60 ms of CPU (V8 isolate, better-sqlite3), as much as a weekly export's
 * whole read, and its first formatted export ~0.5 s more (tsx and the formatter's modules): idle
 * readers are kept a while, as many as the exports that commonly run at once, and one always.
 */
const IDLE_READERS = 4;
const IDLE_MS = 30_000;
const ALWAYS_KEPT = 1;
const idle: { reader: TReader; timer: NodeJS.Timeout | null }[] = [];

function startReader(): TReader {
  const worker = new Worker(READER_SCRIPT, {
    eval: true,
    // The thread holds one batch and SQLite's page cache (which is not on the V8 heap).
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 },
    // Normal priority on purpose: at niceness 10 (Dec 2026, 1M encounters, 2 exports a second and a
    // recompute) two of 1,376 exports waited past 10 s, and at 5 pages' p95 under import was
    // 697–779 ms against 528–673 ms at 0.
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
  if (kept.timer) clearTimeout(kept.timer);
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
  const entry: (typeof idle)[number] = { reader, timer: null };
  entry.timer = setTimeout(() => {
    entry.timer = null;
    if (idle.length <= ALWAYS_KEPT) return;
    const index = idle.indexOf(entry);
    if (index >= 0) idle.splice(index, 1);
    reader.worker.postMessage({ op: "exit" });
  }, IDLE_MS);
  entry.timer.unref();
  idle.push(entry);
}

type TBatchReply = Exclude<TReply, TFailure>;

/**
 * Runs one read-only statement on a reader thread and yields its replies a batch at a time; one
 * batch is read ahead of the consumer, so a slow client holds at most two batches in memory.
 */
async function* readOnThread(target: SqliteTarget, start: Record<string, unknown>): AsyncGenerator<TBatchReply> {
  const reader = takeReader();
  const ask = (message: Record<string, unknown>): Promise<TReply> => {
    const reply = reader.ask(message);
    // Awaited later (or settled in `finally`): a thread that stops meanwhile is not an unhandled rejection.
    reply.catch(() => undefined);

    return reply;
  };
  let pending: Promise<TReply> | null = ask({ ...start, op: "start", file: target.filePath });
  try {
    while (pending) {
      const reply = await pending;
      pending = null;
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {});
      // The thread reads the next batch while the consumer uses this one: an export then takes
      // about the longer of the two, not their sum.
      if (!reply.done) pending = ask({ op: "next" });
      yield reply;
    }
  } finally {
    // A kept thread must not answer its next statement with this one's read-ahead batch.
    if (pending) await pending.catch(() => undefined);
    returnReader(reader);
  }
}

/**
 * The rows of one read-only statement, `batchSize` at a time, read on a worker thread with its own
 * connection. Planning, sorting and reading a large result then never holds up the app's only
 * thread, which only receives finished batches. The statement reads one snapshot of the database
 * from its first batch to its last. Ending the iteration early (`return`, `break`) closes the
 * statement and its connection.
 */
export async function* streamSqliteQuery(
  target: SqliteTarget,
  sql: string,
  params: readonly (string | number | null)[],
  options: { batchSize?: number } = {},
): AsyncGenerator<TSqliteCell[][]> {
  for await (const reply of readOnThread(target, { sql, params, batchSize: options.batchSize ?? 1000 })) {
    if ("rows" in reply && reply.rows.length > 0) yield reply.rows;
  }
}

/**
 * A module of the app that turns a statement's raw rows into text lines on the reader thread:
 * `module` is its path from the app's folder, and it exports `createRowFormatter(options)`
 * returning `(cells) => line` (e.g. lib/export/finding-csv.ts). `options` must survive structured clone.
 */
export type TRowFormat = { module: string; options: unknown };

/**
 * Like streamSqliteQuery, but the reader thread also formats each row with `format` and hands over
 * each batch as its lines joined by CRLF: at a million encounters a weekly CSV export of ~18,000
 * rows cost the app's only thread ~280 ms of formatting (patient ids opened, cells neutralized),
 * time every page request queued behind.
 */
export async function* streamSqliteText(
  target: SqliteTarget,
  sql: string,
  params: readonly (string | number | null)[],
  format: TRowFormat,
  options: { batchSize?: number } = {},
): AsyncGenerator<{ text: string; rows: number }> {
  for await (const reply of readOnThread(target, { sql, params, batchSize: options.batchSize ?? 1000, format })) {
    if ("text" in reply && reply.count > 0) yield { text: reply.text, rows: reply.count };
  }
}
