/**
 * The analysis connection: the import pipeline's raw-SQL `BulkWriter` (one better-sqlite3 or `pg`
 * connection of its own, one transaction), plus the few provider differences the analysis needs:
 * reading instants as text, and bulk inserts into the Finding and rollup tables (SQLite: multi-row
 * INSERTs; PostgreSQL: the writer's COPY).
 */
import type { DatabaseTarget } from "../database-target";
import { openBulkWriter, type BulkWriter, type SqlValue } from "../import/bulk-writer";
import type { ImportTable } from "../import/tables";

export type AnalysisConnection = BulkWriter;

/** Opens the connection; callers own it and must `close()` it. */
export async function openAnalysisConnection(target: DatabaseTarget): Promise<AnalysisConnection> {
  return openBulkWriter(target, { sqliteOnThisThread: true });
}

/**
 * Starts the recompute's one transaction. SQLite: BEGIN IMMEDIATE (the write lock is taken up
 * front, so the data read is the data the findings are written for; WAL readers are not blocked).
 * PostgreSQL: REPEATABLE READ, one snapshot for every read of the recompute.
 */
export async function beginAnalysisTransaction(connection: AnalysisConnection): Promise<void> {
  await connection.begin();
  if (connection.provider === "postgresql") await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
}

/** A SELECT expression that reads an instant column as ISO text both providers' rows parse alike. */
export function instantText(connection: AnalysisConnection, column: string): string {
  if (connection.provider === "postgresql") return `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return column;
}

/**
 * SQLite: ` INDEXED BY "<index>"` after a table name, so a read's plan does not depend on planner
 * statistics (the product never runs ANALYZE on SQLite; without statistics SQLite rates an
 * equality on an index's first column as 10 rows, so `"organizationId"=?` can win over the index a
 * read is written for and scan the whole practice). The statement fails to prepare, rather than
 * fall back to a scan, if the index is ever dropped. PostgreSQL: nothing (it plans from the
 * statistics the import gathers, `refreshPlannerStatistics`).
 */
export function sqliteIndexedBy(connection: AnalysisConnection, index: string): string {
  return connection.provider === "sqlite" ? ` INDEXED BY "${index}"` : "";
}

/** Epoch ms of an instant read through `instantText` (SQLite: `…+00:00`; PostgreSQL: `…Z`). */
export function parseInstant(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw new Error(`unreadable instant ${JSON.stringify(value)}`);
  return ms;
}

/** Integer column value (pg returns COUNT/SUM as strings, better-sqlite3 may return bigint). */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "number" ? value : Number(value);
}

export function toBool(value: unknown): boolean {
  return value === true || value === 1 || value === 1n || value === "1" || value === "t" || value === "true";
}

const SQLITE_ROWS_PER_STATEMENT = 100;

/**
 * Inserts rows (value arrays in `columns` order) into `table`. SQLite: multi-row INSERT statements
 * (prepared once and cached by the connection); PostgreSQL: the writer's COPY (the server converts
 * each field to its column's type).
 * Values must already be encoded (instants via `connection.instant`, booleans via `connection.bool`).
 */
export async function insertRows(
  connection: AnalysisConnection,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  if (connection.provider === "postgresql") {
    // The pg writer's insert is a COPY into any table; ImportTable only names the import's own tables.
    await connection.insert(table as ImportTable, columns, rows);
    return;
  }
  const names = columns.map((name) => `"${name}"`).join(",");
  const tuple = `(${columns.map(() => "?").join(",")})`;
  const width = columns.length;
  const full = `INSERT INTO "${table}" (${names}) VALUES ${new Array<string>(SQLITE_ROWS_PER_STATEMENT).fill(tuple).join(",")}`;
  let i = 0;
  for (; i + SQLITE_ROWS_PER_STATEMENT <= rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
    const params = new Array<SqlValue>(SQLITE_ROWS_PER_STATEMENT * width);
    let p = 0;
    for (let r = i; r < i + SQLITE_ROWS_PER_STATEMENT; r++) {
      const row = rows[r]!;
      for (let c = 0; c < width; c++) params[p++] = row[c] ?? null;
    }
    await connection.execute(full, params);
  }
  if (i < rows.length) {
    const single = `INSERT INTO "${table}" (${names}) VALUES ${tuple}`;
    for (; i < rows.length; i++) await connection.execute(single, rows[i]!.map((v) => v ?? null));
  }
}

/** `?,?,?` for an IN list. */
export function inList(count: number): string {
  return count === 0 ? "NULL" : new Array<string>(count).fill("?").join(",");
}
