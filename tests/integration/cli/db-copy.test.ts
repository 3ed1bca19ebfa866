/**
 * `db copy --to postgresql://…` end to end: a small demo practice (lib/synthetic with the demo's
 * options, 8 weeks) imported into SQLite through the CLI, with an owner account, copied into a fresh
 * PostgreSQL schema. Checked independently of the command's own report: row counts of every table,
 * the overview figures, rows read through Prisma (dates, booleans, JSON), the id sequences; then the
 * refusal of a target that holds data, and --replace. Runs in the PostgreSQL suite only (it needs both).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { createPrismaClient, resolveDatabaseTarget, type Db } from "@/lib/db";
import { getOverviewData } from "@/lib/db/dashboard";
import { DEMO_OPTIONS, DEMO_ORGANIZATION } from "@/lib/demo/demo-files";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { CopyDatabaseError, copySqliteToPostgres } from "@/lib/db/copy-database";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { createSqliteTestDatabase, resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const postgres = (await resolveTestProviders()).find((provider) => provider.name === "postgresql");

type TRun = { code: number; stdout: string; stderr: string };

async function cli(args: string[], stdin?: string): Promise<TRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += String(chunk)));
  stderr.on("data", (chunk) => (err += String(chunk)));
  const io: CliIo = { stdout, stderr, env: {}, ...(stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) }) };
  const code = await runCli(args, io);

  return { code, stdout: out, stderr: err };
}

describe.skipIf(!postgres)("cli db copy from SQLite into PostgreSQL", () => {
  let dir: string;
  let sqliteFile: string;
  let pgDatabase: TTestDatabase;
  let sqliteDb: Db;
  let pgDb: Db;
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR,
    DRIPAUDIT_PATIENT_ID_KEY: process.env.DRIPAUDIT_PATIENT_ID_KEY,
    DRIPAUDIT_PATIENT_KEY_SECRET: process.env.DRIPAUDIT_PATIENT_KEY_SECRET,
    DRIPAUDIT_AUTH_SECRET: process.env.DRIPAUDIT_AUTH_SECRET,
  };

  const sqliteCounts = (): Record<string, number> => {
    const source = new Database(sqliteFile, { readonly: true });
    try {
      const tables = source.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'").pluck().all() as string[];
      return Object.fromEntries(tables.map((table) => [table, Number(source.prepare(`SELECT count(*) FROM "${table}"`).pluck().get())]));
    } finally {
      source.close();
    }
  };

  const pgCounts = async (tables: readonly string[]): Promise<Record<string, number>> => {
    const target = pgDatabase.target as Extract<TTestDatabase["target"], { provider: "postgresql" }>;
    const client = new pg.Client({ connectionString: target.url, options: `-c search_path="${target.schema}"` });
    await client.connect();
    try {
      const counts: Record<string, number> = {};
      for (const table of tables) counts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0]!.n);
      return counts;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-it-db-copy-"));
    const demo = path.join(dir, "demo");
    await writePracticeFiles(demo, { ...DEMO_OPTIONS, weeks: 8 });
    process.env.DRIPAUDIT_DATA_DIR = path.join(dir, "data");
    delete process.env.DATABASE_URL;
    delete process.env.DRIPAUDIT_PATIENT_ID_KEY;
    delete process.env.DRIPAUDIT_PATIENT_KEY_SECRET;
    delete process.env.DRIPAUDIT_AUTH_SECRET;
    sqliteFile = resolveDatabaseTarget({ dataDir: process.env.DRIPAUDIT_DATA_DIR }).url.slice("file:".length);
    // The demo's import order (lib/demo/demo-files.ts): fee schedule, sessions, then the first 835s.
    const remits = readdirSync(path.join(demo, "remits")).filter((name) => name.endsWith(".835")).sort().slice(0, 4);
    const files = ["fee-schedule.csv", "sessions.csv", "sessions-mar.csv", ...remits.map((name) => path.join("remits", name))];
    for (const file of files) {
      const imported = await cli(["import", "--org", DEMO_ORGANIZATION.name, path.join(demo, file)]);
      expect(imported, imported.stderr).toMatchObject({ code: 0 });
    }
    const owner = await cli(["user", "add", "--email", "ana@clinic.test", "--name", "Ana Ruiz", "--role", "owner", "--password-stdin"], "infusion pumps hum at dawn\n");
    expect(owner, owner.stderr).toMatchObject({ code: 0 });

    pgDatabase = await postgres!.create();
    sqliteDb = createPrismaClient(resolveDatabaseTarget({ dataDir: process.env.DRIPAUDIT_DATA_DIR }));
    pgDb = createPrismaClient(pgDatabase.target);
  }, 240_000);

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await sqliteDb?.$disconnect();
    await pgDb?.$disconnect();
    await pgDatabase?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("every table is copied with its rows, the overview reads the same, and the sequences continue after the copied ids", async () => {
    const run = await cli(["db", "copy", "--to", pgDatabase.databaseUrl, "--format", "json"]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    const report = JSON.parse(run.stdout) as { tables: { table: string; sourceRows: number; copiedRows: number }[]; overviews: { equal: boolean }[]; secrets: { file: string }[] };

    const source = sqliteCounts();
    expect(report.tables.map((t) => t.table).sort()).toEqual(Object.keys(source).sort());
    for (const table of ["Organization", "User", "Account", "Membership", "ImportBatch", "Encounter", "Administration", "ClaimLine", "ClaimAdjustment", "CodedLine", "Finding", "FindingRollup", "EncounterRollup", "FeeScheduleRate", "AuditEvent"]) {
      expect(source[table], table).toBeGreaterThan(0);
    }
    expect(await pgCounts(Object.keys(source))).toEqual(source);
    expect(report.overviews).toEqual([expect.objectContaining({ equal: true })]);
    expect(report.secrets.map((s) => s.file).sort()).toEqual(["auth.secret", "patient-id.key", "patient-key.secret"]);

    const organization = await sqliteDb.organization.findFirstOrThrow();
    const overview = (db: Db) => getOverviewData(db, organization.id, organization.analysisVersion, {}, 1);
    const before = await overview(sqliteDb);
    expect(before.encounters).toBeGreaterThan(0);
    expect(before.totals).not.toEqual(expect.objectContaining({ findings: 0 }));
    expect(await overview(pgDb)).toEqual(before);

    // Dates, booleans and JSON come back through Prisma as they went in.
    expect(await pgDb.organization.findMany({ orderBy: { id: "asc" } })).toEqual(await sqliteDb.organization.findMany({ orderBy: { id: "asc" } }));
    expect(await pgDb.user.findMany({ orderBy: { id: "asc" } })).toEqual(await sqliteDb.user.findMany({ orderBy: { id: "asc" } }));
    const administrations = (db: Db) => db.administration.findMany({ orderBy: { id: "asc" }, take: 500 });
    expect(await administrations(pgDb)).toEqual(await administrations(sqliteDb));
    expect(await pgDb.auditEvent.findMany({ orderBy: { id: "asc" } })).toEqual(await sqliteDb.auditEvent.findMany({ orderBy: { id: "asc" } }));

    const lastBatch = await sqliteDb.importBatch.findFirstOrThrow({ orderBy: { id: "desc" } });
    const next = await pgDb.importBatch.create({
      data: { organizationId: organization.id, kind: lastBatch.kind, fileName: "next.csv", contentHash: "next", status: "failed" },
    });
    expect(next.id).toBe(lastBatch.id + 1);
  });

  test("a target holding data is refused with nothing written; --replace copies over it", async () => {
    const holding = await pgCounts(["ImportBatch", "Encounter"]);
    const refused = await cli(["db", "copy", "--to", pgDatabase.databaseUrl]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already holds data \(.*ImportBatch.*\); nothing was written .*--replace/);
    expect(refused.stdout).toBe("");
    expect(await pgCounts(["ImportBatch", "Encounter"])).toEqual(holding);

    const replaced = await cli(["db", "copy", "--to", pgDatabase.databaseUrl, "--replace"]);
    expect(replaced, replaced.stderr).toMatchObject({ code: 0 });
    expect(replaced.stdout).toMatch(/^Encounter +[\d,]+ +[\d,]+$/m);
    expect(replaced.stdout).toContain("equal   Demo Infusion Practice");
    expect(replaced.stdout).toContain("patient-id.key");
    const source = sqliteCounts();
    expect(await pgCounts(Object.keys(source))).toEqual(source);
  });

  test("the source must be SQLite and the target PostgreSQL", async () => {
    const notPostgres = await cli(["db", "copy", "--to", "file:./elsewhere.db"]);
    expect(notPostgres).toMatchObject({ code: 1, stderr: expect.stringContaining("--to must be a postgresql:// URL") });
    process.env.DATABASE_URL = pgDatabase.databaseUrl;
    try {
      const fromPostgres = await cli(["db", "copy", "--to", pgDatabase.databaseUrl]);
      expect(fromPostgres).toMatchObject({ code: 1, stderr: expect.stringContaining("already points at PostgreSQL") });
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  test("a value PostgreSQL cannot take stops the copy with its place named, not its value, and nothing written", async () => {
    const sqlite = createSqliteTestDatabase();
    const target = await postgres!.create();
    try {
      await migrateDeploy(sqlite.target);
      const file = new Database(sqlite.target.url.slice("file:".length));
      file.prepare(`INSERT INTO "Organization" ("id","name","slug","isDemo","createdAt","updatedAt") VALUES ('o1','Hill MRN-123456','hill',7,'2025-01-01T00:00:00.000+00:00','2025-01-01T00:00:00.000+00:00')`).run();
      file.close();
      const copying = copySqliteToPostgres({ source: sqlite.target as never, target: target.target as never, replace: false });
      await expect(copying).rejects.toThrow(CopyDatabaseError);
      await expect(copying).rejects.toThrow(/^Organization\.isDemo holds a value that is not a valid boolean; nothing was copied$/);
      const check = createPrismaClient(target.target);
      try {
        expect(await check.organization.count()).toBe(0);
      } finally {
        await check.$disconnect();
      }
    } finally {
      await target.dispose();
      await sqlite.dispose();
    }
  });
});
