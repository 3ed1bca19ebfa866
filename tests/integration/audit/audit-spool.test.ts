/**
 * Audit events while an import holds SQLite's write lock (lib/db/audit-spool.ts): the request that
 * records one waits at most ~200 ms, the event is durable in the spool at once, and it reaches
 * AuditEvent with the time it happened as soon as the lock frees — before the trail is read.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createPrismaClient, recordAuditEvent, resolveDatabaseTarget, type Db, type SqliteTarget } from "@/lib/db";
import { listAuditEvents } from "@/lib/db/audit-events";
import { attachAuditSpool, AUDIT_LOCK_WAIT_MS, type TAuditSpool } from "@/lib/db/audit-spool";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";

const event = (subjectId: string) => ({
  organizationId: "org-1",
  userId: null,
  actorEmail: "billing@example.test",
  address: "127.0.0.1",
  action: "encounter.viewed",
  subjectType: "encounter",
  subjectId,
});

const spoolFiles = (dir: string) => readdirSync(dir).filter((name) => name.startsWith("audit-spool-"));

describe("audit spool (SQLite)", () => {
  let dir: string;
  let db: Db;
  let spool: TAuditSpool;
  let target: SqliteTarget;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-audit-spool-"));
    target = resolveDatabaseTarget({ dataDir: dir }) as SqliteTarget;
    await migrateDeploy(target);
    db = createPrismaClient(target);
    spool = attachAuditSpool(db, dir, createPrismaClient(target, { busyWaitMs: AUDIT_LOCK_WAIT_MS }));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await spool?.impatient.$disconnect();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await db.auditEvent.deleteMany({});
  });

  /** Another connection holds the write lock (as an import's transaction does) while `during` runs. */
  async function whileLocked<T>(during: () => Promise<T>): Promise<T> {
    const holder = new Database(target.filePath);
    holder.exec("BEGIN IMMEDIATE");
    try {
      return await during();
    } finally {
      holder.exec("COMMIT");
      holder.close();
    }
  }

  test("a locked database: the event is spooled within ~200 ms, then lands with its own time once the lock frees", async () => {
    const before = Date.now();
    const waited = await whileLocked(async () => {
      const started = performance.now();
      await recordAuditEvent(db, event("41"));
      const ms = performance.now() - started;
      expect(await db.auditEvent.count()).toBe(0);
      const [file] = spoolFiles(dir);
      expect(file).toBeDefined();
      expect(statSync(path.join(dir, file!)).mode & 0o777).toBe(0o600);
      return ms;
    });
    expect(waited).toBeLessThan(1_000);

    // The scheduled flush moves it within a few hundred ms of the lock freeing.
    const deadline = Date.now() + 5_000;
    while ((await db.auditEvent.count()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const [row] = await db.auditEvent.findMany();
    expect(row).toMatchObject({ action: "encounter.viewed", subjectId: "41", actorEmail: "billing@example.test" });
    expect(row!.createdAt.getTime()).toBeGreaterThanOrEqual(before);
    expect(row!.createdAt.getTime()).toBeLessThanOrEqual(before + waited + 50);
    expect(spoolFiles(dir)).toEqual([]);
  });

  test("while events wait in the spool, the next ones go there without waiting for the lock; once a flush got it, events are written directly again", async () => {
    const laterWaits = await whileLocked(async () => {
      await recordAuditEvent(db, event("51"));
      expect(spool.waiting).toBe(true);
      const waits: number[] = [];
      for (const subjectId of ["52", "53", "54"]) {
        const started = performance.now();
        await recordAuditEvent(db, event(subjectId));
        waits.push(performance.now() - started);
      }
      return waits;
    });
    // Each later event costs an append and an fsync, not another AUDIT_LOCK_WAIT_MS of tries.
    expect(Math.max(...laterWaits)).toBeLessThan(AUDIT_LOCK_WAIT_MS / 2);
    expect(await spool.flush()).toBe(4);
    expect(spool.waiting).toBe(false);
    await recordAuditEvent(db, event("55"));
    expect((await db.auditEvent.findMany({ select: { subjectId: true }, orderBy: { createdAt: "asc" } })).map((row) => row.subjectId)).toEqual(["51", "52", "53", "54", "55"]);
    expect(spoolFiles(dir)).toEqual([]);
  });

  test("reading the trail flushes the spool first", async () => {
    await whileLocked(() => recordAuditEvent(db, event("42")));
    const page = await listAuditEvents(db, { organizationId: "org-1" });
    expect(page.rows.map((row) => row.subjectId)).toEqual(["42"]);
    expect(spoolFiles(dir)).toEqual([]);
  });

  test("a free database: written at once, nothing spooled", async () => {
    await recordAuditEvent(db, event("43"));
    expect(await db.auditEvent.count()).toBe(1);
    expect(spoolFiles(dir)).toEqual([]);
  });

  test("a dead process's files: flushed; a line cut short by its crash is skipped", async () => {
    const line = JSON.stringify({ ...event("44"), detail: { rows: 3 }, createdAt: "2026-12-01T10:00:00.000Z" });
    writeFileSync(path.join(dir, "audit-spool-2147483646.0.flushing"), `${line}\n{"organizationId":"org-1","act`, { mode: 0o600 });
    writeFileSync(path.join(dir, "audit-spool-2147483646.jsonl"), `${JSON.stringify({ ...event("45"), createdAt: "2026-12-01T10:00:01.000Z" })}\n`, { mode: 0o600 });
    expect(await spool.flush()).toBe(2);
    const rows = await db.auditEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((row) => [row.subjectId, row.createdAt.toISOString(), row.detail])).toEqual([
      ["44", "2026-12-01T10:00:00.000Z", { rows: 3 }],
      ["45", "2026-12-01T10:00:01.000Z", null],
    ]);
    expect(existsSync(path.join(dir, "audit-spool-2147483646.0.flushing"))).toBe(false);
    expect(spoolFiles(dir)).toEqual([]);
  });
});
