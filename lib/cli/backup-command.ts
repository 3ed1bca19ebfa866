/**
 * `backup --out FILE`: a consistent copy of the SQLite database taken while the app runs
 * (lib/db/sqlite-backup.ts). The secrets the database needs are listed, not copied: a backup file
 * alone never opens sealed patient ids.
 */
import { getEnv, type TEnv } from "../env";
import { ensureDataDir, resolveDatabaseTarget, type DatabaseTarget } from "../db";
import { backupSqliteDatabase, SqliteBackupError } from "../db/sqlite-backup";
import { formatBackupSecrets, listBackupSecrets } from "./backup-secrets";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

export const POSTGRES_BACKUP_HINT =
  "is for the embedded SQLite database; DATABASE_URL points at PostgreSQL — use pg_dump and pg_restore as docs/operations.md shows (section “PostgreSQL”).";

const HELP = `Usage: npm run --silent cli -- backup --out <file> [--format text|json]

Writes a consistent copy of the SQLite database (DATABASE_URL file:…, else dripaudit.db in
DRIPAUDIT_DATA_DIR) to <file> while DripAudit keeps running: an import or analysis that is writing
at that moment is either wholly in the copy or not at all. The file is written with mode 0600 and
appears only when complete.

The copy does NOT contain the secrets the database needs; the output lists them (names and places,
never values). Keep them beside the backup, apart from it: without them sealed patient ids cannot be
opened, new imports no longer match earlier patients, and every user must sign in again.

PostgreSQL: use pg_dump / pg_restore (docs/operations.md).

Options:
  --out <file>          the backup file (replaced if it exists; never the database itself)
  --format text|json    output format (default text)
  -h, --help            show this help

Output (stdout): the file, its size and page count, and the secrets to keep; with --format json:
{"backup":{"file","bytes","pages","pageSize"},"secrets":[{"purpose","variable","file","source"}]}.

Exit status: 0 when the backup was written; 1 on invalid input, a PostgreSQL database or no database.`;

/** The environment and the SQLite database, or a one-line usage error. */
export function resolveSqliteForCli(command: string): { env: TEnv; target: Extract<DatabaseTarget, { provider: "sqlite" }> } {
  let env: TEnv;
  let target: DatabaseTarget;
  try {
    env = getEnv();
    target = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
    if (target.provider === "sqlite") ensureDataDir(env.dataDir);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (target.provider !== "sqlite") throw new CliUsageError(`${command} ${POSTGRES_BACKUP_HINT}`);

  return { env, target };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

async function runBackup(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    out: { type: "string" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see backup --help)`);
  if (!values.out?.trim()) throw new CliUsageError("backup needs --out <file>");
  const format = assertChoice("format", values.format, ["text", "json"] as const, "text");
  const { env, target } = resolveSqliteForCli("backup");

  let result;
  try {
    result = await backupSqliteDatabase(target.filePath, values.out);
  } catch (error) {
    if (error instanceof SqliteBackupError) throw new CliUsageError(error.message);
    throw error;
  }
  const secrets = listBackupSecrets(env);

  if (format === "json") {
    io.stdout.write(
      `${JSON.stringify({
        backup: { file: result.filePath, bytes: result.bytes, pages: result.pages, pageSize: result.pageSize },
        secrets: secrets.map((s) => ({ purpose: s.purpose, variable: s.variable, file: s.fileName, source: s.source })),
      })}\n`,
    );
  } else {
    io.stdout.write(
      [
        `Backup written: ${result.filePath} (${megabytes(result.bytes)}, ${result.pages.toLocaleString("en-US")} pages of ${result.pageSize} bytes)`,
        "Not in the backup — keep these beside it, stored apart (restore needs the same ones):",
        ...formatBackupSecrets(secrets),
        "",
      ].join("\n"),
    );
  }
  return 0;
}

export const backupCommand: CliCommand = {
  name: "backup",
  summary: "write a consistent copy of the SQLite database while the app runs (lists the secrets to keep beside it)",
  help: HELP,
  run: runBackup,
};
