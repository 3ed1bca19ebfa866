/**
 * PHI at rest (issue 11): a start on an empty folder leaves the data folder 0700 and every file in
 * it 0600 (WAL and SHM included), and an older install is tightened at its next start; imported
 * MRNs are nowhere in the database in clear (the SQLite file and its WAL are grepped, PostgreSQL
 * rows read back), legacy clear ids are sealed at start, and only roles that may identify
 * patients see the MRN.
 */
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET as getFindingsExport } from "@/app/api/findings/export/route";
import EncounterPage from "@/app/encounters/[id]/page";
import { createPrismaClient, getDb, resolveDatabaseTarget, type Db } from "@/lib/db";
import { whenCheckpointsSettled } from "@/lib/db/import/sqlite-bulk-writer";
import { runImport } from "@/lib/import/run-import";
import { openPatientId, sealPatientId } from "@/lib/security/patient-id-seal";
import { sealLegacyPatientIds } from "@/lib/security/seal-legacy-patient-ids";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { elementText, settle } from "@/tests/helpers/app-assertions";
import { actAs, appRequest, type TIdentity } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, seedPractice, signIn, type TPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();
const ROOT = path.resolve(import.meta.dirname, "../../..");
const FIXTURES = path.join(ROOT, "tests/fixtures");
const KEY = Buffer.alloc(32, 7);
const SECRET = "phi-at-rest-secret-0123456789abcdef0123";

/** Every folder and file under `dir` (not following links) with its permission bits. */
function modesUnder(dir: string): { path: string; mode: number; isDirectory: boolean }[] {
  const info = statSync(dir);
  const entries = [{ path: dir, mode: info.mode & 0o777, isDirectory: info.isDirectory() }];
  if (info.isDirectory()) for (const name of readdirSync(dir)) entries.push(...modesUnder(path.join(dir, name)));
  return entries;
}

function expectPrivate(dir: string): void {
  const entries = modesUnder(dir);
  expect(entries.filter((entry) => !entry.isDirectory).length).toBeGreaterThan(0);
  for (const entry of entries) expect({ path: entry.path, mode: entry.mode.toString(8) }).toEqual({ path: entry.path, mode: entry.isDirectory ? "700" : "600" });
}

/** Runs `npm start`'s entry until it stops at the busy port (after the data folder, secrets, migrations and the sealing step). */
async function runStartPreparation(dataDir: string, port: number): Promise<{ code: number | null; output: string }> {
  const env = { NODE_ENV: "production" as const, PATH: process.env.PATH, HOME: process.env.HOME, DRIPAUDIT_DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", DRIPAUDIT_DEMO: "0" };
  const child = spawn(process.execPath, [path.join(ROOT, "lib/server/start.mjs")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { code, output };
}

describe("file modes through the start path (SQLite)", () => {
  let root: string;
  let busy: net.Server;
  let port: number;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "dripaudit-modes-"));
    // Holding the port makes start stop right after its preparation, before it would serve.
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen({ host: "127.0.0.1", port: 0 }, resolve));
    port = (busy.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => busy?.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  test("a fresh start makes the data folder 0700 and the database, its WAL/SHM and the secrets 0600", async () => {
    const dataDir = path.join(root, "fresh", "data");
    const started = await runStartPreparation(dataDir, port);
    expect(started.output).toMatch(/DripAudit: SQLite .* — applied \d+ migration\(s\)/);
    expect(started.output).toMatch(/already in use|not built/);
    expect(started.code).toBe(1);
    for (const name of ["dripaudit.db", "patient-key.secret", "auth.secret", "patient-id.key"]) expect(existsSync(path.join(dataDir, name))).toBe(true);

    // The app writes in WAL mode; this process has the default umask, yet SQLite gives the WAL and
    // SHM files the database file's mode.
    const sqlite = new Database(path.join(dataDir, "dripaudit.db"));
    try {
      sqlite.pragma("journal_mode = WAL");
      sqlite.pragma("user_version = 7");
      expect(existsSync(path.join(dataDir, "dripaudit.db-wal"))).toBe(true);
      expect(existsSync(path.join(dataDir, "dripaudit.db-shm"))).toBe(true);
      expectPrivate(dataDir);
    } finally {
      sqlite.close();
    }
    expectPrivate(dataDir);
  });

  test("an install created before (0755 folder, 0644 files, an upload, clear patient ids) is tightened and sealed at its next start", async () => {
    const dataDir = path.join(root, "older", "data");
    expect((await runStartPreparation(dataDir, port)).code).toBe(1);
    const target = resolveDatabaseTarget({ dataDir });
    const db = createPrismaClient(target);
    let organizationId: string;
    try {
      organizationId = (await db.organization.create({ data: { name: "Older clinic", slug: "older-clinic" } })).id;
      await db.encounter.create({ data: { organizationId, externalEncounterId: "OLD-1", patientKey: "k".repeat(64), patientIdSealed: "OLDMRN-0042", dateOfService: "2025-03-04", weekStart: "2025-03-03" } });
    } finally {
      await db.$disconnect();
    }
    mkdirSync(path.join(dataDir, "uploads"));
    writeFileSync(path.join(dataDir, "uploads", "left-behind.upload"), "encounter_id,patient_id\n");
    for (const entry of modesUnder(dataDir)) chmodSync(entry.path, entry.isDirectory ? 0o755 : 0o644);

    const started = await runStartPreparation(dataDir, port);
    expect(started.code).toBe(1);
    expect(started.output).toContain("sealed the patient ids of 1 encounter(s) and 0 claim line(s)");
    expect(started.output).not.toContain("OLDMRN-0042");
    expectPrivate(dataDir);

    const after = createPrismaClient(target);
    try {
      const stored = await after.encounter.findFirstOrThrow({ where: { externalEncounterId: "OLD-1" } });
      const key = Buffer.from(readFileSync(path.join(dataDir, "patient-id.key"), "utf8").trim(), "hex");
      expect(stored.patientIdSealed).toMatch(/^pid1:/);
      expect(openPatientId(key, organizationId, stored.patientIdSealed!)).toBe("OLDMRN-0042");
    } finally {
      await after.$disconnect();
    }
  });
});

/** The fixtures with their patient ids made unmistakable (P001 → ZQMRN-P001), and those ids. */
function fixturesWithKnownMrns(dir: string): { sessions: string; claims: string; mrns: string[]; encounterIds: string[] } {
  const mark = (text: string) => text.replace(/,(P\d{3}),/g, ",ZQMRN-$1,");
  const sessionsText = mark(readFileSync(path.join(FIXTURES, "sessions/interval-basic.csv"), "utf8"));
  const claimsText = mark(readFileSync(path.join(FIXTURES, "claims/claims-basic.csv"), "utf8"));
  const sessions = path.join(dir, "sessions.csv");
  const claims = path.join(dir, "claims.csv");
  writeFileSync(sessions, sessionsText);
  writeFileSync(claims, claimsText);
  const mrns = [...new Set([...`${sessionsText}${claimsText}`.matchAll(/ZQMRN-P\d{3}/g)].map((match) => match[0]))];
  const encounterIds = [...new Set([...sessionsText.matchAll(/^(E\d+),/gm)].map((match) => match[1]!))];
  return { sessions, claims, mrns, encounterIds };
}

describe.each(providers)("patient ids at rest on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-mrn-"));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("imported MRNs are stored sealed: no Encounter or ClaimLine row, and no byte of the database, holds one in clear", async () => {
    const organizationId = (await db.organization.create({ data: { name: "Sealed clinic", slug: "sealed-clinic" } })).id;
    const { sessions, claims, mrns, encounterIds } = fixturesWithKnownMrns(dir);
    expect(mrns.length).toBeGreaterThanOrEqual(2);
    for (const [filePath, kind] of [[sessions, "sessions"], [claims, "claims"]] as const) {
      const outcome = await runImport({ organizationId, filePath, fileName: path.basename(filePath), kind, database: { db, target: testDb.target }, patientKeySecret: SECRET, patientIdKey: KEY, analyze: false });
      expect(outcome).toMatchObject({ status: "succeeded", counts: { rowsFailed: 0 } });
    }

    const encounters = await db.encounter.findMany({ where: { organizationId } });
    const claimLines = await db.claimLine.findMany({ where: { organizationId } });
    const rows = JSON.stringify([encounters, claimLines]);
    // The rows are read back (the encounter ids are there in clear): only the MRNs are not.
    for (const id of encounterIds) expect(rows).toContain(id);
    for (const mrn of mrns) expect(rows).not.toContain(mrn);
    const opened = new Set([...encounters, ...claimLines].map((row) => openPatientId(KEY, organizationId, row.patientIdSealed ?? "")));
    expect([...opened].sort()).toEqual([...mrns].sort());

    if (testDb.target.provider === "sqlite") {
      await whenCheckpointsSettled();
      const file = testDb.target.filePath;
      const walBefore = existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).toString("latin1") : "";
      const sqlite = new Database(file);
      try {
        sqlite.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        sqlite.close();
      }
      const bytes = [readFileSync(file).toString("latin1"), walBefore, existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).toString("latin1") : ""].join("\n");
      for (const id of encounterIds) expect(bytes).toContain(id);
      for (const mrn of mrns) expect(bytes, `${mrn} in ${name}'s database file`).not.toContain(mrn);
    }
  });

  test("the legacy step seals clear ids in batches, bound to their practice, and a second run changes nothing", async () => {
    const organizationId = (await db.organization.create({ data: { name: "Legacy clinic", slug: "legacy-clinic" } })).id;
    const clearIds = ["LEG-001", "LEG-002", "PID1:looks-sealed", "LEG-004", "LEG-005"];
    for (const [index, clear] of clearIds.entries()) {
      const base = { organizationId, externalEncounterId: `LE${index}`, patientKey: `legacy-${index}`, dateOfService: "2025-03-04", weekStart: "2025-03-03" };
      await db.encounter.create({ data: { ...base, patientIdSealed: clear } });
      await db.claimLine.create({ data: { ...base, claimId: `LC${index}`, payer: "Medicare", patientIdSealed: clear } });
    }
    const alreadySealed = sealPatientId(KEY, organizationId, "NEW-006");
    await db.encounter.create({ data: { organizationId, externalEncounterId: "LE6", patientKey: "legacy-6", patientIdSealed: alreadySealed, dateOfService: "2025-03-04", weekStart: "2025-03-03" } });
    await db.encounter.create({ data: { organizationId, externalEncounterId: "LE7", patientKey: "legacy-7", patientIdSealed: null, dateOfService: "2025-03-04", weekStart: "2025-03-03" } });

    // Other tests' rows on this database are sealed already: only these ten are clear.
    expect(await sealLegacyPatientIds(db, KEY, { batchSize: 2 })).toEqual({ encounters: 5, claimLines: 5 });
    const encounters = await db.encounter.findMany({ where: { organizationId }, orderBy: { externalEncounterId: "asc" } });
    const claimLines = await db.claimLine.findMany({ where: { organizationId }, orderBy: { claimId: "asc" } });
    expect(encounters.map((row) => (row.patientIdSealed === null ? null : openPatientId(KEY, organizationId, row.patientIdSealed)))).toEqual([...clearIds, "NEW-006", null]);
    expect(claimLines.map((row) => openPatientId(KEY, organizationId, row.patientIdSealed ?? ""))).toEqual(clearIds);
    expect(encounters[5]!.patientIdSealed).toBe(alreadySealed);
    expect(openPatientId(KEY, "another-practice", encounters[0]!.patientIdSealed!)).toBeNull();

    expect(await sealLegacyPatientIds(db, KEY, { batchSize: 2 })).toEqual({ encounters: 0, claimLines: 0 });
    const again = await db.encounter.findMany({ where: { organizationId }, orderBy: { externalEncounterId: "asc" } });
    expect(again.map((row) => row.patientIdSealed)).toEqual(encounters.map((row) => row.patientIdSealed));
  });
});

describe.each(providers)("who sees the MRN on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let practice: TPractice;
  const identities = new Map<"owner" | "viewer", TIdentity>();

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    practice = await seedPractice("SEALED", "Sealed Infusion Clinic");
    for (const role of ["owner", "viewer"] as const) {
      await addPerson(`${role}@sealed.test`, role, [practice.id]);
      identities.set(role, { sessionCookie: await signIn(`${role}@sealed.test`), organizationSlug: practice.slug });
    }
  });

  afterAll(async () => {
    await restore?.();
    await testDb?.dispose();
  });

  async function encounterPageText(role: "owner" | "viewer"): Promise<string> {
    actAs(identities.get(role)!);
    const page = await settle(() => EncounterPage({ params: Promise.resolve({ id: String(practice.encounterId) }) }));
    expect(page.digest).toBeNull();
    return elementText(page.result);
  }

  test("the MRN is stored sealed", async () => {
    const stored = await getDb().db.encounter.findUniqueOrThrow({ where: { id: practice.encounterId } });
    expect(stored.patientIdSealed).toMatch(/^pid1:/);
    expect(stored.patientIdSealed).not.toContain(practice.patientId);
  });

  test("a viewer's encounter page shows the patient key, never the MRN", async () => {
    const stored = await getDb().db.encounter.findUniqueOrThrow({ where: { id: practice.encounterId } });
    const text = await encounterPageText("viewer");
    expect(text).not.toContain(practice.patientId);
    expect(text).not.toContain(stored.patientIdSealed!);
    expect(text).toContain("Patient key");
    expect(text).toContain(stored.patientKey.slice(0, 10));
  });

  test("an owner's encounter page and findings export show the MRN", async () => {
    expect(await encounterPageText("owner")).toContain(practice.patientId);
    const exported = await getFindingsExport(appRequest(identities.get("owner")!, "/api/findings/export"));
    expect(exported.status).toBe(200);
    expect(await exported.text()).toContain(practice.patientId);
    const rebill = await getFindingsExport(appRequest(identities.get("owner")!, "/api/findings/export?view=rebill"));
    expect(await rebill.text()).toContain(practice.patientId);
  });
});
