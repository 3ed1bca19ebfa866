/**
 * The audit spool: where an audit event goes when SQLite's write lock is taken for longer than a
 * request should wait (an import holds it for its whole transaction; seconds at 100,000 rows). The
 * event is appended to a file of the data folder (0600, fsync'd before the request goes on) and
 * moved into AuditEvent, with the time it happened, as soon as the lock is free. So viewing an
 * encounter during an import neither waits for the import nor goes unrecorded.
 *
 * Files: `audit-spool-<pid>.jsonl` per process, renamed to `audit-spool-<pid>.<n>.flushing` while
 * its events are inserted, deleted once they are. A process that died leaves its files; the next
 * flush of any process takes them (a live process's files are its own). A crash between the insert
 * and the delete inserts those events again on the next flush: an event may be recorded twice,
 * never lost. A line cut short by a crash mid-append is skipped. Lines hold what AuditEvent holds:
 * ids, actions and counts, never PHI (lib/db/audit-events.ts).
 */
import { closeSync, fsync, openSync, readdirSync, readFileSync, renameSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import type { TAuditEventInput } from "./audit-events";
import type { Db } from "./client";
import { isDatabaseBusyError } from "./database-target";

/** An AuditEvent row as spooled: every column but the id. */
export type TSpooledAuditEvent = Required<Omit<TAuditEventInput, "detail">> & Pick<TAuditEventInput, "detail"> & { createdAt: Date };

export type TAuditSpool = {
  dir: string;
  /** A client of the same database whose queries give up after AUDIT_LOCK_WAIT_MS of a taken write lock. */
  impatient: Db;
  /** Appends one event and schedules a flush; durable (fsync'd, off the event loop) when it resolves. */
  append(event: TSpooledAuditEvent): Promise<void>;
  /** An event found the write lock taken and no flush has got it since: new events go to the spool without trying the lock. */
  readonly waiting: boolean;
  /** Moves every spooled event it can into AuditEvent; resolves to how many. Busy: they stay, a flush is scheduled. */
  flush(): Promise<number>;
};

const spools = new WeakMap<Db, TAuditSpool>();
const fsyncInPool = promisify(fsync);
const FLUSH_RETRY_MS = 250;
/**
 * How long an audit write, or a flush, waits for the write lock before the event goes to (or stays
 * in) the spool: well under the second a page may take. Readers flush first; they must not wait on
 * an import either.
 */
export const AUDIT_LOCK_WAIT_MS = 200;
const FILE_PATTERN = /^audit-spool-(\d+)(?:\.\d+\.flushing|\.jsonl)$/;

/** The spool of the app's SQLite client (attached by getDb), or undefined: audit writes wait for the lock. */
export function auditSpoolOf(db: Db): TAuditSpool | undefined {
  return spools.get(db);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

function parseLines(text: string): TSpooledAuditEvent[] {
  const events: TSpooledAuditEvent[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const { createdAt, ...rest } = JSON.parse(line) as Omit<TSpooledAuditEvent, "createdAt"> & { createdAt: string };
      events.push({ ...rest, createdAt: new Date(createdAt) });
    } catch {
      // a line cut short by a crash mid-append
    }
  }
  return events;
}

/**
 * Attaches a spool in `dir` to `db` (the app's SQLite client) and flushes what earlier processes
 * left. `impatient`: a client of the same database created with busyWaitMs AUDIT_LOCK_WAIT_MS.
 */
export function attachAuditSpool(db: Db, dir: string, impatient: Db): TAuditSpool {
  const file = path.join(dir, `audit-spool-${process.pid}.jsonl`);
  let batch = 0;
  let flushing: Promise<number> | null = null;
  let retry: NodeJS.Timeout | null = null;
  // Set by an event that found the lock taken, cleared by a flush that got it.
  let lockTaken = false;

  const scheduleFlush = () => {
    if (retry) return;
    retry = setTimeout(() => {
      retry = null;
      void spool.flush().catch(() => scheduleFlush());
    }, FLUSH_RETRY_MS);
    retry.unref();
  };

  const flushOnce = async (): Promise<number> => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return 0;
    }
    // This process's new events are set aside first, so appends during the insert start a new file.
    if (names.includes(path.basename(file))) {
      const aside = path.join(dir, `audit-spool-${process.pid}.${batch++}.flushing`);
      renameSync(file, aside);
      names.push(path.basename(aside));
    }
    let moved = 0;
    for (const name of names.sort()) {
      const match = FILE_PATTERN.exec(name);
      if (!match || !name.endsWith(".flushing")) {
        // Another process's .jsonl: its own flush sets it aside, or, once it is gone, the next pass here.
        if (match && !isAlive(Number(match[1]))) {
          const aside = path.join(dir, `audit-spool-${match[1]}.${Date.now()}.flushing`);
          renameSync(path.join(dir, name), aside);
          moved += await insertFile(aside);
        }
        continue;
      }
      const owner = Number(match[1]);
      if (owner !== process.pid && isAlive(owner)) continue;
      moved += await insertFile(path.join(dir, name));
    }
    return moved;
  };

  const insertFile = async (filePath: string): Promise<number> => {
    const rows = parseLines(readFileSync(filePath, "utf8")).map(({ detail, ...event }) => ({ ...event, ...(detail ? { detail: detail as never } : {}) }));
    if (rows.length > 0) {
      try {
        await impatient.auditEvent.createMany({ data: rows });
      } catch (error) {
        if (isDatabaseBusyError(error)) throw error;
        // One row the table refuses (its user was deleted meanwhile) must not hold back the others:
        // row by row, and a refused row again without the user (actorEmail still names them).
        for (const row of rows) {
          await impatient.auditEvent.create({ data: row }).catch((rowError: unknown) => {
            if (isDatabaseBusyError(rowError)) throw rowError;
            return impatient.auditEvent.create({ data: { ...row, userId: null } });
          });
        }
      }
    }
    unlinkSync(filePath);
    return rows.length;
  };

  const spool: TAuditSpool = {
    dir,
    impatient,
    async append(event) {
      // The write is synchronous, so a flush's rename never splits it; the fsync waits on the disk
      // (behind an import's writes, up to seconds) in the thread pool, not on the event loop.
      lockTaken = true;
      const descriptor = openSync(file, "a", 0o600);
      try {
        writeSync(descriptor, `${JSON.stringify(event)}\n`);
        await fsyncInPool(descriptor);
      } finally {
        closeSync(descriptor);
      }
      scheduleFlush();
    },
    get waiting() {
      return lockTaken;
    },
    flush() {
      if (flushing) return flushing;
      flushing = flushOnce()
        .then((moved) => {
          lockTaken = false;
          return moved;
        })
        .catch((error: unknown) => {
          if (isDatabaseBusyError(error)) {
            scheduleFlush();
            return 0;
          }
          throw error;
        })
        .finally(() => {
          flushing = null;
        });
      return flushing;
    },
  };
  spools.set(db, spool);
  void spool.flush().catch(() => scheduleFlush());

  return spool;
}
