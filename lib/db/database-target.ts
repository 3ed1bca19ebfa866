import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "@/lib/config-error";

/** Which database the app uses, resolved from DATABASE_URL and the data folder. */
export type SqliteTarget = {
  provider: "sqlite";
  /** Absolute path of the database file. */
  filePath: string;
  /** `file:<absolute path>`, as the better-sqlite3 adapter expects. */
  url: string;
  /** Safe to print (no secrets). */
  label: string;
};

export type PostgresTarget = {
  provider: "postgresql";
  /** Connection string for `pg`, without Prisma's `schema` parameter. */
  url: string;
  /** Schema (namespace) that holds the tables: `?schema=` in DATABASE_URL, else "public". */
  schema: string;
  host: string;
  port: number;
  database: string;
  user: string;
  /** Safe to print (no password). */
  label: string;
};

export type DatabaseTarget = SqliteTarget | PostgresTarget;

export const SQLITE_FILE_NAME = "dripaudit.db";

const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * Resolves the database from DATABASE_URL: unset → `<dataDir>/dripaudit.db` (SQLite);
 * `file:…` → that SQLite file (relative to cwd); `postgres://` / `postgresql://` → PostgreSQL.
 * Throws ConfigError for anything else or a malformed URL.
 *
 * @example
 * resolveDatabaseTarget({ dataDir: "/srv/dripaudit/data" })
 * //=> { provider: "sqlite", filePath: "/srv/dripaudit/data/dripaudit.db", … }
 */
export function resolveDatabaseTarget(options: {
  databaseUrl?: string;
  dataDir: string;
  cwd?: string;
}): DatabaseTarget {
  const cwd = options.cwd ?? process.cwd();
  const databaseUrl = options.databaseUrl?.trim();

  if (!databaseUrl) return sqliteTarget(path.resolve(cwd, options.dataDir, SQLITE_FILE_NAME));

  if (databaseUrl.startsWith("file:")) {
    const file = databaseUrl.slice("file:".length).replace(/^\/\/(?=\/)/, "").split("?")[0] ?? "";
    if (!file) throw new ConfigError('Invalid configuration: DATABASE_URL "file:" needs a path, e.g. file:./data/dripaudit.db.');

    return sqliteTarget(path.resolve(cwd, file));
  }

  if (POSTGRES_URL.test(databaseUrl)) return postgresTarget(databaseUrl);

  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1];
  throw new ConfigError(
    `Invalid configuration: DATABASE_URL must start with postgresql://, postgres:// or file: (got ${scheme ? `"${scheme}:…"` : "a value with no scheme"}); leave it unset for the embedded SQLite database.`,
  );
}

function sqliteTarget(filePath: string): SqliteTarget {
  return { provider: "sqlite", filePath, url: `file:${filePath}`, label: `SQLite ${filePath}` };
}

function postgresTarget(databaseUrl: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(databaseUrl);
  } catch {
    throw new ConfigError(
      "Invalid configuration: DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database.",
    );
  }
  if (!parsed.hostname) {
    throw new ConfigError("Invalid configuration: DATABASE_URL has no host; expected postgresql://user:password@host:5432/database.");
  }
  const port = parsed.port ? Number(parsed.port) : 5432;
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) {
    throw new ConfigError("Invalid configuration: DATABASE_URL names no database; expected postgresql://user:password@host:5432/database.");
  }
  const schema = parsed.searchParams.get("schema") ?? "public";
  if (!SCHEMA_NAME.test(schema)) {
    throw new ConfigError(`Invalid configuration: the schema "${schema}" in DATABASE_URL must be letters, digits and underscores.`);
  }
  parsed.searchParams.delete("schema");
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const user = decodeURIComponent(parsed.username) || process.env.PGUSER || process.env.USER || "postgres";

  return {
    provider: "postgresql",
    url: parsed.toString(),
    schema,
    host,
    port,
    database,
    user,
    label: `PostgreSQL ${host}:${port}/${database}${schema === "public" ? "" : ` (schema ${schema})`}`,
  };
}

/**
 * Collects error codes (`ECONNREFUSED`, `28P01`, `P1001`, adapter kinds such as
 * `DatabaseNotReachable` …) from an error and everything nested in it (cause, meta, errors).
 */
function collectErrorCodes(error: unknown, seen = new Set<unknown>(), depth = 0): string[] {
  if (!error || typeof error !== "object" || seen.has(error) || depth > 6) return [];
  seen.add(error);
  const record = error as Record<string, unknown>;
  const codes = [record.code, record.kind, record.errorCode, record.originalCode].filter(
    (value): value is string => typeof value === "string",
  );
  const nested = [...new Set([record.cause, ...Object.values(record), ...(Array.isArray(record.errors) ? record.errors : [])])];

  return [...codes, ...nested.flatMap((inner) => collectErrorCodes(inner, seen, depth + 1))];
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);

  return (message.split("\n").find((line) => line.trim()) ?? "unknown error").trim();
}

/**
 * Whether a query failed because the database stayed locked by another writer past the client's
 * wait (SQLite SQLITE_BUSY after the 10 s busy timeout, under Prisma's P1008 wrapper too;
 * PostgreSQL lock_not_available): the request may simply be tried again later.
 */
export function isDatabaseBusyError(error: unknown): boolean {
  return collectErrorCodes(error).some((code) => code.startsWith("SQLITE_BUSY") || code === "55P03");
}

/**
 * Turns a connection or query failure into one line that names the database and what to check.
 *
 * @example
 * describeDatabaseError(econnrefused, pgTarget)
 * //=> "Cannot reach PostgreSQL at 127.0.0.1:5499 — is the server running and DATABASE_URL right?"
 */
export function describeDatabaseError(error: unknown, target: DatabaseTarget): string {
  const codes = new Set(collectErrorCodes(error));
  const message = firstLine(error);

  if (target.provider === "sqlite") {
    if (codes.has("SQLITE_CANTOPEN") || /unable to open database|directory does not exist/i.test(message)) {
      return `Cannot open the SQLite database ${target.filePath} — does its folder exist and is it writable?`;
    }
    if ([...codes].some((code) => code.startsWith("SQLITE_BUSY"))) {
      return `The SQLite database ${target.filePath} stayed locked by another writer (an import?) for 10 s — try again in a minute.`;
    }
    if (codes.has("SQLITE_READONLY")) return `The SQLite database ${target.filePath} is read-only — check the file's permissions.`;
    if (codes.has("SQLITE_NOTADB") || codes.has("SQLITE_CORRUPT")) {
      return `${target.filePath} is not a usable SQLite database (${message}) — move it aside or point DATABASE_URL elsewhere.`;
    }

    return `SQLite database ${target.filePath}: ${message}`;
  }

  const where = `${target.host}:${target.port}`;
  if (codes.has("ENOTFOUND") || codes.has("EAI_AGAIN")) {
    return `Cannot resolve the PostgreSQL host "${target.host}" — check the host name in DATABASE_URL.`;
  }
  if (
    codes.has("ECONNREFUSED") ||
    codes.has("EHOSTUNREACH") ||
    codes.has("ENETUNREACH") ||
    codes.has("DatabaseNotReachable") ||
    codes.has("P1001")
  ) {
    return `Cannot reach PostgreSQL at ${where} — is the server running and DATABASE_URL right?`;
  }
  if (codes.has("ETIMEDOUT") || codes.has("SocketTimeout") || /timeout/i.test(message)) {
    return `Timed out connecting to PostgreSQL at ${where} — is the server running and reachable from here?`;
  }
  if (codes.has("28P01") || codes.has("28000") || codes.has("AuthenticationFailed") || codes.has("DatabaseAccessDenied") || codes.has("P1000")) {
    return `PostgreSQL at ${where} refused user "${target.user}" — check the user and password in DATABASE_URL.`;
  }
  if (codes.has("3D000") || codes.has("DatabaseDoesNotExist") || codes.has("P1003")) {
    return `PostgreSQL at ${where} has no database "${target.database}" — create it (createdb ${target.database}) or fix DATABASE_URL.`;
  }
  if (codes.has("ECONNRESET") || codes.has("ConnectionClosed")) {
    return `PostgreSQL at ${where} closed the connection — check the server log and any SSL settings in DATABASE_URL.`;
  }

  return `PostgreSQL at ${where}: ${message}`;
}

/**
 * Creates the data folder if needed (0700: it holds PHI and secrets) and checks that it is a
 * writable directory.
 * Throws ConfigError with one line naming the folder otherwise.
 */
export function ensureDataDir(dataDir: string): void {
  const hint = "set DRIPAUDIT_DATA_DIR to a writable folder";
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error("not a directory"), { code: "ENOTDIR" });
    accessSync(dataDir, constants.W_OK | constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new ConfigError(`Cannot use the data folder ${dataDir} (${code}) — ${hint}.`);
  }
}
