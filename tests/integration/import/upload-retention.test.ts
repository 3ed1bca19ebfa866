/**
 * Upload retention (issue 11): uploads hold PHI and do not outlive their use.
 * - an upload a job waits on for its column mapping is deleted once it is older than its
 *   practice's uploadRetentionDays (the retry then asks for the file again); a queued or running
 *   import keeps its file whatever its age; uploads no job holds are deleted after a short grace;
 * - with 0 days an import's upload is gone as soon as it ends;
 * - at start every upload is left over and removed;
 * - an owner sets the retention in Settings (0–365 days), other values are refused.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { saveOrganizationAction } from "@/app/settings/actions";
import { createOrganization, getDb } from "@/lib/db";
import { getUploadRetentionDays } from "@/lib/db/upload-retention";
import { createImportJobRegistry, ImportJobError, type TImportRunner } from "@/lib/import/import-jobs";
import type { ImportOutcome } from "@/lib/import/run-import";
import { removeLeftoverUploads, sweepUploads } from "@/lib/import/upload-retention";
import { settle } from "@/tests/helpers/app-assertions";
import { actAs } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, signIn } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();
const DAY_MS = 24 * 60 * 60 * 1000;
const counts: ImportOutcome["counts"] = { rowsTotal: 0, rowsImported: 0, rowsFailed: 0, warnings: 0, encounters: 0, administrations: 0, claimLines: 0, codedLines: 0, superseded: 0 };
const outcome = (status: ImportOutcome["status"]): ImportOutcome => ({ status, batchId: null, kind: "sessions", fileName: "s.csv", counts, message: "" });

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

describe.each(providers)("upload retention on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-retention-it-"));
  });

  afterAll(async () => {
    await restore?.();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function upload(name: string, ageMs: number): string {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, "encounter_id\n1\n", { mode: 0o600 });
    const when = new Date(Date.now() - ageMs);
    utimesSync(filePath, when, when);
    return filePath;
  }

  test("kept uploads go after their practice's retention, running imports keep theirs, left-over uploads go after the grace", async () => {
    const { db } = getDb();
    const weekly = await createOrganization(db, { name: "Weekly Clinic", timeZone: "America/New_York", setting: "facility" });
    const daily = await createOrganization(db, { name: "Daily Clinic", timeZone: "America/New_York", setting: "facility" });
    await db.organization.update({ where: { id: daily.id }, data: { uploadRetentionDays: 1 } });
    expect(await getUploadRetentionDays(db, [weekly.id, daily.id])).toEqual(new Map([[weekly.id, 7], [daily.id, 1]]));

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const runner: TImportRunner = async (input) => {
      if (input.fileName === "running.csv") await gate;
      return outcome("needs_mapping");
    };
    // Jobs are remembered for days here, so that only retention decides.
    const registry = createImportJobRegistry({ runner, ttlMs: 30 * DAY_MS });
    const start = (organizationId: string, filePath: string, fileName = "s.csv") => registry.start({ organizationId, filePath, fileName, bytesTotal: 1 });

    const dailyOld = start(daily.id, upload("daily-old.upload", 2 * DAY_MS));
    const dailyFresh = start(daily.id, upload("daily-fresh.upload", 3_600_000));
    const weeklyOld = start(weekly.id, upload("weekly-old.upload", 2 * DAY_MS));
    const running = start(weekly.id, upload("running.upload", 30 * DAY_MS), "running.csv");
    const orphanOld = upload("orphan-old.upload", 20 * 60_000);
    const orphanNew = upload("orphan-new.upload", 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));

    const sweep = () =>
      sweepUploads({
        uploadsDir: dir,
        held: registry.heldUploads(),
        expire: (filePath) => registry.expireUpload(filePath),
        retentionDays: (ids) => getUploadRetentionDays(db, ids),
      });
    expect(await sweep()).toBe(2);
    expect(existsSync(path.join(dir, "daily-old.upload"))).toBe(false);
    expect(existsSync(orphanOld)).toBe(false);
    for (const kept of ["daily-fresh.upload", "weekly-old.upload", "running.upload"]) expect(existsSync(path.join(dir, kept))).toBe(true);
    expect(existsSync(orphanNew)).toBe(true);

    expect(() => registry.retryWithMapping(dailyOld.jobId, daily.id, { kind: "sessions", mapping: { drug: "Med" } })).toThrow(ImportJobError);
    expect(() => registry.retryWithMapping(dailyOld.jobId, daily.id, { kind: "sessions", mapping: { drug: "Med" } })).toThrow(/upload retention/);
    expect(registry.get(dailyFresh.jobId, [daily.id])?.outcome?.status).toBe("needs_mapping");

    // The weekly practice shortens its retention: its two-day-old upload goes at the next sweep.
    await db.organization.update({ where: { id: weekly.id }, data: { uploadRetentionDays: 1 } });
    expect(await sweep()).toBe(1);
    expect(existsSync(path.join(dir, "weekly-old.upload"))).toBe(false);
    expect(registry.get(weeklyOld.jobId, [weekly.id])?.outcome?.status).toBe("needs_mapping");
    expect(existsSync(path.join(dir, "running.upload"))).toBe(true);
    expect(registry.get(running.jobId, [weekly.id])?.state).toBe("running");

    release();
    await registry.idle();
    // The finished job now waits for a mapping with a 30-day-old file: past retention.
    expect(await sweep()).toBe(1);
    expect(existsSync(path.join(dir, "running.upload"))).toBe(false);
  });

  test("an import's upload is deleted when it ends, succeeded or failed; at start every upload is left over", async () => {
    const { db } = getDb();
    const organization = await createOrganization(db, { name: "Zero Days Clinic", timeZone: "America/New_York", setting: "facility" });
    await db.organization.update({ where: { id: organization.id }, data: { uploadRetentionDays: 0 } });
    const statuses: ImportOutcome["status"][] = ["succeeded", "failed", "duplicate"];
    const registry = createImportJobRegistry({ runner: async () => outcome(statuses.shift()!) });
    const files = ["ok.upload", "bad.upload", "again.upload"].map((name) => upload(name, 0));
    for (const filePath of files) registry.start({ organizationId: organization.id, filePath, fileName: "s.csv", bytesTotal: 1 });
    await registry.idle();
    await expect.poll(() => files.filter(existsSync)).toEqual([]);

    const uploads = path.join(dir, "at-start");
    mkdirSync(uploads);
    writeFileSync(path.join(uploads, "a.upload"), "x");
    writeFileSync(path.join(uploads, "b.upload"), "x");
    writeFileSync(path.join(uploads, "notes.txt"), "not an upload");
    expect(await removeLeftoverUploads(uploads)).toBe(2);
    expect(existsSync(path.join(uploads, "a.upload"))).toBe(false);
    expect(existsSync(path.join(uploads, "notes.txt"))).toBe(true);
  });

  test("an owner sets the retention in Settings (0–365 days)", async () => {
    const { db } = getDb();
    const organization = await createOrganization(db, { name: "Settings Clinic", timeZone: "America/New_York", setting: "facility" });
    await addPerson("owner.retention@example.org", "owner", [organization.id]);
    actAs({ sessionCookie: await signIn("owner.retention@example.org"), organizationSlug: organization.slug });
    const values = { name: organization.name, timeZone: "America/New_York", setting: "facility", weekStartsOn: "1", timelyFilingDays: "365" };
    const save = async (days: string) => (await settle(() => saveOrganizationAction({ ok: true }, form({ ...values, uploadRetentionDays: days })))).result;

    for (const bad of ["366", "-1", "1.5", "", "seven"]) {
      expect(await save(bad)).toMatchObject({ ok: false, fieldErrors: { uploadRetentionDays: "Enter a number of days from 0 to 365" } });
    }
    expect((await db.organization.findUniqueOrThrow({ where: { id: organization.id } })).uploadRetentionDays).toBe(7);
    expect(await save("0")).toMatchObject({ ok: true, message: "Saved the upload retention." });
    expect((await db.organization.findUniqueOrThrow({ where: { id: organization.id } })).uploadRetentionDays).toBe(0);
    expect(await save("365")).toMatchObject({ ok: true });
    expect((await db.organization.findUniqueOrThrow({ where: { id: organization.id } })).uploadRetentionDays).toBe(365);
    const audit = await db.auditEvent.findFirst({ where: { organizationId: organization.id, action: "settings.organization.updated" }, orderBy: { id: "desc" } });
    expect(JSON.stringify(audit?.detail)).toContain("uploadRetentionDays");
  });
});
