import { getDb, type Db } from "./client";
import { describeDatabaseError, type DatabaseTarget } from "./database-target";

export type TDatabaseHealth =
  | { provider: DatabaseTarget["provider"]; ok: true; latencyMs: number }
  | { provider: DatabaseTarget["provider"]; ok: false; message: string };

/**
 * Runs a trivial query and reports whether the database answers (the app's own database unless
 * another is given). A database failure does not throw: it comes back as `{ ok: false, message }` with the
 * one-line explanation from describeDatabaseError.
 */
export async function checkDatabaseHealth(
  { db, target }: { db: Db; target: DatabaseTarget } = getDb(),
): Promise<TDatabaseHealth> {
  const started = performance.now();
  try {
    await db.$queryRaw`SELECT 1`;

    return { provider: target.provider, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { provider: target.provider, ok: false, message: describeDatabaseError(error, target) };
  }
}
