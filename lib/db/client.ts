import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "@/lib/generated/prisma-pg/client";
import { attachAuditSpool, auditSpoolOf, AUDIT_LOCK_WAIT_MS } from "./audit-spool";
import { isDatabaseBusyError, resolveDatabaseTarget, type DatabaseTarget } from "./database-target";
import { checkpointInBackground } from "./import/sqlite-bulk-writer";

/**
 * The Prisma client type the app codes against. Both generated clients share the data model; the
 * PostgreSQL one is typed as the SQLite one, so shared code sticks to features both support.
 */
export type Db = PrismaClient;

/**
 * Creates a Prisma client for a target: better-sqlite3 for SQLite, pg for PostgreSQL (tables in
 * the target's schema, `?schema=` in DATABASE_URL). Callers own it and must `$disconnect()` it.
 */
export type TClientOptions = {
  /** SQLite: how long a query that finds the write lock taken keeps trying (default SQLITE_BUSY_WAIT_MS). */
  busyWaitMs?: number;
};

export function createPrismaClient(target: DatabaseTarget, options: TClientOptions = {}): Db {
  if (target.provider === "postgresql") {
    const options = target.schema === "public" ? undefined : `-c search_path="${target.schema}"`;
    const adapter = new PrismaPg(
      { connectionString: target.url, connectionTimeoutMillis: 5_000, ...(options ? { options } : {}) },
      { schema: target.schema },
    );

    return new PgPrismaClient({ adapter }) as unknown as Db;
  }

  const client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: target.url, timeout: SQLITE_BUSY_TIMEOUT_MS }) });

  // No checkpoint on this connection: SQLite runs one in the commit that finds the WAL past 1,000
  // pages, and after an import or a recompute that copies megabytes on the app's only thread (a
  // second or more of every request waiting). Checkpoints run on worker threads instead
  // (checkpointInBackground: after the bulk writers' commits, and every minute from getDb).
  // Set before the connection's first query, not at creation: a client made before its database
  // file exists (a restore into an empty folder) must not create one.
  let noAutoCheckpoint: Promise<void> | null = null;
  const limitMs = options.busyWaitMs ?? SQLITE_BUSY_WAIT_MS;
  return client.$extends({
    query: {
      $allOperations: async ({ args, query }) => {
        noAutoCheckpoint ??= client.$queryRawUnsafe("PRAGMA wal_autocheckpoint = 0").then(
          () => undefined,
          () => undefined,
        );
        await noAutoCheckpoint;
        return waitWhileBusy(() => query(args), limitMs);
      },
    },
  }) as unknown as Db;
}

/**
 * SQLite has one writer, and better-sqlite3 waits for it by sleeping the app's only thread: with a
 * busy timeout, every try of a write that found an import holding the lock froze every request of
 * the server for that long. So the connection never sleeps (busy timeout 0: a write that finds the
 * lock held fails at once), and the write tries again on a timer (the event loop serves other
 * requests meanwhile), up to SQLITE_BUSY_WAIT_MS in all (or the client's busyWaitMs), then fails as
 * before with the busy error.
 */
const SQLITE_BUSY_TIMEOUT_MS = 0;
const SQLITE_BUSY_WAIT_MS = 10_000;
const CHECKPOINT_INTERVAL_MS = 60_000;

async function waitWhileBusy<T>(run: () => Promise<T>, limitMs: number): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isDatabaseBusyError(error) || Date.now() - started >= limitMs) throw error;
      // Tries at most ~10 ms apart: the recompute leaves the lock free for COMMIT_GAP_MS after each commit.
      await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt, 10)));
    }
  }
}

/** The database the environment points at (DATABASE_URL, else the data folder's SQLite file). */
export function getDatabaseTarget(): DatabaseTarget {
  const env = getEnv();

  return resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
}

type Cached = { key: string; db: Db; target: DatabaseTarget };
const globalForDb = globalThis as unknown as { dripauditDb?: Cached };
let productionCache: Cached | undefined;

/**
 * The app's one Prisma client. Outside production it is cached on globalThis so that Next's hot
 * reload does not open a new connection pool on every edit.
 */
export function getDb(): { db: Db; target: DatabaseTarget } {
  const target = getDatabaseTarget();
  const key = `${target.provider}:${target.url}:${target.provider === "postgresql" ? target.schema : ""}`;
  const cached = process.env.NODE_ENV === "production" ? productionCache : globalForDb.dripauditDb;
  if (cached?.key === key) return cached;

  if (cached) {
    void cached.db.$disconnect();
    void auditSpoolOf(cached.db)?.impatient.$disconnect();
  }
  const fresh: Cached = { key, db: createPrismaClient(target), target };
  if (target.provider === "sqlite") {
    // Audit events that find the write lock taken go to the spool instead of waiting (lib/db/audit-spool.ts).
    attachAuditSpool(fresh.db, path.dirname(target.filePath), createPrismaClient(target, { busyWaitMs: AUDIT_LOCK_WAIT_MS }));
    // The app's connections never checkpoint (createPrismaClient): the WAL of its own writes is
    // copied into the database file on a worker thread.
    setInterval(() => checkpointInBackground(target.filePath), CHECKPOINT_INTERVAL_MS).unref();
  }
  if (process.env.NODE_ENV === "production") productionCache = fresh;
  else globalForDb.dripauditDb = fresh;

  return fresh;
}
