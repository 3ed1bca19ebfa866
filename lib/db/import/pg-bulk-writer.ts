/**
 * Bulk writer on a `pg` client: one transaction, `INSERT … SELECT * FROM unnest($1::type[], …)` in
 * chunks of up to 20,000 rows (one array parameter per column, so PostgreSQL's 65,535-parameter
 * limit never applies). Ids, when needed, are taken from the table's sequence first and inserted
 * explicitly, so they come back in row order.
 */
import pg from "pg";
import type { PostgresTarget } from "../database-target";
import type { BulkWriter, SqlValue } from "./bulk-writer";
import { PG_COLUMN_TYPES, type ImportTable } from "./tables";

const ROWS_PER_STATEMENT = 20_000;
/** First key of the advisory locks held by running imports (`pg_advisory_lock(key, batchId)`). */
const BATCH_LOCK_KEY = 0x44524950; // "DRIP"

function encode(value: SqlValue): unknown {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  return value;
}

function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export async function openPgBulkWriter(target: PostgresTarget): Promise<BulkWriter> {
  const client = new pg.Client({
    connectionString: target.url,
    connectionTimeoutMillis: 10_000,
    ...(target.schema === "public" ? {} : { options: `-c search_path="${target.schema}"` }),
  });
  await client.connect();
  client.on("error", () => {
    // a dropped connection surfaces on the next query
  });
  let open = false;

  const insertChunk = async (table: ImportTable, columns: readonly string[], rows: readonly (readonly SqlValue[])[]): Promise<void> => {
    const types = PG_COLUMN_TYPES[table] as Record<string, string>;
    const arrays = columns.map(() => new Array<unknown>(rows.length));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let c = 0; c < columns.length; c++) arrays[c]![r] = encode(row[c] ?? null);
    }
    const casts = columns.map((column, i) => {
      const type = types[column];
      if (!type) throw new Error(`unknown column ${table}.${column}`);
      return `$${i + 1}::${type}[]`;
    });
    await client.query(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(",")}) SELECT * FROM unnest(${casts.join(",")})`,
      arrays,
    );
  };

  return {
    provider: "postgresql",
    async begin() {
      await client.query("BEGIN");
      open = true;
    },
    async commit() {
      await client.query("COMMIT");
      open = false;
    },
    async rollback() {
      if (!open) return;
      open = false;
      try {
        await client.query("ROLLBACK");
      } catch {
        // connection lost: the server rolls back on its own
      }
    },
    async close() {
      await client.end().catch(() => {});
    },
    async insert(table, columns, rows, options) {
      const ids: number[] = [];
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        let chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        let chunkColumns = columns;
        if (options?.returnIds) {
          const result = await client.query<{ id: number }>(
            `SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int4 AS id FROM generate_series(1, $1)`,
            [chunk.length],
          );
          const fresh = result.rows.map((row) => row.id);
          for (const id of fresh) ids.push(id);
          chunk = chunk.map((row, i) => [fresh[i]!, ...row]);
          chunkColumns = ["id", ...columns];
        }
        await insertChunk(table, chunkColumns, chunk);
      }
      return ids;
    },
    async query<T extends Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []) {
      const result = await client.query(numbered(sql), params.map(encode));
      return result.rows as T[];
    },
    async execute(sql, params = []) {
      const result = await client.query(numbered(sql), params.map(encode));
      return result.rowCount ?? 0;
    },
    instant: (ms) => new Date(ms).toISOString().replace("Z", ""),
    bool: (value) => value,
    async holdBatchLock(batchId) {
      await client.query("SELECT pg_advisory_lock($1, $2)", [BATCH_LOCK_KEY, batchId]);
    },
    async isBatchLockFree(batchId) {
      const result = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS free", [BATCH_LOCK_KEY, batchId]);
      const free = result.rows[0]?.free === true;
      if (free) await client.query("SELECT pg_advisory_unlock($1, $2)", [BATCH_LOCK_KEY, batchId]);
      return free;
    },
  };
}
