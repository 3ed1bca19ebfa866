/**
 * The recompute's short write transactions. SQLite has one writer for the whole file: a recompute
 * of a large practice in one transaction made every settings save, audit event and import wait
 * for minutes. Here a transaction is committed as soon as it has been open `budgetMs`, and the
 * analysis work between weeks runs with no transaction open. Safe because what a recompute writes
 * is invisible until its version is published (analysis-version.ts).
 *
 * Taking the lock never blocks the event loop: SQLite's busy handler would sleep the thread (the
 * analysis connection is synchronous, on the app's thread), so BEGIN IMMEDIATE is tried without
 * waiting and retried after short timers while another connection writes.
 */
import type { AnalysisConnection } from "./connection";

export type WriteTransactions = {
  /** Call before each unit of writes: opens a transaction, or commits the open one and opens another once it is `budgetMs` old. */
  ensure(): Promise<void>;
  /** Commits the open transaction, if any. */
  commit(): Promise<void>;
  /** Rolls back the open transaction, if any. */
  rollback(): Promise<void>;
  /** The longest a transaction of this object was open, ms (with the time its commit took). */
  readonly longestHeldMs: number;
};

export type WriteTransactionOptions = {
  /** Commit once a transaction has been open this long (default 100 ms). */
  budgetMs?: number;
  signal?: AbortSignal;
  /** Give up waiting for the write lock after this long (default 30 minutes: an import of millions of rows holds it that long). */
  lockWaitMs?: number;
  /** Runs inside every new transaction, first (e.g. renewing a lease). */
  onBegin?: () => Promise<void>;
  /** SQLite: the least time between a commit and the next BEGIN (default COMMIT_GAP_MS). */
  commitGapMs?: number;
};

/**
 * SQLite grants the write lock to whoever asks when it is free, not to whoever waited longest: a
 * recompute that begins its next transaction right after a commit keeps the lock nearly all the
 * time, and an app write (an audit event, a settings save) polling for it waited over a second.
 * After each commit the recompute leaves the lock free this long, longer than the app's writers
 * take between two tries (lib/db/client.ts), so a waiting write gets in.
 */
export const COMMIT_GAP_MS = 20;

export class WriteLockTimeoutError extends Error {
  constructor(waitedMs: number) {
    super(`The database stayed locked by another writer for ${Math.round(waitedMs / 1000)} s; the analysis will run again later.`);
    this.name = "WriteLockTimeoutError";
  }
}

export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_BUSY" || (error instanceof Error && /database is locked|SQLITE_BUSY/i.test(error.message));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function createWriteTransactions(connection: AnalysisConnection, options: WriteTransactionOptions = {}): Promise<WriteTransactions> {
  const budgetMs = options.budgetMs ?? 100;
  const lockWaitMs = options.lockWaitMs ?? 30 * 60_000;
  // No busy handler on this connection: waiting is done below with timers. Reads never wait in WAL mode.
  if (connection.provider === "sqlite") await connection.query("PRAGMA busy_timeout = 0");
  const commitGapMs = connection.provider === "sqlite" ? (options.commitGapMs ?? COMMIT_GAP_MS) : 0;
  let openedAt: number | null = null;
  let committedAt = Number.NEGATIVE_INFINITY;
  let longestHeldMs = 0;

  const begin = async () => {
    const sinceCommit = performance.now() - committedAt;
    if (sinceCommit < commitGapMs) await sleep(commitGapMs - sinceCommit);
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      if (options.signal?.aborted) throw options.signal.reason instanceof Error ? options.signal.reason : new Error("aborted");
      try {
        await connection.begin();
        break;
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        if (performance.now() - started > lockWaitMs) throw new WriteLockTimeoutError(performance.now() - started);
        await sleep(Math.min(2 + attempt * 3, 25));
      }
    }
    openedAt = performance.now();
    await options.onBegin?.();
  };

  const commit = async () => {
    if (openedAt === null) return;
    await connection.commit();
    committedAt = performance.now();
    longestHeldMs = Math.max(longestHeldMs, committedAt - openedAt);
    openedAt = null;
  };

  return {
    async ensure() {
      if (openedAt !== null && performance.now() - openedAt < budgetMs) return;
      await commit();
      await begin();
    },
    commit,
    async rollback() {
      if (openedAt === null) return;
      openedAt = null;
      await connection.rollback();
    },
    get longestHeldMs() {
      return longestHeldMs;
    },
  };
}
