/**
 * `restore --from FILE [--force]`: puts a `backup` file back as the SQLite database, after checking
 * it (lib/db/sqlite-backup.ts), then applies the migrations this version adds.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { restoreSqliteDatabase, SqliteBackupError } from "../db/sqlite-backup";
import { LAYOUT, migrateDeploy } from "../../prisma/tools/migrate.mjs";
import { resolveSqliteForCli } from "./backup-command";
import { formatBackupSecrets, listBackupSecrets } from "./backup-secrets";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const HELP = `Usage: npm run --silent cli -- restore --from <file> [--force] [--format text|json]

Replaces the SQLite database (DATABASE_URL file:…, else dripaudit.db in DRIPAUDIT_DATA_DIR) with a
file written by the backup command, then applies any migrations this version adds.

Checked first (nothing changes when a check fails): the file passes SQLite's integrity check, is a
DripAudit database (its migration history), and is not from a newer DripAudit than this one. A
database that already holds data is replaced only with --force, and never while DripAudit or
another command has it open: stop the app first.

The restored database needs the secrets it was backed up with (patient-key.secret, patient-id.key
and auth.secret in the data folder, or their environment variables): put them in place too.

PostgreSQL: use pg_restore (docs/operations.md).

Options:
  --from <file>         the backup file (it is copied, never changed)
  --force               replace a database that holds data
  --format text|json    output format (default text)
  -h, --help            show this help

Output (stdout): the restored database, its size and the migrations applied; with --format json:
{"restored":{"file","bytes","replaced","migrationsInBackup","migrationsApplied":[…]},"secrets":[…]}.

Exit status: 0 when restored; 1 when the file is refused, the database holds data and --force is
missing, the database is in use, or the input is invalid.`;

/** The migrations this code knows: the folder names of prisma/migrations (commands run from the repo root). */
function knownSqliteMigrations(): string[] {
  return readdirSync(path.resolve(LAYOUT.sqlite.migrations), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

async function runRestore(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    from: { type: "string" },
    force: { type: "boolean" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see restore --help)`);
  if (!values.from?.trim()) throw new CliUsageError("restore needs --from <file> (a file written by the backup command)");
  const format = assertChoice("format", values.format, ["text", "json"] as const, "text");
  const { env, target } = resolveSqliteForCli("restore");

  let result;
  try {
    result = restoreSqliteDatabase({ fromPath: values.from, targetPath: target.filePath, knownMigrations: knownSqliteMigrations(), force: Boolean(values.force) });
  } catch (error) {
    if (error instanceof SqliteBackupError) throw new CliUsageError(error.message);
    throw error;
  }
  let applied: string[];
  try {
    ({ applied } = await migrateDeploy(target));
  } catch (error) {
    throw new CliUsageError(`the backup was restored to ${result.filePath}, but applying this version's migrations failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const secrets = listBackupSecrets(env);
  const missing = secrets.filter((s) => s.source.kind === "file" && !s.source.exists);
  if (missing.length > 0) {
    io.stderr.write(`restore: ${missing.map((s) => s.fileName).join(", ")} missing from the data folder — put back the ones kept with the backup before starting DripAudit.\n`);
  }

  if (format === "json") {
    io.stdout.write(
      `${JSON.stringify({
        restored: { file: result.filePath, bytes: result.bytes, replaced: result.replaced, migrationsInBackup: result.migrations.length, migrationsApplied: applied },
        secrets: secrets.map((s) => ({ purpose: s.purpose, variable: s.variable, file: s.fileName, source: s.source })),
      })}\n`,
    );
  } else {
    io.stdout.write(
      [
        `Restored ${result.filePath} (${(result.bytes / 1e6).toFixed(1)} MB${result.replaced ? ", replacing the previous database" : ""}); ${applied.length} migration(s) applied.`,
        "It needs the secrets it was backed up with:",
        ...formatBackupSecrets(secrets),
        "",
      ].join("\n"),
    );
  }
  return 0;
}

export const restoreCommand: CliCommand = {
  name: "restore",
  summary: "replace the SQLite database with a backup file (checked first; --force to replace data)",
  help: HELP,
  run: runRestore,
};
