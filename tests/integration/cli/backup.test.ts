/**
 * `backup` and `restore` on SQLite (PostgreSQL has pg_dump/pg_restore, docs/operations.md): a
 * backup taken while a 50,000-row import is writing in another process restores to exactly the
 * state before or after that import's transaction — equal row counts in every table and equal
 * overview figures — and restore refuses what it must refuse, leaving the database untouched.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { PassThrough } from "node:stream";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AUTH_SECRET_FILE } from "@/lib/auth/constants";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { parseDashboardFilters } from "@/lib/dashboard/filters";
import { createPrismaClient, resolveDatabaseTarget, type Db, type SqliteTarget } from "@/lib/db";
import { getOverviewData } from "@/lib/db/dashboard";
import { runImport } from "@/lib/import/run-import";
import { loadDataDirSecret } from "@/lib/security/data-dir-secret";
import { PATIENT_ID_KEY_FILE } from "@/lib/security/patient-id-seal";
import { PATIENT_KEY_SECRET_FILE } from "@/lib/security/patient-key";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { writeSessionsCsv } from "@/tests/bench/import-generate-sessions";
import { publishedVersion } from "@/tests/helpers/published-version";

const CHILD = path.resolve("tests/integration/cli/backup-import-child.ts");

type TRun = { code: number; stdout: string; stderr: string };
type TState = { counts: Record<string, number>; overview: unknown };

async function cli(args: string[]): Promise<TRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += String(chunk)));
  stderr.on("data", (chunk) => (err += String(chunk)));
  const io: CliIo = { stdout, stderr, env: {} };
  const code = await runCli(args, io);

  return { code, stdout: out, stderr: err };
}

/** Rows per table (every table but the migration history), read straight from the file. */
function countRows(filePath: string): Record<string, number> {
  const db = new Database(filePath, { fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

async function stateOf(target: SqliteTarget, organizationId: string): Promise<TState> {
  const db = createPrismaClient(target);
  try {
    const overview = await getOverviewData(db, organizationId, await publishedVersion(db, organizationId), parseDashboardFilters({}, 1), 1);
    return { counts: countRows(target.filePath), overview };
  } finally {
    await db.$disconnect();
  }
}

describe("cli backup and restore on sqlite", () => {
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR,
    DRIPAUDIT_AUTH_SECRET: process.env.DRIPAUDIT_AUTH_SECRET,
    DRIPAUDIT_PATIENT_KEY_SECRET: process.env.DRIPAUDIT_PATIENT_KEY_SECRET,
    DRIPAUDIT_PATIENT_ID_KEY: process.env.DRIPAUDIT_PATIENT_ID_KEY,
  };
  let work: string;
  let sourceDir: string;
  let source: SqliteTarget;
  let db: Db;
  let organizationId: string;
  let backupFile: string;
  let before: TState;
  let after: TState;
  let secretValues: string[];

  const useDataDir = (dir: string): SqliteTarget => {
    process.env.DRIPAUDIT_DATA_DIR = dir;
    return resolveDatabaseTarget({ dataDir: dir }) as SqliteTarget;
  };

  beforeAll(async () => {
    for (const key of Object.keys(saved)) delete process.env[key];
    work = mkdtempSync(path.join(os.tmpdir(), "dripaudit-it-backup-"));
    sourceDir = path.join(work, "data");
    source = useDataDir(sourceDir);
    await migrateDeploy(source);
    secretValues = [PATIENT_KEY_SECRET_FILE, PATIENT_ID_KEY_FILE, AUTH_SECRET_FILE].map((fileName) =>
      loadDataDirSecret({ dataDir: sourceDir, fileName, ...(fileName === PATIENT_ID_KEY_FILE ? { secret: randomBytes(32).toString("hex") } : {}) }),
    );
    // The patient-id key is written by hand: its file holds 64 hex characters.
    writeFileSync(path.join(sourceDir, PATIENT_ID_KEY_FILE), `${secretValues[1]}\n`, { mode: 0o600 });
    db = createPrismaClient(source);
    organizationId = (await db.organization.create({ data: { name: "Backup Clinic", slug: "backup-clinic" } })).id;

    // A first import with its analysis, so that the overview has figures before the big import.
    const first = path.join(work, "first.csv");
    writeSessionsCsv(first, 3_000, { prefix: "A" });
    const outcome = await runImport({ organizationId, filePath: first, fileName: "first.csv", database: { db, target: source } });
    expect(outcome.status).toBe("succeeded");
    await whenRecomputesIdle();
    await db.$disconnect();
    before = await stateOf(source, organizationId);
    expect(before.counts.Encounter).toBeGreaterThan(0);
    expect((before.overview as { totals: { leakageCents: number } }).totals.leakageCents).toBeGreaterThan(0);
  });

  afterAll(async () => {
    await db?.$disconnect();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    if (work) rmSync(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  test("a backup taken during a 50,000-row import restores to the state before or after it, never half", async () => {
    const big = path.join(work, "big.csv");
    writeSessionsCsv(big, 50_000, { prefix: "B" });
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, source.url, organizationId, big], {
      cwd: process.cwd(),
      env: { ...process.env, DRIPAUDIT_DATA_DIR: sourceDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let childErr = "";
    child.stderr.on("data", (d) => (childErr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    backupFile = path.join(work, "backups", "dripaudit.db");
    mkdirSync(path.dirname(backupFile));

    let backup: Promise<TRun> | undefined;
    let backupEndedAt = Number.POSITIVE_INFINITY;
    let outcomeAt = 0;
    let outcome: { status: string; counts: { rowsImported: number } } | undefined;
    createInterface({ input: child.stdout }).on("line", (line) => {
      const event = JSON.parse(line) as { phase?: string; outcome?: typeof outcome };
      if (event.outcome) {
        outcome = event.outcome;
        outcomeAt = performance.now();
      }
      // The import's transaction is open and writing: back up now, as an operator would.
      if (event.phase === "recoding" && !backup) {
        backup = cli(["backup", "--out", backupFile]).finally(() => (backupEndedAt = performance.now()));
      }
    });
    expect(await exited, childErr).toBe(0);
    expect(backup, "the import never reached its writing phase").toBeDefined();
    const backupRun = await backup!;
    expect(outcome?.status).toBe("succeeded");
    expect(outcome!.counts.rowsImported).toBeGreaterThanOrEqual(50_000);
    expect(backupEndedAt, "the backup must end while the import still runs").toBeLessThan(outcomeAt);

    expect(backupRun.code, backupRun.stderr).toBe(0);
    expect(backupRun.stderr).toBe("");
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(readdirNames(path.dirname(backupFile))).toEqual(["dripaudit.db"]);
    const pages = Number(/([\d,]+) pages of (\d+) bytes/.exec(backupRun.stdout)?.[1]?.replaceAll(",", ""));
    expect(backupRun.stdout).toContain(`Backup written: ${backupFile} (`);
    expect(pages * Number(/pages of (\d+) bytes/.exec(backupRun.stdout)![1])).toBe(statSync(backupFile).size);
    for (const fileName of [PATIENT_KEY_SECRET_FILE, PATIENT_ID_KEY_FILE, AUTH_SECRET_FILE]) expect(backupRun.stdout).toContain(path.join(sourceDir, fileName));
    for (const value of secretValues) {
      expect(backupRun.stdout).not.toContain(value);
      expect(readFileSync(backupFile).includes(Buffer.from(value))).toBe(false);
    }

    after = await stateOf(source, organizationId);
    expect(after.counts.Encounter).toBeGreaterThan(before.counts.Encounter!);

    const restoredDir = path.join(work, "restored");
    const restoredTarget = useDataDir(restoredDir);
    const restore = await cli(["restore", "--from", backupFile]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(new RegExp(`^Restored ${restoredTarget.filePath.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\([\\d.]+ MB\\); 0 migration\\(s\\) applied\\.\\n`));
    expect(statSync(restoredTarget.filePath).mode & 0o777).toBe(0o600);
    const restored = await stateOf(restoredTarget, organizationId);
    // runImport records its batch ("running") and the import.created audit event in a small
    // transaction of their own before the data transaction: a copy taken in between holds those two
    // rows and none of the data (start-up recovery marks such a batch interrupted).
    const batchStarted: TState = { counts: { ...before.counts, ImportBatch: after.counts.ImportBatch!, AuditEvent: after.counts.AuditEvent! }, overview: before.overview };
    const states = { before, batchStarted, after };
    const matches = Object.entries(states).filter(([, state]) => JSON.stringify(state.counts) === JSON.stringify(restored.counts));
    expect(matches.map(([name]) => name), `restored counts ${JSON.stringify(restored.counts)} match no whole state: ${JSON.stringify(states)}`).toHaveLength(1);
    expect(restored.overview).toEqual(matches[0]![1].overview);
    const copy = new Database(restoredTarget.filePath, { readonly: true });
    const bigBatch = copy.prepare(`SELECT status FROM "ImportBatch" WHERE "fileName" = 'big.csv'`).get() as { status: string } | undefined;
    copy.close();
    expect(bigBatch?.status).toBe(matches[0]![0] === "after" ? "succeeded" : "running");
  });

  test("restore refuses a database that holds data without --force, and one that is in use; --force replaces it", async () => {
    const target = useDataDir(path.join(work, "restored"));
    const held = countRows(target.filePath);

    const refused = await cli(["restore", "--from", backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/^restore: The database .+ is not empty \(1 practice\(s\), [\d,]+ encounter\(s\), 0 user\(s\)\) — restoring replaces all of it\. Run restore again with --force/);
    expect(countRows(target.filePath)).toEqual(held);

    const app = createPrismaClient(target);
    try {
      await app.organization.count();
      const inUse = await cli(["restore", "--from", backupFile, "--force"]);
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toContain("is in use — stop DripAudit");
      await expect(app.organization.count()).resolves.toBe(1);
    } finally {
      await app.$disconnect();
    }

    const forced = await cli(["restore", "--from", backupFile, "--force"]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain("replacing the previous database");
    expect(countRows(target.filePath)).toEqual(held);
    expect(readdirNames(path.dirname(target.filePath)).filter((name) => name.includes(".restore-"))).toEqual([]);
  });

  test("restore refuses a corrupt, truncated, foreign or newer file and leaves the database as it was", async () => {
    const target = useDataDir(path.join(work, "restored"));
    const held = countRows(target.filePath);
    const bad = (name: string) => path.join(work, name);

    writeFileSync(bad("random.db"), randomBytes(64 * 1024));
    copyFileSync(backupFile, bad("truncated.db"));
    truncateSync(bad("truncated.db"), Math.floor(statSync(backupFile).size / 2));
    const foreign = new Database(bad("foreign.db"));
    foreign.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');");
    foreign.close();
    copyFileSync(backupFile, bad("newer.db"));
    const newer = new Database(bad("newer.db"));
    newer.prepare("INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'x', '29991231000000_from_the_future', 0, 0, 1)").run();
    newer.close();

    const cases: [string, RegExp][] = [
      ["random.db", /is not a SQLite database/],
      ["truncated.db", /is damaged/],
      ["foreign.db", /is a SQLite database but not a DripAudit one/],
      ["newer.db", /comes from a newer DripAudit .*29991231000000_from_the_future.* upgrade DripAudit, then restore/],
      ["missing.db", /does not exist/],
    ];
    for (const [name, message] of cases) {
      const run = await cli(["restore", "--from", bad(name), "--force"]);
      expect(run.code, `${name}: ${run.stderr}`).toBe(1);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(message);
      expect(countRows(target.filePath)).toEqual(held);
    }
    expect(readdirNames(path.dirname(target.filePath)).filter((name) => name.startsWith("."))).toEqual([]);
  });

  test("on PostgreSQL both commands exit 1 and point to pg_dump / pg_restore in the docs", async () => {
    process.env.DATABASE_URL = "postgresql://dripaudit@127.0.0.1:5432/dripaudit";
    try {
      const backup = await cli(["backup", "--out", path.join(work, "pg.db")]);
      expect(backup).toMatchObject({ code: 1, stdout: "" });
      expect(backup.stderr).toContain("pg_dump and pg_restore as docs/operations.md shows");
      const restore = await cli(["restore", "--from", backupFile]);
      expect(restore.code).toBe(1);
      expect(restore.stderr).toContain("docs/operations.md");
      expect(existsSync(path.join(work, "pg.db"))).toBe(false);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });
});

function readdirNames(dir: string): string[] {
  return readdirSync(dir).sort();
}
