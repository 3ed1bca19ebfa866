/**
 * `db copy --to postgresql://…`: moves an install from the embedded SQLite database to PostgreSQL
 * (lib/db/copy-database.ts does the work), then proves the copy: equal row counts per table and
 * equal overview figures for every practice, read through the app's own queries on both sides.
 */
import { createPrismaClient, describeDatabaseError, resolveDatabaseTarget, type DatabaseTarget, type PostgresTarget } from "../db";
import { compareOverviews, copySqliteToPostgres, CopyDatabaseError, type TOverviewComparison, type TTableCopy } from "../db/copy-database";
import { getEnv } from "../env";
import { formatBackupSecrets, listBackupSecrets } from "./backup-secrets";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { openCliDatabase } from "./cli-database";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

/** Exit status when the copy was written but does not read back the same. */
const EXIT_VERIFICATION_FAILED = 3;

const HELP = `Usage: npm run --silent cli -- db copy --to <postgresql://user:password@host:5432/database[?schema=name]> [--replace] [--format text|json]

Copies this install's embedded SQLite database (DATABASE_URL file:…, else dripaudit.db in
DRIPAUDIT_DATA_DIR; pending migrations are applied to it first) into a PostgreSQL database:
  1. refuses a target whose DripAudit tables already hold rows (nothing is written), unless --replace
  2. applies the PostgreSQL migrations to the target
  3. copies every table in foreign-key order, in one PostgreSQL transaction (all or nothing),
     from one consistent snapshot of the SQLite file, and moves every id sequence past the copied ids
  4. verifies: row counts per table, and every practice's overview figures read from both databases.
The app may keep running during the copy, but what it writes after the snapshot is not copied: stop
it for the final copy before switching DATABASE_URL.

The secrets are not in the database. The PostgreSQL install needs the same ones, or sealed patient
ids cannot be opened, new imports no longer match earlier patients and every user must sign in
again: the output lists them — copy those files into the new install's data folder
(DRIPAUDIT_DATA_DIR, mode 0600) or set the variables there. See docs/scaling.md.

Options:
  --to <url>            the PostgreSQL database (the schema in ?schema=, else public)
  --replace             delete what the target's DripAudit tables hold and copy over it
  --format text|json    output format (default text)
  -h, --help            show this help

Output (stdout): a table of source and copied rows per table, the overview check per practice and
the secrets to move; with --format json:
{"target","tables":[{"table","sourceRows","copiedRows"}],"overviews":[{"organizationId","name","equal"}],"secrets":[…]}.
Progress goes to stderr.

Exit status: 0 when the copy is written and verified; 1 on invalid input, a target holding data
(without --replace), a SQLite database and PostgreSQL schema at different migrations, or an
unreachable database; ${EXIT_VERIFICATION_FAILED} when the copy is written but an overview reads differently.`;

function parsePostgresTarget(url: string, dataDir: string): PostgresTarget {
  let target: DatabaseTarget;
  try {
    target = resolveDatabaseTarget({ databaseUrl: url, dataDir });
  } catch (error) {
    throw new CliUsageError(`--to: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (target.provider !== "postgresql") throw new CliUsageError("--to must be a postgresql:// URL");

  return target;
}

function formatTable(copies: readonly TTableCopy[]): string[] {
  const width = Math.max("table".length, ...copies.map((copy) => copy.table.length));
  const number = (n: number) => n.toLocaleString("en-US").padStart(12);

  return [
    `${"table".padEnd(width)}  ${"source rows".padStart(12)}  ${"copied rows".padStart(12)}`,
    ...copies.map((copy) => `${copy.table.padEnd(width)}  ${number(copy.sourceRows)}  ${number(copy.copiedRows)}${copy.sourceRows === copy.copiedRows ? "" : "  DIFFERS"}`),
  ];
}

function formatOverviews(overviews: readonly TOverviewComparison[]): string[] {
  if (overviews.length === 0) return ["Overview figures: no practice to compare."];

  return ["Overview figures (no filter) read from both databases:", ...overviews.map((o) => `  ${o.equal ? "equal  " : "DIFFER "} ${o.name}`)];
}

async function runCopy(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    to: { type: "string" },
    replace: { type: "boolean" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals[0] !== "copy") throw new CliUsageError(`${positionals[0] === undefined ? "missing subcommand" : `unknown subcommand ${JSON.stringify(positionals[0])}`}; expected: db copy (see db --help)`);
  if (positionals.length > 1) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[1])} (see db --help)`);
  if (!values.to?.trim()) throw new CliUsageError("db copy needs --to <postgresql://…>");
  const format = assertChoice("format", values.format, ["text", "json"] as const, "text");

  let env;
  let current: DatabaseTarget;
  try {
    env = getEnv();
    current = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (current.provider !== "sqlite") throw new CliUsageError("db copy copies the embedded SQLite database, and DATABASE_URL already points at PostgreSQL");
  const target = parsePostgresTarget(values.to, env.dataDir);

  const opened = await openCliDatabase(io, "db copy");
  const source = opened.target as Extract<DatabaseTarget, { provider: "sqlite" }>;
  const targetDb = createPrismaClient(target);
  try {
    let copies: TTableCopy[];
    try {
      copies = await copySqliteToPostgres({ source, target, replace: values.replace === true, onProgress: (line) => io.stderr.write(`db copy: ${line}\n`) });
    } catch (error) {
      if (error instanceof CopyDatabaseError) throw new CliUsageError(error.message);
      if (error instanceof Error && error.name === "MigrateError") throw new CliUsageError(error.message.split("\n")[0]!);
      throw new CliUsageError(describeDatabaseError(error, target).replace("DATABASE_URL", "--to"));
    }
    const overviews = await compareOverviews(opened.db, targetDb);
    const secrets = listBackupSecrets(env);
    const verified = overviews.every((o) => o.equal) && copies.every((c) => c.sourceRows === c.copiedRows);

    if (format === "json") {
      io.stdout.write(
        `${JSON.stringify({
          target: target.label,
          tables: copies,
          overviews,
          secrets: secrets.map((s) => ({ purpose: s.purpose, variable: s.variable, file: s.fileName, source: s.source })),
        })}\n`,
      );
    } else {
      io.stdout.write(
        [
          `Copied ${source.label} into ${target.label}:`,
          ...formatTable(copies),
          "",
          ...formatOverviews(overviews),
          "",
          "Not in the database — the PostgreSQL install needs the same secrets (copy the files into its data folder, mode 0600, or set the variables):",
          ...formatBackupSecrets(secrets),
          "",
        ].join("\n"),
      );
    }
    if (!verified) io.stderr.write("db copy: the copy does not read back the same; do not switch DATABASE_URL to it\n");

    return verified ? 0 : EXIT_VERIFICATION_FAILED;
  } finally {
    await Promise.all([opened.db.$disconnect(), targetDb.$disconnect()]);
  }
}

export const dbCommand: CliCommand = {
  name: "db",
  summary: "db copy --to postgresql://…: copy the SQLite database into PostgreSQL and verify the copy",
  help: HELP,
  run: runCopy,
};
