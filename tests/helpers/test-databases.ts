import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { resolveDatabaseTarget, type DatabaseTarget } from "@/lib/db";
import { whenCheckpointsSettled } from "@/lib/db/import/sqlite-bulk-writer";
// Plain-JS tools shared with `npm run db:migrate` and the test runner.
import { findLocalPostgres } from "@/prisma/tools/local-postgres.mjs";
import { dropPostgresSchema } from "@/prisma/tools/migrate.mjs";

export type TTestDatabase = {
  provider: DatabaseTarget["provider"];
  target: DatabaseTarget;
  /** The DATABASE_URL that selects this database. */
  databaseUrl: string;
  /** Removes the throwaway database (SQLite folder or PostgreSQL schema). */
  dispose: () => Promise<void>;
};

export type TProviderSetup = { name: DatabaseTarget["provider"]; create: () => Promise<TTestDatabase> };

/** A fresh SQLite file in its own temporary folder. */
export function createSqliteTestDatabase(): TTestDatabase {
  const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-it-"));
  const target = resolveDatabaseTarget({ dataDir: dir });

  // The import's WAL checkpoint runs on a worker thread after COMMIT and rewrites the -wal/-shm
  // files until it ends: wait for it before deleting the folder.
  const dispose = async () => {
    await whenCheckpointsSettled();
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  };
  return { provider: "sqlite", target, databaseUrl: target.url, dispose };
}

/** A fresh schema `it_<random>` on the local PostgreSQL server found by findLocalPostgres(). */
export function createPostgresTestDatabase(baseUrl: string): TTestDatabase {
  const url = new URL(baseUrl);
  url.searchParams.set("schema", `it_${randomBytes(6).toString("hex")}`);
  const databaseUrl = url.toString();
  const target = resolveDatabaseTarget({ databaseUrl, dataDir: os.tmpdir() });

  return { provider: "postgresql", target, databaseUrl, dispose: () => dropPostgresSchema(target) };
}

const isCi = process.env.CI === "true" || process.env.CI === "1" || process.env.REQUIRE_POSTGRES === "1";

/**
 * The providers this run covers. DRIPAUDIT_TEST_PROVIDER=sqlite|postgresql picks one (the test
 * runner runs the suite once per provider); otherwise both. PostgreSQL is left out with a plain
 * message when no server answers, except in CI (CI=true or REQUIRE_POSTGRES=1), where that fails.
 */
export async function resolveTestProviders(): Promise<TProviderSetup[]> {
  const wanted = process.env.DRIPAUDIT_TEST_PROVIDER;
  const providers: TProviderSetup[] = [];
  if (!wanted || wanted === "sqlite") providers.push({ name: "sqlite", create: async () => createSqliteTestDatabase() });
  if (!wanted || wanted === "postgresql") {
    const found = await findLocalPostgres();
    if (found.url) {
      const baseUrl = found.url;
      providers.push({ name: "postgresql", create: async () => createPostgresTestDatabase(baseUrl) });
    } else if (isCi || wanted === "postgresql") {
      throw new Error(`PostgreSQL is required here (CI=true, REQUIRE_POSTGRES=1 or DRIPAUDIT_TEST_PROVIDER=postgresql): ${found.reason}`);
    } else {
      console.warn(`PostgreSQL suite skipped: ${found.reason}`);
    }
  }

  return providers;
}
