/**
 * The analysis connection: the import pipeline's raw-SQL `BulkWriter` (one better-sqlite3 or `pg`
 * connection of its own, one transaction), plus the few provider differences the analysis needs:
 * reading instants as text, and multi-row inserts into the Finding and rollup tables (which the
 * import writer's typed `insert` does not cover).
 */
import type { DatabaseTarget } from "../database-target";
import { openBulkWriter, type BulkWriter, type SqlValue } from "../import/bulk-writer";

export type AnalysisConnection = BulkWriter;

export type PgType = "text" | "int4" | "bool" | "timestamp";

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
const PG_ROWS_PER_STATEMENT = 20_000;

/**
 * Inserts rows (value arrays in `columns` order) into `table`. SQLite: multi-row INSERT statements
 * (prepared once and cached by the connection); PostgreSQL: `INSERT … SELECT * FROM unnest(...)`
 * with one typed array per column. Values must already be encoded (instants via
 * `connection.instant`, booleans via `connection.bool`).
 */
export async function insertRows(
  connection: AnalysisConnection,
  table: string,
  columns: readonly { name: string; pg: PgType }[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map((c) => `"${c.name}"`).join(",");
  if (connection.provider === "postgresql") {
    const casts = columns.map((c, i) => `$${i + 1}::${c.pg}[]`);
    for (let start = 0; start < rows.length; start += PG_ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + PG_ROWS_PER_STATEMENT);
      const arrays = columns.map((_, c) => chunk.map((row) => row[c] ?? null));
      // The pg writer numbers `?` placeholders; here they are already `$n`, and the arrays go to pg as is.
      await connection.execute(`INSERT INTO "${table}" (${names}) SELECT * FROM unnest(${casts.join(",")})`, arrays as unknown as SqlValue[]);
    }
    return;
  }
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
