import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  checkDatabaseHealth,
  createPrismaClient,
  findOrganizations,
  getOrganizationForUser,
  listOrganizationsForUser,
  resolveDatabaseTarget,
  type Db,
} from "@/lib/db";
import { migrateDeploy, migrationStatus } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

describe.each(providers)("database on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await create();
    db = createPrismaClient(testDb.target);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  test("migrations apply to an empty database, then there is nothing left to apply", async () => {
    const first = await migrateDeploy(testDb.target);
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.applied[0]).toMatch(/^\d{14}_init$/);

    const second = await migrateDeploy(testDb.target);
    expect(second.applied).toEqual([]);

    const status = await migrationStatus(testDb.target);
    expect(status.pending).toEqual([]);
    expect(status.all).toEqual(first.applied);
  });

  test("an organization with a member, an encounter, an administration and an adjudicated claim line round-trips", async () => {
    const organization = await db.organization.create({
      data: { name: "Lakeside Oncology", slug: `lakeside-${name}`, timeZone: "America/Chicago", ruleSettings: { midnightRule: "encounter" } },
    });
    const user = await db.user.create({ data: { email: `owner-${name}@example.test`, name: "Owner" } });
    await db.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "owner" } });

    const encounter = await db.encounter.create({
      data: {
        organizationId: organization.id,
        externalEncounterId: "E1",
        patientKey: "a".repeat(64),
        patientIdSealed: "MRN-001",
        dateOfService: "2025-03-04",
        weekStart: "2025-03-03",
        site: "Main",
        payer: "Medicare",
      },
    });
    await db.administration.create({
      data: {
        organizationId: organization.id,
        encounterId: encounter.id,
        drug: "Oxaliplatin",
        hcpcs: "J9263",
        category: "chemo",
        route: "iv_infusion",
        startAt: new Date("2025-03-04T15:05:00Z"),
        stopAt: new Date("2025-03-04T17:20:00Z"),
        startLocal: "2025-03-04T09:05",
        stopLocal: "2025-03-04T11:20",
        ivSite: "port",
        nurse: "RN Lee",
        primaryReason: true,
        sourceLine: 2,
      },
    });
    await db.claimLine.create({
      data: {
        organizationId: organization.id,
        encounterId: encounter.id,
        claimId: "C-100",
        claimFrequency: "1",
        patientKey: "a".repeat(64),
        dateOfService: "2025-03-04",
        weekStart: "2025-03-03",
        payer: "Medicare",
        code: "96413",
        modifiers: "",
        billedUnits: 1,
        paidUnits: 1,
        billedCents: 45_000,
        allowedCents: 28_312,
        paidCents: 22_650,
        status: "paid",
        paidDate: "2025-04-01",
        adjustments: {
          create: [
            { organizationId: organization.id, group: "CO", reason: "45", amountCents: 16_688 },
            { organizationId: organization.id, group: "PR", reason: "2", amountCents: 5_662, quantity: 1 },
          ],
        },
        remarks: { create: [{ organizationId: organization.id, code: "N362" }] },
      },
    });

    const loaded = await db.encounter.findUniqueOrThrow({
      where: { organizationId_externalEncounterId: { organizationId: organization.id, externalEncounterId: "E1" } },
      include: { administrations: true, claimLines: { include: { adjustments: { orderBy: { id: "asc" } }, remarks: true } } },
    });
    const administration = loaded.administrations[0];
    expect(administration?.startAt).toEqual(new Date("2025-03-04T15:05:00Z"));
    expect(administration?.stopAt).toEqual(new Date("2025-03-04T17:20:00Z"));
    expect(administration?.primaryReason).toBe(true);
    const claimLine = loaded.claimLines[0];
    expect(claimLine?.paidCents).toBe(22_650);
    expect(claimLine?.adjustments.map((adjustment) => [adjustment.group, adjustment.reason, adjustment.amountCents])).toEqual([
      ["CO", "45", 16_688],
      ["PR", "2", 5_662],
    ]);
    expect(claimLine?.remarks.map((remark) => remark.code)).toEqual(["N362"]);

    const reread = await db.organization.findUniqueOrThrow({ where: { id: organization.id } });
    expect(reread.ruleSettings).toEqual({ midnightRule: "encounter" });
    expect(reread.weekStartsOn).toBe(1);
  });

  test("a user sees only the organizations they are a member of", async () => {
    const [north, south] = await Promise.all([
      db.organization.create({ data: { name: "North Infusion", slug: `north-${name}` } }),
      db.organization.create({ data: { name: "South Infusion", slug: `south-${name}` } }),
    ]);
    const [alice, bob] = await Promise.all([
      db.user.create({ data: { email: `alice-${name}@example.test`, name: "Alice" } }),
      db.user.create({ data: { email: `bob-${name}@example.test`, name: "Bob" } }),
    ]);
    await db.membership.createMany({
      data: [
        { organizationId: north.id, userId: alice.id, role: "billing" },
        { organizationId: south.id, userId: bob.id, role: "viewer" },
      ],
    });

    const alicesOrganizations = await listOrganizationsForUser(db, alice.id);
    expect(alicesOrganizations.map((organization) => [organization.slug, organization.role])).toEqual([[`north-${name}`, "billing"]]);
    expect(await getOrganizationForUser(db, alice.id, `south-${name}`)).toBeNull();
    expect((await getOrganizationForUser(db, bob.id, `south-${name}`))?.name).toBe("South Infusion");
    expect(await listOrganizationsForUser(db, "no-such-user")).toEqual([]);

    const all = await findOrganizations(db);
    expect(all.map((organization) => organization.slug)).toEqual(expect.arrayContaining([`north-${name}`, `south-${name}`]));
  });

  test("rows written with raw SQL (the bulk-import path) read back through Prisma with Date and boolean types", async () => {
    const organization = await db.organization.create({ data: { name: "Raw Insert Clinic", slug: `raw-${name}` } });
    const encounter = await db.encounter.create({
      data: {
        organizationId: organization.id,
        externalEncounterId: "RAW-1",
        patientKey: "b".repeat(64),
        dateOfService: "2025-03-05",
        weekStart: "2025-03-03",
      },
    });
    const row = {
      organizationId: organization.id,
      encounterId: encounter.id,
      drug: "Normal saline",
      category: "hydration",
      route: "iv_infusion",
      startAt: new Date("2025-03-05T14:00:00.000Z"),
      startLocal: "2025-03-05T09:00",
      primaryReason: true,
    };

    if (testDb.target.provider === "sqlite") {
      // The encoding the better-sqlite3 adapter uses: ISO text with +00:00, booleans as 0/1.
      const Database = createRequire(import.meta.url)("better-sqlite3") as typeof import("better-sqlite3");
      const raw = new Database(testDb.target.filePath);
      raw
        .prepare(
          `INSERT INTO "Administration" ("organizationId","encounterId","drug","category","route","startAt","startLocal","primaryReason") VALUES (?,?,?,?,?,?,?,?)`,
        )
        .run(row.organizationId, row.encounterId, row.drug, row.category, row.route, row.startAt.toISOString().replace("Z", "+00:00"), row.startLocal, 1);
      raw.close();
    } else {
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: testDb.target.url, options: `-c search_path="${testDb.target.schema}"` });
      await client.connect();
      await client.query(
        `INSERT INTO "Administration" ("organizationId","encounterId","drug","category","route","startAt","startLocal","primaryReason") VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [row.organizationId, row.encounterId, row.drug, row.category, row.route, "2025-03-05 14:00:00", row.startLocal, true],
      );
      await client.end();
    }

    const administration = await db.administration.findFirstOrThrow({ where: { organizationId: organization.id, drug: "Normal saline" } });
    expect(administration.startAt).toBeInstanceOf(Date);
    expect(administration.startAt.toISOString()).toBe("2025-03-05T14:00:00.000Z");
    expect(administration.stopAt).toBeNull();
    expect(administration.primaryReason).toBe(true);
  });

  test("deleting an organization removes its practice data", async () => {
    const organization = await db.organization.create({ data: { name: "Closing Clinic", slug: `closing-${name}` } });
    const batch = await db.importBatch.create({
      data: { organizationId: organization.id, fileName: "sessions.csv", kind: "sessions", contentHash: "0".repeat(64) },
    });
    await db.importError.create({
      data: { organizationId: organization.id, importBatchId: batch.id, line: 3, code: "BAD_DATE", message: "start is not a date" },
    });
    await db.encounter.create({
      data: { organizationId: organization.id, externalEncounterId: "X", patientKey: "c", dateOfService: "2025-01-02", weekStart: "2024-12-30" },
    });

    await db.organization.delete({ where: { id: organization.id } });

    expect(await db.encounter.count({ where: { organizationId: organization.id } })).toBe(0);
    expect(await db.importError.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  test("the health check answers ok with the provider name", async () => {
    const health = await checkDatabaseHealth({ db, target: testDb.target });
    expect(health).toMatchObject({ provider: name, ok: true });
  });

  test("an unreachable database gives one plain line naming it, not a stack trace", async () => {
    const target =
      name === "postgresql"
        ? resolveDatabaseTarget({ databaseUrl: "postgresql://postgres@127.0.0.1:5499/test", dataDir: "." })
        : resolveDatabaseTarget({ databaseUrl: "file:/nonexistent-dripaudit-dir/sub/dripaudit.db", dataDir: "." });
    const broken = createPrismaClient(target);
    try {
      const health = await checkDatabaseHealth({ db: broken, target });
      expect(health.ok).toBe(false);
      const message = health.ok ? "" : health.message;
      expect(message).not.toContain("\n");
      if (name === "postgresql") {
        expect(message).toBe("Cannot reach PostgreSQL at 127.0.0.1:5499 — is the server running and DATABASE_URL right?");
        await expect(migrateDeploy(target)).rejects.toThrow(
          "Cannot reach PostgreSQL at 127.0.0.1:5499 — is the server running and DATABASE_URL right?",
        );
      } else {
        expect(message).toBe("Cannot open the SQLite database /nonexistent-dripaudit-dir/sub/dripaudit.db — does its folder exist and is it writable?");
      }
    } finally {
      await broken.$disconnect().catch(() => {});
    }
  });
});

test("at least one provider is covered", () => {
  expect(providers.length).toBeGreaterThan(0);
});
