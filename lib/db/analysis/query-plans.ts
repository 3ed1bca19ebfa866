/**
 * What the database makes of the analysis reads, for tests (issue 17): the plan of the weekly
 * administrations read and whether planner statistics exist. A plan must be the intended one on a
 * freshly imported database, which on SQLite has no statistics (the product never runs ANALYZE
 * there) and on PostgreSQL has the statistics the import gathers after it commits.
 */
import type { AnalysisConnection } from "./connection";
import { weekAdministrationsSql } from "./read-analysis-data";

/**
 * The plan of `weekAdministrationsSql`, one line per plan node: SQLite `EXPLAIN QUERY PLAN`
 * details (e.g. `SEARCH a USING INDEX Administration_encounterId_idx (encounterId=?)`),
 * PostgreSQL `EXPLAIN` lines (e.g. `Index Scan using "Administration_encounterId_idx" on …`).
 */
export async function explainWeekAdministrationsRead(connection: AnalysisConnection, organizationId: string, weekStart: string): Promise<string[]> {
  const params = [organizationId, weekStart, organizationId];
  if (connection.provider === "sqlite") {
    const rows = await connection.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${weekAdministrationsSql(connection)}`, params);
    return rows.map((row) => row.detail);
  }
  const rows = await connection.query<{ "QUERY PLAN": string }>(`EXPLAIN ${weekAdministrationsSql(connection)}`, params);
  return rows.map((row) => row["QUERY PLAN"]);
}

/**
 * Which of `tables` have planner statistics: SQLite rows in `sqlite_stat1` (written only by
 * ANALYZE / PRAGMA optimize); PostgreSQL column statistics in `pg_stats` (ANALYZE, autovacuum).
 */
export async function tablesWithPlannerStatistics(connection: AnalysisConnection, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const list = tables.map(() => "?").join(",");
  if (connection.provider === "sqlite") {
    const present = await connection.query<{ name: string }>(`SELECT "name" FROM sqlite_master WHERE "type"='table' AND "name"='sqlite_stat1'`);
    if (present.length === 0) return [];
    const rows = await connection.query<{ tbl: string }>(`SELECT DISTINCT "tbl" FROM sqlite_stat1 WHERE "tbl" IN (${list})`, [...tables]);
    return rows.map((row) => row.tbl).sort();
  }
  const rows = await connection.query<{ tablename: string }>(
    `SELECT DISTINCT "tablename" FROM pg_stats WHERE "schemaname" = current_schema() AND "tablename" IN (${list})`,
    [...tables],
  );
  return rows.map((row) => row.tablename).sort();
}
