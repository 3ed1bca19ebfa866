/**
 * Copies the embedded SQLite database into PostgreSQL (`db copy`, docs/scaling.md).
 *
 * Generic on purpose: the tables and their columns are read from the SQLite file and matched with
 * the PostgreSQL schema the migrations build, so a column added by a later migration is copied
 * without a change here. The source is read in one read transaction (one consistent snapshot even
 * while the app writes); the target is written in one PostgreSQL transaction — every table in
 * foreign-key order through COPY, the autoincrement sequences moved past the copied ids, the row
 * counts checked — so it ends with the whole copy or nothing. Rows stream from a SQLite cursor
 * into the COPY stream, so memory stays bounded whatever the size.
 */
import Database from "better-sqlite3";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import pg from "pg";
import { migrateDeploy } from "../../prisma/tools/migrate.mjs";
import type { Db } from "./client";
import { getOverviewData } from "./dashboard";
import type { PostgresTarget, SqliteTarget } from "./database-target";
import { copyRows } from "./pg-copy";

export type TTableCopy = { table: string; sourceRows: number; copiedRows: number };

export type TOverviewComparison = { organizationId: string; name: string; equal: boolean };

/** A refusal or a mismatch the operator must act on; nothing was written to the target. */
export class CopyDatabaseError extends Error {
  override name = "CopyDatabaseError";
}

/** Prisma's migration bookkeeping: each database keeps its own (the migrations are per provider). */
const MIGRATIONS_TABLE = "_prisma_migrations";

type TargetColumn = { name: string; dataType: string };

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

function pgClient(target: PostgresTarget): pg.Client {
  const client = new pg.Client({
    connectionString: target.url,
    connectionTimeoutMillis: 10_000,
    ...(target.schema === "public" ? {} : { options: `-c search_path="${target.schema}"` }),
  });
  client.on("error", () => {
    // a dropped connection surfaces on the next query
  });

  return client;
}

function sourceTables(source: Database.Database): string[] {
  const rows = source
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> ?")
    .pluck()
    .all(MIGRATIONS_TABLE) as string[];

  return rows.sort();
}

/** Referenced tables before the tables that reference them (a table referring to itself does not count). */
export function orderByForeignKeys(tables: readonly string[], references: (table: string) => readonly string[]): string[] {
  const pending = new Map(tables.map((table) => [table, new Set(references(table).filter((other) => other !== table && tables.includes(other)))]));
  const ordered: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending.keys()].filter((table) => pending.get(table)!.size === 0).sort();
    if (ready.length === 0) throw new CopyDatabaseError(`the foreign keys between ${[...pending.keys()].join(", ")} form a cycle; no copy order exists`);
    for (const table of ready) {
      ordered.push(table);
      pending.delete(table);
      for (const parents of pending.values()) parents.delete(table);
    }
  }

  return ordered;
}

async function targetColumns(client: pg.Client, schema: string): Promise<Map<string, TargetColumn[]>> {
  const result = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
      WHERE c.table_schema = $1 AND c.table_name <> $2
      ORDER BY c.table_name, c.ordinal_position`,
    [schema, MIGRATIONS_TABLE],
  );
  const tables = new Map<string, TargetColumn[]>();
  for (const row of result.rows) {
    const columns = tables.get(row.table_name) ?? [];
    columns.push({ name: row.column_name, dataType: row.data_type });
    tables.set(row.table_name, columns);
  }

  return tables;
}

/** The app's tables in the target that hold rows (checked before anything is written). */
async function tablesHoldingData(client: pg.Client, schema: string, tables: readonly string[]): Promise<string[]> {
  const existing = await targetColumns(client, schema);
  const holding: string[] = [];
  for (const table of tables.filter((t) => existing.has(t))) {
    const result = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${quoted(table)}) AS any`);
    if (result.rows[0]?.any) holding.push(table);
  }

  return holding;
}

/**
 * Epoch ms of a SQLite DateTime value: what Prisma's better-sqlite3 adapter writes (ISO text
 * `…+00:00`), epoch ms integers, and zone-less `YYYY-MM-DD HH:MM:SS` text (SQLite's
 * CURRENT_TIMESTAMP, which is UTC).
 */
export function sqliteInstantMs(value: unknown): number {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const text = String(value).trim();
  if (/^\d+$/.test(text)) return Number(text);
  const zoneless = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(text);
  const ms = Date.parse(zoneless ? `${text.replace(" ", "T")}${text.length > 10 ? "Z" : ""}` : text);
  if (Number.isNaN(ms)) throw new Error("not a date");

  return ms;
}

function sqliteBoolean(value: unknown): boolean {
  if (value === 1n || value === 1 || value === true || value === "1" || value === "true") return true;
  if (value === 0n || value === 0 || value === false || value === "0" || value === "false") return false;
  throw new Error("not a boolean");
}

/** How a SQLite value becomes the PostgreSQL column's value (the rest go as they are). */
function converterFor(dataType: string): ((value: unknown) => unknown) | null {
  if (dataType === "boolean") return sqliteBoolean;
  if (dataType.startsWith("timestamp")) return (value) => new Date(sqliteInstantMs(value));

  return null;
}

/** The SQLite rows of a table as PostgreSQL values, one at a time from a cursor. */
function* convertedRows(source: Database.Database, table: string, columns: readonly TargetColumn[]): Generator<unknown[]> {
  const converters = columns.map((column) => converterFor(column.dataType));
  const statement = source.prepare(`SELECT ${columns.map((c) => quoted(c.name)).join(",")} FROM ${quoted(table)}`).raw().safeIntegers();
  for (const row of statement.iterate() as IterableIterator<unknown[]>) {
    for (let i = 0; i < row.length; i++) {
      const convert = converters[i];
      if (!convert || row[i] === null) continue;
      try {
        row[i] = convert(row[i]);
      } catch {
        // The value may be PHI: name the place, not the value.
        throw new CopyDatabaseError(`${table}.${columns[i]!.name} holds a value that is not a valid ${columns[i]!.dataType}; nothing was copied`);
      }
    }
    yield row;
  }
}

/**
 * Checks that both databases have the same tables and columns; returns the target's columns per
 * table in the source's column order.
 */
function matchSchemas(source: Database.Database, tables: readonly string[], target: Map<string, TargetColumn[]>): Map<string, TargetColumn[]> {
  const problems: string[] = [];
  const onlyInTarget = [...target.keys()].filter((table) => !tables.includes(table));
  if (onlyInTarget.length > 0) problems.push(`tables only in PostgreSQL: ${onlyInTarget.join(", ")}`);
  const matched = new Map<string, TargetColumn[]>();
  for (const table of tables) {
    const targetColumnsOfTable = target.get(table);
    if (!targetColumnsOfTable) {
      problems.push(`table ${table} is not in PostgreSQL`);
      continue;
    }
    const names = source.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    const byName = new Map(targetColumnsOfTable.map((column) => [column.name, column]));
    const missing = names.filter((name) => !byName.has(name));
    const extra = targetColumnsOfTable.filter((column) => !names.includes(column.name)).map((column) => column.name);
    if (missing.length > 0) problems.push(`${table}: columns not in PostgreSQL: ${missing.join(", ")}`);
    if (extra.length > 0) problems.push(`${table}: columns not in SQLite: ${extra.join(", ")}`);
    matched.set(table, names.filter((name) => byName.has(name)).map((name) => byName.get(name)!));
  }
  if (problems.length > 0) {
    throw new CopyDatabaseError(
      `the SQLite database and the PostgreSQL schema differ (${problems.join("; ")}); both must be at the same migration — start the app once on the SQLite database, or update DripAudit, then copy again`,
    );
  }

  return matched;
}

async function resetSequences(client: pg.Client, schema: string): Promise<void> {
  const result = await client.query<{ table_name: string; column_name: string; sequence: string }>(
    `SELECT table_name, column_name, pg_get_serial_sequence(format('%I.%I', table_schema, table_name), column_name) AS sequence
       FROM information_schema.columns
      WHERE table_schema = $1 AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')`,
    [schema],
  );
  for (const row of result.rows) {
    await client.query(`SELECT setval($1, COALESCE((SELECT max(${quoted(row.column_name)}) FROM ${quoted(row.table_name)}), 0) + 1, false)`, [row.sequence]);
  }
}

export type TCopyOptions = {
  source: SqliteTarget;
  target: PostgresTarget;
  /** Delete what the target's tables hold and copy over it; without it a target holding data is refused. */
  replace: boolean;
  onProgress?: (line: string) => void;
};

/**
 * Migrates the target, then copies every table of the source into it in one transaction; returns
 * the row counts per table (equal, or it throws and the target keeps no copied row).
 * Throws CopyDatabaseError when the target already holds data (and `replace` is false) or the two
 * schemas differ.
 */
export async function copySqliteToPostgres(options: TCopyOptions): Promise<TTableCopy[]> {
  const progress = options.onProgress ?? (() => {});
  const source = new Database(options.source.filePath, { readonly: true, fileMustExist: true, timeout: 10_000 });
  const client = pgClient(options.target);
  try {
    await client.connect();
    const tables = sourceTables(source);
    const holding = await tablesHoldingData(client, options.target.schema, tables);
    if (holding.length > 0 && !options.replace) {
      throw new CopyDatabaseError(
        `${options.target.label} already holds data (${holding.join(", ")}); nothing was written — copy into an empty database or schema, or pass --replace to delete what it holds`,
      );
    }

    const { applied } = await migrateDeploy(options.target);
    if (applied.length > 0) progress(`${options.target.label}: applied ${applied.length} migration(s)`);
    const columns = matchSchemas(source, tables, await targetColumns(client, options.target.schema));
    const ordered = orderByForeignKeys(tables, (table) => source.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(table) as string[]);

    source.exec("BEGIN");
    await client.query("BEGIN");
    try {
      if (options.replace) await client.query(`TRUNCATE ${ordered.map(quoted).join(", ")} RESTART IDENTITY CASCADE`);
      const copies: TTableCopy[] = [];
      for (const table of ordered) {
        const sourceRows = Number(source.prepare(`SELECT count(*) FROM ${quoted(table)}`).pluck().get());
        const tableColumns = columns.get(table)!;
        await copyRows(client, table, tableColumns.map((column) => column.name), convertedRows(source, table, tableColumns));
        const counted = await client.query<{ rows: string }>(`SELECT count(*) AS rows FROM ${quoted(table)}`);
        copies.push({ table, sourceRows, copiedRows: Number(counted.rows[0]!.rows) });
        progress(`${table}: ${sourceRows.toLocaleString("en-US")} rows`);
      }
      const differing = copies.filter((copy) => copy.sourceRows !== copy.copiedRows);
      if (differing.length > 0) {
        throw new CopyDatabaseError(`row counts differ after the copy (${differing.map((c) => `${c.table} ${c.sourceRows} → ${c.copiedRows}`).join(", ")}); nothing was written`);
      }
      await resetSequences(client, options.target.schema);
      await client.query("COMMIT");
      // Planner statistics for what was just written (as after an import): without them PostgreSQL
      // plans the analysis reads as if the tables were empty.
      await client.query(`ANALYZE ${ordered.map(quoted).join(", ")}`);

      return copies;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    }
  } finally {
    // Ends the read transaction too.
    source.close();
    await client.end().catch(() => {});
  }
}

/**
 * The overview of every practice (no filter, its published analysis) read from both databases
 * through the app's own queries, compared as a whole.
 */
export async function compareOverviews(source: Db, target: Db): Promise<TOverviewComparison[]> {
  const organizations = await source.organization.findMany({ select: { id: true, name: true, weekStartsOn: true, analysisVersion: true }, orderBy: { name: "asc" } });
  const comparisons: TOverviewComparison[] = [];
  for (const organization of organizations) {
    const weekStartsOn = (organization.weekStartsOn >= 0 && organization.weekStartsOn <= 6 ? organization.weekStartsOn : 1) as WeekStartsOn;
    const [before, after] = await Promise.all(
      [source, target].map((db) => getOverviewData(db, organization.id, organization.analysisVersion, {}, weekStartsOn)),
    );
    comparisons.push({ organizationId: organization.id, name: organization.name, equal: JSON.stringify(before) === JSON.stringify(after) });
  }

  return comparisons;
}
