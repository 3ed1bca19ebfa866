/**
 * Online backup and safe restore of the embedded SQLite database (the `backup` and `restore`
 * commands). Plain better-sqlite3, no Prisma: the backup API copies pages, and a restore must
 * inspect a file before any Prisma client may open it.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/** A backup or restore refused for a reason the user can fix; the message is one line. */
export class SqliteBackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SqliteBackupError";
  }
}

export type TSqliteBackupResult = { filePath: string; bytes: number; pages: number; pageSize: number };

export type TSqliteRestoreResult = {
  filePath: string;
  bytes: number;
  /** Whether a database file was there before (and is now replaced). */
  replaced: boolean;
  /** Migrations recorded in the backup (all known to this code). */
  migrations: string[];
};

/** Returned by the progress callback: copy every remaining page in one step, i.e. in one read transaction. */
const ALL_PAGES = 0x7fffffff;
const SIDE_FILES = ["-wal", "-shm", "-journal"] as const;
const IN_USE_WAIT_MS = 2_000;

function removeWithSideFiles(filePath: string): void {
  for (const suffix of ["", ...SIDE_FILES]) rmSync(`${filePath}${suffix}`, { force: true });
}

function fsyncPath(filePath: string, flags = constants.O_RDONLY): void {
  const fd = openSync(filePath, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable; some file systems refuse to fsync a directory, which changes nothing for us. */
function fsyncDirectory(dir: string): void {
  try {
    fsyncPath(dir);
  } catch {
    // best effort
  }
}

function temporaryPathBeside(filePath: string, label: string): string {
  return path.join(path.dirname(filePath), `.${path.basename(filePath)}.${label}-${randomBytes(6).toString("hex")}`);
}

function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "";
}

/**
 * Copies the live database at `sourcePath` to `outPath` while the app keeps running: the backup
 * API reads every page inside one read transaction (WAL readers never block the app's writers,
 * and a write committed meanwhile is either wholly in the copy or not at all). The copy is a
 * single self-contained file (rollback journal mode), mode 0600, renamed into place only when
 * complete.
 *
 * @example await backupSqliteDatabase("/srv/dripaudit/data/dripaudit.db", "/backups/dripaudit-2026-12-04.db")
 * //=> { filePath: "/backups/dripaudit-2026-12-04.db", bytes: 52428800, pages: 12800, pageSize: 4096 }
 */
export async function backupSqliteDatabase(sourcePath: string, outPath: string): Promise<TSqliteBackupResult> {
  const out = path.resolve(outPath);
  const source = path.resolve(sourcePath);
  if (!existsSync(source)) throw new SqliteBackupError(`There is no SQLite database at ${source} yet — nothing to back up.`);
  if ([source, ...SIDE_FILES.map((suffix) => `${source}${suffix}`)].includes(out)) {
    throw new SqliteBackupError(`--out ${out} is the database itself — choose a file outside the database's own files.`);
  }
  const outDir = path.dirname(out);
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new SqliteBackupError(`The folder ${outDir} does not exist — create it first.`);
  if (existsSync(out) && !statSync(out).isFile()) throw new SqliteBackupError(`--out ${out} is not a file.`);

  const partial = temporaryPathBeside(out, "partial");
  try {
    // Created first so that the copy never exists with wider permissions than 0600.
    closeSync(openSync(partial, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600));
    const live = new Database(source, { fileMustExist: true, timeout: 10_000 });
    try {
      await live.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      live.close();
    }
    const copy = new Database(partial, { fileMustExist: true });
    let pages: number;
    let pageSize: number;
    try {
      copy.pragma("journal_mode = DELETE");
      pages = copy.pragma("page_count", { simple: true }) as number;
      pageSize = copy.pragma("page_size", { simple: true }) as number;
    } finally {
      copy.close();
    }
    chmodSync(partial, 0o600);
    fsyncPath(partial);
    renameSync(partial, out);
    fsyncDirectory(outDir);

    return { filePath: out, bytes: statSync(out).size, pages, pageSize };
  } catch (error) {
    removeWithSideFiles(partial);
    if (error instanceof SqliteBackupError) throw error;
    const code = sqliteCode(error);
    if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT") throw new SqliteBackupError(`${source} is not a usable SQLite database (${code}) — nothing was written.`);
    if (code === "SQLITE_BUSY") throw new SqliteBackupError(`The database ${source} stayed locked for 10 s — try again in a minute.`);
    throw error;
  }
}

/**
 * Checks that `filePath` is a DripAudit database this code can run: a SQLite file that passes
 * `integrity_check`, with a `_prisma_migrations` table whose applied migrations are all known
 * (`knownMigrations`, the folder names of prisma/migrations) and none failed. Returns the applied
 * migrations. Opens the file read-write (a copy, never the user's backup).
 */
function inspectDatabaseCopy(filePath: string, shownAs: string, knownMigrations: readonly string[]): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(filePath, { fileMustExist: true });
    const integrity = db.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== "ok");
    if (problems.length > 0) throw new SqliteBackupError(`${shownAs} is damaged: SQLite's integrity check failed (${problems[0]!.slice(0, 120)}) — restore another backup.`);
    const hasHistory = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get() !== undefined;
    if (!hasHistory) throw new SqliteBackupError(`${shownAs} is a SQLite database but not a DripAudit one (it has no migration history) — check the file name.`);
    const rows = db.prepare("SELECT migration_name AS name, finished_at AS finishedAt, rolled_back_at AS rolledBackAt FROM _prisma_migrations ORDER BY migration_name").all() as {
      name: string;
      finishedAt: unknown;
      rolledBackAt: unknown;
    }[];
    const applied = rows.filter((row) => row.finishedAt !== null && row.rolledBackAt === null).map((row) => row.name);
    const failed = rows.filter((row) => row.finishedAt === null && row.rolledBackAt === null).map((row) => row.name);
    if (applied.length === 0) throw new SqliteBackupError(`${shownAs} has an empty migration history — it is not a DripAudit database backup.`);
    if (failed.length > 0) throw new SqliteBackupError(`${shownAs} records a failed migration (${failed[0]}) — it was taken from a broken database; restore another backup.`);
    const known = new Set(knownMigrations);
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new SqliteBackupError(
        `${shownAs} comes from a newer DripAudit (its schema has ${unknown.length} migration(s) this version does not know, e.g. ${unknown[0]}) — upgrade DripAudit, then restore.`,
      );
    }
    // Fold any WAL content into the file and leave a plain single file behind.
    db.pragma("journal_mode = DELETE");

    return applied;
  } catch (error) {
    if (error instanceof SqliteBackupError) throw error;
    const code = sqliteCode(error);
    if (code === "SQLITE_NOTADB") throw new SqliteBackupError(`${shownAs} is not a SQLite database — nothing was restored.`);
    if (code.startsWith("SQLITE_CORRUPT") || code.startsWith("SQLITE_IOERR")) throw new SqliteBackupError(`${shownAs} is damaged (${code}) — restore another backup.`);
    throw error;
  } finally {
    db?.close();
  }
}

/** What the current database holds, for the refusal message; null when it holds no rows at all. */
function describeExistingData(filePath: string): string | null {
  const db = new Database(filePath, { fileMustExist: true, timeout: IN_USE_WAIT_MS });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").all() as { name: string }[]).map(
      (row) => row.name,
    );
    const count = (table: string): number => (tables.includes(table) ? (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n : 0);
    const holdsRows = tables.some((table) => db.prepare(`SELECT 1 FROM "${table.replaceAll('"', '""')}" LIMIT 1`).get() !== undefined);
    if (!holdsRows) return null;
    const practices = count("Organization");
    const encounters = count("Encounter");
    const users = count("User");

    return `${practices.toLocaleString("en-US")} practice(s), ${encounters.toLocaleString("en-US")} encounter(s), ${users.toLocaleString("en-US")} user(s)`;
  } finally {
    db.close();
  }
}

/**
 * Folds the current database's WAL into it and leaves it in rollback mode, which SQLite allows
 * only when no other connection has the file open: a running app or import makes this fail, and
 * the restore stops before it touches anything.
 */
function assertNotInUse(filePath: string): void {
  const db = new Database(filePath, { fileMustExist: true, timeout: IN_USE_WAIT_MS });
  try {
    db.pragma("journal_mode = DELETE");
  } catch (error) {
    if (sqliteCode(error).startsWith("SQLITE_BUSY")) {
      throw new SqliteBackupError(`The database ${filePath} is in use — stop DripAudit (and any import or command using it), then restore.`);
    }
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `targetPath` with the backup `fromPath`: the backup is copied beside the
 * database (mode 0600) and checked there (see inspectDatabaseCopy), a database that holds data is
 * replaced only with `force`, never while in use; then the copy is fsynced and renamed over it
 * after stale -wal/-shm/-journal files are removed (a stale WAL would be replayed onto the new
 * file). Pending migrations are the caller's next step.
 */
export function restoreSqliteDatabase(options: { fromPath: string; targetPath: string; knownMigrations: readonly string[]; force: boolean }): TSqliteRestoreResult {
  const from = path.resolve(options.fromPath);
  const target = path.resolve(options.targetPath);
  if (!existsSync(from)) throw new SqliteBackupError(`${from} does not exist.`);
  if (!statSync(from).isFile()) throw new SqliteBackupError(`${from} is not a file.`);
  if (from === target) throw new SqliteBackupError(`${from} is the database itself — nothing to restore.`);
  if (existsSync(`${from}-wal`) && statSync(`${from}-wal`).size > 0) {
    throw new SqliteBackupError(`${from} has a ${path.basename(from)}-wal file beside it: it is a copy of a live database, not a backup — make one with the backup command.`);
  }

  const copy = temporaryPathBeside(target, "restore");
  try {
    copyFileSync(from, copy, constants.COPYFILE_EXCL);
    chmodSync(copy, 0o600);
    const migrations = inspectDatabaseCopy(copy, from, options.knownMigrations);

    const replaced = existsSync(target);
    if (replaced) {
      let existing: string | null;
      let isReadable = true;
      try {
        existing = describeExistingData(target);
      } catch (error) {
        if (sqliteCode(error).startsWith("SQLITE_BUSY")) throw new SqliteBackupError(`The database ${target} is in use — stop DripAudit (and any import or command using it), then restore.`);
        // A damaged or foreign file: replaceable with --force, and no SQLite connection can hold it.
        existing = "a file that is not a readable SQLite database";
        isReadable = false;
      }
      if (existing !== null && !options.force) {
        throw new SqliteBackupError(`The database ${target} is not empty (${existing}) — restoring replaces all of it. Run restore again with --force to replace it (back it up first).`);
      }
      if (isReadable) assertNotInUse(target);
    }

    fsyncPath(copy);
    for (const suffix of SIDE_FILES) rmSync(`${target}${suffix}`, { force: true });
    renameSync(copy, target);
    fsyncDirectory(path.dirname(target));

    return { filePath: target, bytes: statSync(target).size, replaced, migrations };
  } catch (error) {
    removeWithSideFiles(copy);
    throw error;
  }
}
