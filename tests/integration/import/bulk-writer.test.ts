/**
 * The raw-SQL bulk writers on a real database, once per provider: ids returned by `insert` are the
 * stored ids and continue after rows written earlier (SQLite assigns them itself, the rows travel
 * to its writer thread without a round trip), columns shared by every row of a call are stored like
 * the others, and a failed insert fails the commit and leaves nothing behind.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type Db, type DatabaseTarget } from "@/lib/db";
import { openBulkWriter, type BulkWriter } from "@/lib/db/import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

const COLUMNS = ["organizationId", "importBatchId", "externalEncounterId", "patientKey", "patientIdSealed", "dateOfService", "weekStart", "site", "payer", "setting", "createdAt"] as const;

describe.each(providers)("bulk writer on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let target: DatabaseTarget;
  let organizationId: string;
  let batchId: number;

  beforeAll(async () => {
    testDb = await create();
    target = testDb.target;
    await migrateDeploy(target);
    db = createPrismaClient(target);
    organizationId = (await db.organization.create({ data: { name: "Writer clinic", slug: "writer-clinic" } })).id;
    batchId = (await db.importBatch.create({ data: { organizationId, fileName: "x.csv", kind: "sessions", contentHash: "h", status: "running" } })).id;
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  function encounterRows(writer: BulkWriter, ids: readonly string[], payerOf: (i: number) => string | null): (string | number | boolean | null)[][] {
    const now = writer.instant(Date.UTC(2026, 10, 27, 9));
    return ids.map((id, i) => [organizationId, batchId, id, `key-${id}`, i % 2 === 0 ? null : `MRN ${id}`, "2025-01-06", "2025-01-06", "Main", payerOf(i), null, now]);
  }

  test("returned ids are the stored ids, continue after earlier rows, and shared columns are stored", async () => {
    const writer = await openBulkWriter(target);
    try {
      await writer.begin();
      const first = await writer.insert("Encounter", COLUMNS, encounterRows(writer, ["A1", "A2", "A3"], () => "Aetna"), { returnIds: true });
      // 150 rows: more than one multi-row statement plus a remainder; payer differs per row here.
      const many = Array.from({ length: 150 }, (_, i) => `B${i}`);
      const second = await writer.insert("Encounter", COLUMNS, encounterRows(writer, many, (i) => (i % 3 === 0 ? null : `Payer ${i % 3}`)), { returnIds: true });
      await writer.commit();
      await writer.begin();
      const third = await writer.insert("Encounter", COLUMNS, encounterRows(writer, ["C1"], () => "Cigna"), { returnIds: true });
      await writer.commit();

      expect(second[0]).toBe(first[2]! + 1);
      expect(third[0]).toBe(second[149]! + 1);
      const stored = await db.encounter.findMany({ where: { organizationId }, orderBy: { id: "asc" } });
      expect(stored.map((e) => e.id)).toEqual([...first, ...second, ...third]);
      expect(stored.map((e) => e.externalEncounterId)).toEqual(["A1", "A2", "A3", ...many, "C1"]);
      expect(stored.slice(0, 3).map((e) => e.payer)).toEqual(["Aetna", "Aetna", "Aetna"]);
      expect(stored.slice(3, 6).map((e) => e.payer)).toEqual([null, "Payer 1", "Payer 2"]);
      expect(stored.slice(0, 2).map((e) => e.patientIdSealed)).toEqual([null, "MRN A2"]);
      expect(stored.every((e) => e.importBatchId === batchId && e.createdAt.toISOString() === "2026-11-27T09:00:00.000Z")).toBe(true);
    } finally {
      await writer.close();
    }
  });

  test("a failed insert fails the commit; after rollback nothing of the transaction is stored", async () => {
    const before = await db.encounter.count({ where: { organizationId } });
    const writer = await openBulkWriter(target);
    try {
      await writer.begin();
      await writer.insert("Encounter", COLUMNS, encounterRows(writer, ["D1", "D2"], () => "Aetna"));
      // A1 exists: the (organizationId, externalEncounterId) unique key rejects it.
      const duplicate = writer.insert("Encounter", COLUMNS, encounterRows(writer, ["D3", "A1"], () => "Aetna"));
      const failed = await duplicate.then(
        () => writer.commit().then(() => null, (error: unknown) => error),
        (error: unknown) => error,
      );
      expect(failed).toBeInstanceOf(Error);
      expect(String((failed as Error).message)).toMatch(/unique|duplicate/i);
      await writer.rollback();
    } finally {
      await writer.close();
    }
    expect(await db.encounter.count({ where: { organizationId } })).toBe(before);
    expect(await db.encounter.count({ where: { organizationId, externalEncounterId: { in: ["D1", "D2", "D3"] } } })).toBe(0);
  });
});
