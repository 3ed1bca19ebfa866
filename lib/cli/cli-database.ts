/**
 * What the database commands (`user add`, `report`) share: the configured database, migrated when
 * something is pending, and a practice looked up by the name the operator typed.
 */
import { createPrismaClient, describeDatabaseError, ensureDataDir, listOrganizationChoices, resolveDatabaseTarget, type DatabaseTarget, type Db, type TOrganizationChoice } from "../db";
import { getEnv, type TEnv } from "../env";
import { migrateDeploy, migrationStatus } from "../../prisma/tools/migrate.mjs";
import { CliUsageError, type CliIo } from "./cli-command";

export type TCliDatabase = { env: TEnv; target: DatabaseTarget; db: Db };

/**
 * The environment's database with its migrations applied, or a CliUsageError that says what is
 * wrong. Deploys only when something is pending: a running app holds the database, and the schema
 * engine's deploy fails on a SQLite file another connection has open even with nothing to apply.
 */
export async function openCliDatabase(io: CliIo, command: string): Promise<TCliDatabase> {
  let env: TEnv;
  let target: DatabaseTarget;
  try {
    env = getEnv();
    ensureDataDir(env.dataDir);
    target = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  try {
    const { pending } = await migrationStatus(target);
    if (pending.length > 0) {
      const { applied } = await migrateDeploy(target);
      io.stderr.write(`${command}: ${target.label}: applied ${applied.length} migration(s)\n`);
    }
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }

  return { env, target, db: createPrismaClient(target) };
}

/** Every practice, or a CliUsageError naming the database problem. */
export async function listPracticesForCli(database: Pick<TCliDatabase, "db" | "target">): Promise<TOrganizationChoice[]> {
  try {
    return await listOrganizationChoices(database.db);
  } catch (error) {
    throw new CliUsageError(describeDatabaseError(error, database.target));
  }
}

/**
 * The practice with this name (exact, else ignoring case), or a CliUsageError listing the
 * practices there are (`whenNone`: what to say when there are none).
 */
export function findPracticeByName(practices: readonly TOrganizationChoice[], name: string, whenNone: string): TOrganizationChoice {
  const practice = practices.find((p) => p.name === name) ?? practices.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (practice) return practice;
  const known = practices.length > 0 ? `practices: ${practices.map((p) => JSON.stringify(p.name)).join(", ")}` : `there are no practices yet (${whenNone})`;

  throw new CliUsageError(`no practice named ${JSON.stringify(name)}; ${known}`);
}
