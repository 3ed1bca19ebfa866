/**
 * Bulk writer on a `pg` client: one transaction, rows written with `COPY … FROM STDIN` (pg-copy.ts).
 * Ids, when needed, are taken from the table's sequence first and written explicitly, so they
 * come back in row order.
 */
import pg from "pg";
import type { PostgresTarget } from "../database-target";
import { copyRows } from "../pg-copy";
import type { BulkWriter, SqlValue } from "./bulk-writer";

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

function* withIds(ids: readonly number[], rows: readonly (readonly SqlValue[])[]): Generator<readonly SqlValue[]> {
  for (let i = 0; i < rows.length; i++) yield [ids[i]!, ...rows[i]!];
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
      if (rows.length === 0) return [];
      if (!options?.returnIds) {
        await copyRows(client, table, columns, rows);
        return [];
      }
      const result = await client.query<{ id: number }>(
        `SELECT nextval(pg_get_serial_sequence('"${table}"', 'id'))::int4 AS id FROM generate_series(1, $1)`,
        [rows.length],
      );
      const ids = result.rows.map((row) => row.id);
      await copyRows(client, table, ["id", ...columns], withIds(ids, rows));
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
