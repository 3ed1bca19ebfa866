/**
 * lib/db is the only place that touches Prisma. It hides which database runs (embedded SQLite or
 * PostgreSQL): callers get a `Db` from getDb() and pass it to the query functions here.
 */
export { createPrismaClient, getDatabaseTarget, getDb, type Db } from "./client";
export {
  describeDatabaseError,
  ensureDataDir,
  resolveDatabaseTarget,
  SQLITE_FILE_NAME,
  type DatabaseTarget,
  type PostgresTarget,
  type SqliteTarget,
} from "./database-target";
export { checkDatabaseHealth, type TDatabaseHealth } from "./health";
export {
  findOrganizations,
  getOrganizationForUser,
  listOrganizationsForUser,
  type TOrganizationForUser,
  type TOrganizationSummary,
} from "./organizations";
export * from "./types";
