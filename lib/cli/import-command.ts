/**
 * `import --org <name> <files…>`: imports files into the database with the same code path as the
 * /imports screen (`runImport`). Applies pending migrations first, so it works on a fresh data
 * folder; creates the organization when none has that name.
 */
import path from "node:path";
import { createPrismaClient, ensureDataDir, resolveDatabaseTarget, describeDatabaseError, type Db, type DatabaseTarget } from "../db";
import { recomputeAfterImport, whenRecomputesIdle } from "../analysis/recompute-triggers";
import { getAnalysisStatus } from "../db/analysis";
import { findOrCreateOrganization } from "../db/import";
import { getEnv } from "../env";
import { isImportFileError } from "../import/import-file-error";
import { parseColumnMapping } from "../import/parse-column-mapping";
import { runImport, type ImportKind, type ImportOutcome, type ImportPhase } from "../import/run-import";
import { loadPatientKeySecret } from "../security/patient-key";
import { migrateDeploy } from "../../prisma/tools/migrate.mjs";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const KINDS: readonly ImportKind[] = ["sessions", "mar", "claims", "remittance_835", "fee_schedule", "drug_catalog"];

const HELP = `Usage: npm run --silent cli -- import --org <name> <files…> [options]

Imports files into the database (DATABASE_URL, else the SQLite file in DRIPAUDIT_DATA_DIR), exactly as
the Imports screen does: one batch per file, all of its rows or none; re-importing the same file
changes nothing; a corrected re-export replaces what it supersedes (docs/imports.md). Sessions are
recoded with the engine as they are imported. Pending migrations are applied first; the organization
is created when none has that name.

The kind of each file is detected from its content: sessions (interval form), MAR sessions, claims CSV,
X12 835 remittance, fee schedule or drug catalog.

Options:
  --org <name>                       organization (practice) name; created if missing
  --source <name>                    source system (e.g. "Epic MAR"): the column mapping is saved for it
                                     and reused by later imports from the same source
  --map <file.json | canonical=Header,…>   explicit column mapping (saved with --source)
  --kind ${KINDS.join("|")}
                                     skip detection
  --format table|json                output format (default table)
  -h, --help                         show this help

Output (stdout): one row per file (status, kind, batch, rows imported/failed, encounters, claim lines,
superseded, message); with --format json: {"organization":{"id","name","created"},"files":[{status,
batchId, kind, fileName, counts:{rowsTotal,rowsImported,rowsFailed,warnings,encounters,administrations,
claimLines,codedLines,superseded}, message, missingColumns?}]}. Progress goes to stderr.

Exit status: 0 when every file succeeded or was already imported; 1 when a file failed or needs a
column mapping (stderr lists the file's headers and the unmapped columns), or on invalid options.`;

function tableOf(outcomes: readonly ImportOutcome[]): string {
  const header = ["file", "status", "kind", "batch", "imported", "failed", "encounters", "claim lines", "superseded"];
  const rows = outcomes.map((o) => [
    o.fileName, o.status, o.kind ?? "-", o.batchId === null ? "-" : String(o.batchId), String(o.counts.rowsImported), String(o.counts.rowsFailed),
    String(o.counts.encounters), String(o.counts.claimLines), String(o.counts.superseded),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const lines = [fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...rows.map(fmt)];
  for (const o of outcomes) lines.push(`${o.fileName}: ${o.message}`);
  return `${lines.join("\n")}\n`;
}

async function runImportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    org: { type: "string" },
    source: { type: "string" },
    map: { type: "string" },
    kind: { type: "string" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const orgName = values.org?.trim();
  if (!orgName) throw new CliUsageError("import needs --org <name> (the practice to import into; created if missing)");
  if (positionals.length === 0) throw new CliUsageError("import needs at least one file (see import --help)");
  const format = assertChoice("format", values.format, ["table", "json"] as const, "table");
  const kind = values.kind === undefined ? undefined : assertChoice("kind", values.kind, KINDS, "sessions");
  let mapping: Record<string, string> | undefined;
  if (values.map !== undefined) {
    try {
      mapping = await parseColumnMapping(values.map);
    } catch (error) {
      if (isImportFileError(error)) throw new CliUsageError(error.message);
      throw error;
    }
  }

  let target: DatabaseTarget;
  let secret: string;
  try {
    const env = getEnv();
    ensureDataDir(env.dataDir);
    secret = loadPatientKeySecret({ secret: env.DRIPAUDIT_PATIENT_KEY_SECRET, dataDir: env.dataDir });
    target = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  try {
    const { applied } = await migrateDeploy(target);
    if (applied.length > 0) io.stderr.write(`import: ${target.label}: applied ${applied.length} migration(s)\n`);
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message.split("\n")[0]! : String(error));
  }

  const db: Db = createPrismaClient(target);
  try {
    let found;
    try {
      found = await findOrCreateOrganization(db, orgName);
    } catch (error) {
      throw new CliUsageError(describeDatabaseError(error, target));
    }
    const { organization, created } = found;
    if (created) io.stderr.write(`import: created organization "${organization.name}" (${organization.slug})\n`);

    const outcomes: ImportOutcome[] = [];
    // One analysis after the last file, of every week the files touched: analyzing each file while
    // the next one is written makes the two compete for SQLite's one writer.
    const touched = { allWeeks: false, weeks: new Set<string>() };
    for (const file of positionals) {
      let lastPhase: ImportPhase | undefined;
      const started = Date.now();
      let lastPrint = 0;
      const outcome = await runImport({
        organizationId: organization.id,
        filePath: path.resolve(file),
        fileName: path.basename(file),
        ...(values.source ? { sourceName: values.source } : {}),
        ...(kind ? { kind } : {}),
        ...(mapping ? { mapping } : {}),
        database: { db, target },
        patientKeySecret: secret,
        analyze: false,
        onCommitted: (weeks) => {
          if (weeks === "all") touched.allWeeks = true;
          else for (const week of weeks) touched.weeks.add(week);
        },
        onProgress: (p) => {
          const now = Date.now();
          if (p.phase === lastPhase && now - lastPrint < 2000) return;
          if (p.phase === "done" || p.phase === "failed" || now - started < 1000) return;
          lastPhase = p.phase;
          lastPrint = now;
          const bytes = p.bytesTotal > 0 ? ` ${Math.round((100 * p.bytesRead) / p.bytesTotal)}% of ${(p.bytesTotal / 1e6).toFixed(1)} MB` : "";
          io.stderr.write(`import: ${path.basename(file)}: ${p.phase}${bytes}, ${p.rowsRead.toLocaleString("en-US")} rows read, ${p.rowsWritten.toLocaleString("en-US")} rows written\n`);
        },
      });
      outcomes.push(outcome);
      if (outcome.status === "needs_mapping" && outcome.missingColumns) {
        const shown = outcome.missingColumns.headers.map((h) => JSON.stringify(h)).join(", ") || "(none)";
        io.stderr.write(
          `import: ${outcome.fileName}: missing required column(s): ${outcome.missingColumns.unmapped.join(", ")}; file headers: ${shown} (use --map canonical=Header)\n`,
        );
      } else if (outcome.status === "failed") {
        io.stderr.write(`import: ${outcome.fileName}: ${outcome.message}\n`);
      }
    }

    if (outcomes.some((o) => o.status === "succeeded")) {
      io.stderr.write(`import: analyzing ${organization.name} …\n`);
      const weeks: readonly string[] | "all" = touched.allWeeks ? "all" : [...touched.weeks].sort();
      // A failed analysis is reported from the practice's analysis status below.
      await recomputeAfterImport(organization.id, weeks, { target, db }).done.catch(() => undefined);
      await whenRecomputesIdle();
      const analysis = await getAnalysisStatus(db, organization.id);
      io.stderr.write(`import: analysis ${analysis?.status === "failed" ? `failed: ${analysis.error ?? "unknown error"}` : "up to date"}\n`);
    }

    if (format === "json") {
      io.stdout.write(
        `${JSON.stringify({
          organization: { id: organization.id, name: organization.name, slug: organization.slug, created },
          files: outcomes.map(({ contentHash: _hash, columns: _columns, ...o }) => o),
        })}\n`,
      );
    } else {
      io.stdout.write(tableOf(outcomes));
    }
    return outcomes.some((o) => o.status === "failed" || o.status === "needs_mapping") ? 1 : 0;
  } finally {
    await db.$disconnect();
  }
}

export const importCommand: CliCommand = {
  name: "import",
  summary: "import sessions, claims, 835s, fee schedules or drug catalogs into the database",
  help: HELP,
  run: runImportCommand,
};
