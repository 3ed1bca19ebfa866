#!/usr/bin/env node
// Migrations for both providers without Prisma's native schema engine (which cannot be downloaded
// offline): drives @prisma/schema-engine-wasm (the same engine build as the 7.10.0 CLI) through the
// driver adapters. The folders and files it writes have the CLI's exact format.
//
//   node prisma/tools/migrate.mjs deploy                 apply pending migrations to the configured DB
//   node prisma/tools/migrate.mjs status                 list applied / pending migrations (exit 2 if pending)
//   node prisma/tools/migrate.mjs create-both --name x   new migration for SQLite and PostgreSQL (+ --draft for an empty one)
//   node prisma/tools/migrate.mjs create --provider sqlite|postgresql --name x
//   node prisma/tools/migrate.mjs reset                  drop everything in the configured DB (asks for --force)
// Options: --url <DATABASE_URL> (default: env / embedded SQLite), --pg-url <url> for create-both.
//
// It works around five bugs of the 7.10.0 wasm engine and adapters (see ../shared/toolchain.md §4);
// the patches live only here, never in the app's runtime path.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export const LAYOUT = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations" },
  postgresql: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations" },
};

const FILTERS = { externalTables: [], externalEnums: [] };

/** A failure whose message is one line for the user (printed without a stack). */
export class MigrateError extends Error {
  name = "MigrateError";
}

// ---------------------------------------------------------------------------------------------
// Engine loading

let schemaEngineClass;

/** Loads the wasm-bindgen "bundler" build by hand: Node 20 cannot `import` a .wasm file. */
async function loadSchemaEngine() {
  if (schemaEngineClass) return schemaEngineClass;
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = await import(pathToFileURL(gluePath).href);
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(path.dirname(gluePath), "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  schemaEngineClass = glue.SchemaEngine;

  return schemaEngineClass;
}

// ---------------------------------------------------------------------------------------------
// Adapter factories with the workarounds

/** Workaround 2: the engine sends whole multi-statement scripts through executeRaw on the shadow DB. */
function patchSqliteAdapter(adapter) {
  const isScriptError = (error) => /more than one statement|contains no statements/.test(String(error?.message ?? error));
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isScriptError(error)) throw error;
      await adapter.executeScript(query.sql);

      return 0;
    }
  };
  adapter.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isScriptError(error)) throw error;
      await adapter.executeScript(query.sql);

      return { columnNames: [], columnTypes: [], rows: [] };
    }
  };

  return adapter;
}

let pgCharPatched = false;

/** Workaround 5a: the engine's catalog queries return "char" columns (OID 18) the pg adapter rejects. */
function patchPgCharColumns(adapter) {
  if (pgCharPatched) return;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, "performIO")) proto = Object.getPrototypeOf(proto);
  if (!proto) return;
  const performIO = proto.performIO;
  proto.performIO = async function patchedPerformIO(query) {
    const result = await performIO.call(this, query);
    for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;

    return result;
  };
  pgCharPatched = true;
}

/** Connection config for pg: the target URL (or the same server, another database) plus the schema as search_path (Prisma's `?schema=`). */
function pgPoolConfig(target, database) {
  const url = new URL(target.url);
  if (database) url.pathname = `/${encodeURIComponent(database)}`;
  const config = { connectionString: url.toString(), connectionTimeoutMillis: 10_000 };
  if (target.schema !== "public" && !database) config.options = `-c search_path="${target.schema}"`;

  return config;
}

async function withPgClient(target, fn) {
  const client = new pg.Client(pgPoolConfig(target));
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new MigrateError(await describe(error, target));
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function describe(error, target) {
  try {
    const { describeDatabaseError } = await importAppModule("lib/db/database-target.ts");

    return describeDatabaseError(error, target);
  } catch {
    return `${target.label}: ${String(error?.message ?? error).split("\n")[0]}`;
  }
}

/** Builds the adapter factory the engine connects through, and remembers adapters to dispose. */
function createAdapterFactory(target, opened) {
  if (target.provider === "sqlite") {
    const base = new PrismaBetterSqlite3({ url: target.url });
    const track = (adapter) => (opened.push(adapter), patchSqliteAdapter(adapter));

    return {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: async () => track(await base.connect()),
      connectToShadowDb: async () => track(await base.connectToShadowDb()),
    };
  }

  const base = new PrismaPg(pgPoolConfig(target), { schema: target.schema });

  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => {
      const adapter = await base.connect();
      patchPgCharColumns(adapter);
      opened.push(adapter);

      return adapter;
    },
    // Workaround 5b: adapter-pg's own shadow DB silently reuses the main DB and leaks databases.
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll("-", "")}`;
      await withPgClient(target, (client) => client.query(`CREATE DATABASE "${name}"`));
      const adapter = await new PrismaPg(pgPoolConfig(target, name)).connect();
      patchPgCharColumns(adapter);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose().catch(() => {});
        await withPgClient(target, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      };
      opened.push(adapter);

      return adapter;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Migration folders

function layoutFor(provider) {
  const layout = LAYOUT[provider];

  return { schemaPath: path.join(ROOT, layout.schema), migrationsDir: path.join(ROOT, layout.migrations) };
}

function lockfileText(provider) {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

function readMigrationList(migrationsDir) {
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const names = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];

  return {
    baseDir: migrationsDir,
    lockfile: { path: "migration_lock.toml", content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    migrationDirectories: names.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");

      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok", value: readFileSync(file, "utf8") }
            : { tag: "error", value: `${file} is missing` },
        },
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Engine sessions

function engineMessage(error) {
  const text = String(error?.message ?? error);

  return text.split("\n").filter((line) => line.trim()).slice(0, 6).join(" ").trim();
}

/** Preflight: a clear one-line error beats the engine's for a missing server or folder. */
async function preflight(target) {
  if (target.provider === "sqlite") {
    const dir = path.dirname(target.filePath);
    if (!existsSync(dir)) {
      try {
        mkdirSync(dir, { recursive: true });
      } catch (error) {
        throw new MigrateError(`Cannot create the folder ${dir} for the SQLite database (${error.code ?? error.message}).`);
      }
    }

    return;
  }
  await withPgClient(target, (client) => client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`));
}

/** Opens an engine on the target, runs fn(engine, schemaText), and always releases connections. */
async function withEngine(target, fn) {
  await preflight(target);
  const { schemaPath } = layoutFor(target.provider);
  if (!existsSync(schemaPath)) throw new MigrateError(`${schemaPath} is missing; run npm run db:generate first.`);
  const schemaText = readFileSync(schemaPath, "utf8");
  const SchemaEngine = await loadSchemaEngine();
  const opened = [];
  const factory = bindMigrationAwareSqlAdapterFactory(createAdapterFactory(target, opened));
  const log = (line) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  let engine;
  try {
    engine = await SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, factory);

    return await fn(engine, { schemaPath, schemaText });
  } catch (error) {
    if (error instanceof MigrateError) throw error;
    const registered = [...(factory.errorRegistry?.registeredErrors ?? [])].map((entry) => entry?.error).filter(Boolean);
    const cause = registered.at(-1);
    if (cause && /ECONNREFUSED|ENOTFOUND|28P01|3D000|SQLITE_CANTOPEN/.test(JSON.stringify(cause) + String(cause))) {
      throw new MigrateError(await describe(cause, target));
    }
    throw new MigrateError(
      `Migration on ${target.label} failed: ${engineMessage(error)}${cause ? ` (${engineMessage(cause)})` : ""}`,
    );
  } finally {
    try {
      engine?.free();
    } catch {
      // already freed
    }
    for (const adapter of opened.reverse()) await adapter.dispose?.().catch(() => {});
  }
}

/**
 * Applies pending migrations to the target (SQLite or PostgreSQL). Used by `npm run db:migrate`,
 * `npm start` and the integration tests.
 * @returns {Promise<{ applied: string[] }>}
 */
export async function migrateDeploy(target) {
  const { migrationsDir } = layoutFor(target.provider);
  const applied = await withEngine(target, async (engine) => {
    const output = await engine.applyMigrations({ migrationsList: readMigrationList(migrationsDir), filters: FILTERS });

    return output.appliedMigrationNames;
  });
  if (target.provider === "sqlite") setSqliteJournalMode(target.filePath);

  return { applied };
}

/** WAL is a property of the file: set it once so the app's readers never wait on the importer. */
function setSqliteJournalMode(filePath) {
  const require = createRequire(import.meta.url);
  const Database = require("better-sqlite3");
  const db = new Database(filePath);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/** Lists applied and pending migrations. */
export async function migrationStatus(target) {
  const { migrationsDir } = layoutFor(target.provider);
  const list = readMigrationList(migrationsDir);
  const all = list.migrationDirectories.map((entry) => entry.path);

  return withEngine(target, async (engine) => {
    try {
      const output = await engine.diagnoseMigrationHistory({ migrationsList: list, optInToShadowDatabase: false, filters: FILTERS });
      const pending = output.history?.unappliedMigrationNames ?? [];

      return {
        all,
        pending,
        failed: output.failedMigrationNames ?? [],
        edited: output.editedMigrationNames ?? [],
        diagnostic: output.history?.diagnostic ?? null,
      };
    } catch (error) {
      // Workaround 1: P1014 = no _prisma_migrations table yet, i.e. everything is pending.
      if (/P1014|_prisma_migrations/.test(String(error?.message ?? error))) return { all, pending: all, failed: [], edited: [], diagnostic: null };
      throw error;
    }
  });
}

/**
 * Creates a migration for one provider against a scratch database (a temporary SQLite file or a
 * temporary PostgreSQL schema) that holds exactly the existing migrations, so the developer's own
 * database and its data never matter. Returns the SQL, or null when the schema has no changes.
 */
async function diffAgainstScratch(provider, { name, draft, pgUrl }) {
  const { migrationsDir } = layoutFor(provider);
  let target;
  let cleanup;
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-migrate-"));
    const filePath = path.join(dir, "scratch.db");
    target = { provider, filePath, url: `file:${filePath}`, label: `SQLite scratch ${filePath}` };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    // A scratch *database* (public schema), not a scratch schema: the engine would otherwise write
    // a CREATE SCHEMA for the scratch name into the migration.
    const { resolveDatabaseTarget } = await importAppModule("lib/db/database-target.ts");
    const base = resolveDatabaseTarget({ databaseUrl: pgUrl, dataDir: "." });
    const database = `migration_scratch_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    await withPgClient({ ...base, schema: "public" }, (client) => client.query(`CREATE DATABASE "${database}"`));
    const url = new URL(base.url);
    url.pathname = `/${database}`;
    target = { ...base, url: url.toString(), database, schema: "public", label: `PostgreSQL scratch ${base.host}:${base.port}/${database}` };
    cleanup = () =>
      withPgClient({ ...base, schema: "public" }, (client) => client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
  }
  try {
    return await withEngine(target, async (engine, { schemaPath, schemaText }) => {
      const list = readMigrationList(migrationsDir);
      await engine.applyMigrations({ migrationsList: list, filters: FILTERS });
      // Workaround 3: devDiagnostic attaches the SQLite shadow DB that createMigration needs.
      const diagnostic = await engine.devDiagnostic({ migrationsList: list, filters: FILTERS });
      if (diagnostic.action.tag === "reset") throw new MigrateError(`Cannot create a ${provider} migration: ${diagnostic.action.reason}`);
      const output = await engine.createMigration({
        draft: Boolean(draft),
        migrationName: name,
        migrationsList: list,
        schema: { files: [{ path: schemaPath, content: schemaText }] },
        filters: FILTERS,
      });

      return output.migrationScript;
    });
  } finally {
    await cleanup().catch(() => {});
  }
}

function writeMigration(provider, directoryName, sql) {
  const { migrationsDir } = layoutFor(provider);
  mkdirSync(path.join(migrationsDir, directoryName), { recursive: true });
  writeFileSync(path.join(migrationsDir, directoryName, "migration.sql"), sql);
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  if (!existsSync(lockPath)) writeFileSync(lockPath, lockfileText(provider));

  return path.relative(ROOT, path.join(migrationsDir, directoryName, "migration.sql"));
}

function migrationDirectoryName(name) {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

  return `${stamp}_${name}`;
}

/** Creates the migration for the given providers under one directory name. */
export async function createMigrations(providers, { name, draft = false, pgUrl }) {
  if (!/^[A-Za-z0-9_]+$/.test(name ?? "")) throw new MigrateError("Give the migration a name of letters, digits and underscores: --name add_payer_index");
  const directoryName = migrationDirectoryName(name);
  const written = [];
  const scripts = [];
  for (const provider of providers) scripts.push([provider, await diffAgainstScratch(provider, { name, draft, pgUrl })]);
  for (const [provider, sql] of scripts) {
    if (sql == null) continue;
    written.push(writeMigration(provider, directoryName, sql));
  }

  return { directoryName, written, unchanged: scripts.filter(([, sql]) => sql == null).map(([provider]) => provider) };
}

/** Drops everything in the target database (SQLite: deletes the file; PostgreSQL: the schema). */
export async function resetDatabase(target) {
  if (target.provider === "sqlite") {
    // Workaround 4: engine.reset() leaves sqlite_sequence behind and the next deploy refuses.
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${target.filePath}${suffix}`, { force: true });

    return;
  }
  await withPgClient(target, async (client) => {
    await client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
    await client.query(`CREATE SCHEMA "${target.schema}"`);
  });
}

/** Drops a PostgreSQL schema (the integration tests' per-run schemas). */
export async function dropPostgresSchema(target) {
  if (target.provider !== "postgresql" || target.schema === "public") throw new MigrateError("dropPostgresSchema only drops a non-public PostgreSQL schema");
  await withPgClient(target, (client) => client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`));
}

// ---------------------------------------------------------------------------------------------
// CLI

let tsImportFn;

/** Imports one of the app's TypeScript modules (env, database target) through tsx. */
async function importAppModule(relativePath) {
  if (!tsImportFn) ({ tsImport: tsImportFn } = await import("tsx/esm/api"));

  return tsImportFn(pathToFileURL(path.join(ROOT, relativePath)).href, import.meta.url);
}

function parseArgs(argv) {
  const options = { _: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === "--draft" || arg === "--force") options[arg.slice(2)] = true;
    else if (arg.startsWith("--")) {
      const [key, inline] = arg.slice(2).split("=", 2);
      options[key] = inline ?? argv[++index];
    } else options._.push(arg);
  }

  return options;
}

async function configuredTarget(options) {
  const { parseEnv } = await importAppModule("lib/env.ts");
  const { resolveDatabaseTarget } = await importAppModule("lib/db/database-target.ts");
  const env = parseEnv({ ...process.env, ...(options.url ? { DATABASE_URL: options.url } : {}) });

  return resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
}

/** Where create-both finds PostgreSQL: --pg-url, a postgres DATABASE_URL, PG_TEST_URL, then the local server. */
async function pgUrlForCreate(options) {
  if (options["pg-url"]) return options["pg-url"];
  if (/^postgres(ql)?:\/\//.test(options.url ?? process.env.DATABASE_URL ?? "")) return options.url ?? process.env.DATABASE_URL;
  const { findLocalPostgres } = await import("./local-postgres.mjs");
  const found = await findLocalPostgres();
  if (!found.url) throw new MigrateError(`create-both needs a PostgreSQL server for the PostgreSQL migration: ${found.reason}. Start it, or pass --pg-url postgresql://user@host:5432/db.`);

  return found.url;
}

const USAGE = `Usage: node prisma/tools/migrate.mjs <deploy|status|create-both|create|reset> [--url URL] [--name NAME] [--provider sqlite|postgresql] [--pg-url URL] [--draft] [--force]`;

async function main(argv) {
  const options = parseArgs(argv);
  const command = options._[0];
  switch (command) {
    case "deploy": {
      const target = await configuredTarget(options);
      const { applied } = await migrateDeploy(target);
      console.log(applied.length ? `Applied ${applied.length} migration(s) to ${target.label}: ${applied.join(", ")}` : `${target.label} is up to date.`);

      return 0;
    }
    case "status": {
      const target = await configuredTarget(options);
      const status = await migrationStatus(target);
      console.log(`${target.label}: ${status.all.length - status.pending.length} applied, ${status.pending.length} pending${status.pending.length ? ` (${status.pending.join(", ")})` : ""}`);
      if (status.failed.length) console.log(`Failed: ${status.failed.join(", ")}`);
      if (status.edited.length) console.log(`Edited after being applied: ${status.edited.join(", ")}`);

      return status.pending.length || status.failed.length ? 2 : 0;
    }
    case "create-both":
    case "create": {
      const name = options.name ?? options._[1];
      const providers = command === "create-both" ? ["sqlite", "postgresql"] : [options.provider];
      await import("./sync-pg-schema.mjs"); // the PostgreSQL schema must match the one just edited
      if (!providers.every((provider) => provider in LAYOUT)) throw new MigrateError("create needs --provider sqlite or --provider postgresql");
      const pgUrl = providers.includes("postgresql") ? await pgUrlForCreate(options) : undefined;
      const result = await createMigrations(providers, { name, draft: options.draft, pgUrl });
      for (const file of result.written) console.log(`Created ${file}`);
      for (const provider of result.unchanged) console.log(`No schema changes for ${provider}: nothing to create (use --draft for an empty migration to fill in by hand).`);

      return 0;
    }
    case "reset": {
      const target = await configuredTarget(options);
      if (!options.force) throw new MigrateError(`reset deletes every table in ${target.label}; run it again with --force.`);
      await resetDatabase(target);
      console.log(`Reset ${target.label}.`);

      return 0;
    }
    default:
      console.error(USAGE);

      return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      const oneLine = error?.name === "MigrateError" || error?.name === "ConfigError";
      console.error(oneLine ? error.message : (error?.stack ?? String(error)));
      process.exit(1);
    },
  );
}
