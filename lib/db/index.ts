/**
 * lib/db is the only place that touches Prisma. It hides which database runs (embedded SQLite or
 * PostgreSQL): callers get a `Db` from getDb() and pass it to the query functions here.
 */
export { createPrismaClient, getDatabaseTarget, getDb, type Db } from "./client";
export {
  describeDatabaseError,
  ensureDataDir,
  isDatabaseBusyError,
  resolveDatabaseTarget,
  SQLITE_FILE_NAME,
  type DatabaseTarget,
  type PostgresTarget,
  type SqliteTarget,
} from "./database-target";
export { recordAuditEvent } from "./audit-events";
export { checkDatabaseHealth, type TDatabaseHealth } from "./health";
export { countImportBatchRecords, type TImportBatchRecords } from "./import-batch-records";
export {
  createOrganization,
  findOrganizations,
  getOrganizationChoiceById,
  listOrganizationChoices,
  toOrganizationSlug,
  type TOrganizationChoice,
  getOrganizationForUser,
  listOrganizationsForUser,
  type TOrganizationForUser,
  type TOrganizationSummary,
} from "./organizations";
export * from "./types";
