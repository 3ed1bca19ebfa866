/**
 * The `import` and `claims` commands, in process through runCli. `import` runs against a fresh data
 * folder (SQLite) or a fresh schema (PostgreSQL): it applies the migrations itself.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { createPrismaClient } from "@/lib/db";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const FIXTURES = path.resolve("tests/fixtures");

function io(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = "";
  let e = "";
  stdout.on("data", (d) => (o += String(d)));
  stderr.on("data", (d) => (e += String(d)));
  return { io: { stdout, stderr, env: {} }, out: () => o, err: () => e };
}

describe.each(providers)("cli import on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let dataDir: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR, DRIPAUDIT_PATIENT_KEY_SECRET: process.env.DRIPAUDIT_PATIENT_KEY_SECRET };

  beforeAll(async () => {
    testDb = await create();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-cli-import-"));
    rmSync(dataDir, { recursive: true, force: true }); // a data folder that does not exist yet
    process.env.DRIPAUDIT_DATA_DIR = dataDir;
    delete process.env.DRIPAUDIT_PATIENT_KEY_SECRET;
    if (name === "postgresql") process.env.DATABASE_URL = testDb.databaseUrl;
    else delete process.env.DATABASE_URL;
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("imports sessions, a claims CSV and an 835 into a fresh database, creating the organization", async () => {
    const t = io();
    const code = await runCli(
      [
        "import", "--org", "Lakeside Oncology", "--format", "json",
        path.join(FIXTURES, "sessions/interval-basic.csv"),
        path.join(FIXTURES, "claims/claims-basic.csv"),
        path.join(FIXTURES, "x12-835/linuxforhealth-x12/managed-care.835"),
      ],
      t.io,
    );
    expect(t.err()).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    const result = JSON.parse(t.out()) as { organization: { name: string; created: boolean }; files: Array<{ status: string; kind: string; counts: Record<string, number>; message: string }> };
    expect(result.organization).toMatchObject({ name: "Lakeside Oncology", created: true });
    expect(result.files.map((f) => [f.status, f.kind])).toEqual([
      ["succeeded", "sessions"],
      ["succeeded", "claims"],
      ["succeeded", "remittance_835"],
    ]);
    expect(result.files[0]!.counts).toMatchObject({ encounters: 2, administrations: 4 });

    const db = createPrismaClient(name === "postgresql" ? testDb.target : { ...testDb.target, ...sqliteTarget(dataDir) });
    try {
      const org = await db.organization.findFirstOrThrow({ where: { name: "Lakeside Oncology" } });
      expect(await db.encounter.count({ where: { organizationId: org.id } })).toBe(2);
      expect(await db.claimLine.count({ where: { organizationId: org.id } })).toBeGreaterThan(5);
    } finally {
      await db.$disconnect();
    }
    if (name === "sqlite") expect(readFileSync(path.join(dataDir, "patient-key.secret"), "utf8").trim().length).toBeGreaterThanOrEqual(32);
  });

  test("the same files again: nothing changes, exit 0, a readable table", async () => {
    const t = io();
    const code = await runCli(["import", "--org", "Lakeside Oncology", path.join(FIXTURES, "sessions/interval-basic.csv")], t.io);
    expect(code).toBe(0);
    const lines = t.out().split("\n");
    expect(lines[0]).toMatch(/^file\s+status\s+kind\s+batch\s+imported\s+failed\s+encounters\s+claim lines\s+superseded$/);
    expect(lines[2]).toMatch(/^interval-basic\.csv\s+duplicate\s/);
    expect(t.out()).toMatch(/interval-basic\.csv: Already imported on \d{4}-\d{2}-\d{2} \(batch 1\): nothing changed\./);
  });

  test("a file missing required columns: exit 1, listing the headers and the unmapped columns", async () => {
    const t = io();
    const code = await runCli(["import", "--org", "Lakeside Oncology", "--format", "json", path.join(FIXTURES, "sessions/missing-columns.csv")], t.io);
    expect(code).toBe(1);
    expect(t.err()).toContain('import: missing-columns.csv: missing required column(s): patient_id, route; file headers: "encounter_id", "drug", "start" (use --map canonical=Header)');
    const result = JSON.parse(t.out()) as { files: Array<{ status: string; missingColumns: unknown }> };
    expect(result.files[0]).toMatchObject({ status: "needs_mapping", missingColumns: { unmapped: ["patient_id", "route"] } });
  });

  test("--map and --source: the mapping is used and saved for the source", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-cli-map-"));
    try {
      const file = path.join(dir, "odd.csv");
      writeFileSync(file, "Ticket,Person,Medicine Given,How,Began At\nT9,P9,Ondansetron,IV Push,2025-03-04 09:00\n");
      const t = io();
      const code = await runCli(
        ["import", "--org", "Lakeside Oncology", "--source", "Odd EHR", "--map", "encounter_id=Ticket,patient_id=Person,drug=Medicine Given,route=How,start=Began At", file],
        t.io,
      );
      expect(t.err()).toBe("import: analyzing Lakeside Oncology …\nimport: analysis up to date\n");
      expect(code).toBe(0);
      expect(t.out()).toMatch(/odd\.csv\s+succeeded\s+sessions/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("usage errors", async () => {
    const t = io();
    expect(await runCli(["import", path.join(FIXTURES, "sessions/interval-basic.csv")], t.io)).toBe(1);
    expect(t.err()).toBe("import: import needs --org <name> (the practice to import into; created if missing)\n");
  });
});

function sqliteTarget(dataDir: string) {
  const filePath = path.join(dataDir, "dripaudit.db");
  return { provider: "sqlite" as const, filePath, url: `file:${filePath}`, label: `SQLite ${filePath}` };
}

describe("cli claims (no database)", () => {
  test("prints normalized lines in the spec's shape", async () => {
    const t = io();
    expect(await runCli(["claims", path.join(FIXTURES, "claims/claims-basic.csv")], t.io)).toBe(0);
    const result = JSON.parse(t.out()) as { lines: Array<Record<string, unknown>>; warnings: unknown[]; errors: unknown[] };
    expect(Object.keys(result)).toEqual(["lines", "warnings", "errors"]);
    expect(Object.keys(result.lines[0]!)).toEqual([
      "claimId", "patientId", "dateOfService", "payer", "code", "modifiers", "billedUnits", "paidUnits", "billedCents", "allowedCents",
      "paidCents", "adjustments", "remarks", "status",
    ]);
    expect(result.lines[0]).toMatchObject({
      claimId: "C1001", patientId: "P001", dateOfService: "2025-03-04", payer: "Acme Health", code: "96413", modifiers: [], billedUnits: 1, paidUnits: 1,
      billedCents: 45_000, allowedCents: 30_000, paidCents: 24_000, adjustments: [{ group: "CO", reason: "45", amountCents: 15_000, quantity: null }, { group: "PR", reason: "2", amountCents: 6_000, quantity: null }],
      remarks: [], status: "paid",
    });
  });

  test("reads an 835; row errors are reported, not fatal", async () => {
    const t = io();
    expect(await runCli(["claims", path.join(FIXTURES, "x12-835/linuxforhealth-x12/managed-care.835")], t.io)).toBe(0);
    const result = JSON.parse(t.out()) as { lines: unknown[] };
    expect(result.lines.length).toBeGreaterThan(0);

    const bad = io();
    expect(await runCli(["claims", path.join(FIXTURES, "claims/claims-bad-rows.csv")], bad.io)).toBe(0);
    const withErrors = JSON.parse(bad.out()) as { lines: unknown[]; errors: Array<{ line: number; code: string }> };
    expect(withErrors.errors.map((e) => e.line)).toContain(3);
  });

  test("CSV output neutralizes cells and uses dollars", async () => {
    const t = io();
    expect(await runCli(["claims", "--format", "csv", path.join(FIXTURES, "claims/claims-basic.csv")], t.io)).toBe(0);
    const lines = t.out().split("\r\n");
    expect(lines[0]).toBe("claim_id,patient_id,date_of_service,payer,code,modifiers,billed_units,paid_units,billed,allowed,paid,adjustments,remarks,status");
    expect(lines[1]).toBe("C1001,P001,2025-03-04,Acme Health,96413,,1,1,450.00,300.00,240.00,CO-45:150.00;PR-2:60.00,,paid");
  });

  test("file-level problems exit 1 with one line", async () => {
    const missing = io();
    expect(await runCli(["claims", path.join(FIXTURES, "claims/claims-missing-columns.csv")], missing.io)).toBe(1);
    expect(missing.err()).toMatch(/^claims: .*claims-missing-columns\.csv: missing required column\(s\): date_of_service, cpt, paid_amount; file headers: "Claim Number", "Patient", "Insurance", "Charge Amount" \(use --map canonical=Header\)\n$/);

    const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-cli-claims-"));
    try {
      const truncated = path.join(dir, "cut.835");
      writeFileSync(truncated, readFileSync(path.join(FIXTURES, "x12-835/linuxforhealth-x12/managed-care.835")).subarray(0, 700));
      const t = io();
      expect(await runCli(["claims", truncated], t.io)).toBe(1);
      expect(t.err()).toMatch(/truncated/);
      expect(t.err().trim().split("\n")).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
