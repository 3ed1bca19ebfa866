import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { GET } from "@/app/api/health/route";
import { getDb } from "@/lib/db";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

describe.each(providers)("GET /api/health on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR };

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
  });

  afterAll(async () => {
    await getDb().db.$disconnect();
    Object.assign(process.env, saved);
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key];
    await testDb?.dispose();
  });

  function pointAppAt(databaseUrl: string) {
    process.env.DATABASE_URL = databaseUrl;
  }

  test("answers 200 with the provider when the database is up", async () => {
    pointAppAt(testDb.databaseUrl);
    const response = await GET();
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toMatchObject({ status: "ok", database: { provider: name, ok: true } });
  });

  test("answers 503 with a one-line message when the database is down", async () => {
    pointAppAt(name === "postgresql" ? "postgresql://postgres@127.0.0.1:5499/test" : "file:/nonexistent-dripaudit-dir/x.db");
    const response = await GET();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { status: string; database: { ok: boolean; message: string } };
    expect(body).toMatchObject({ status: "error", database: { ok: false } });
    expect(body.database.message).toMatch(name === "postgresql" ? /^Cannot reach PostgreSQL at 127\.0\.0\.1:5499 — / : /^Cannot open the SQLite database /);
  });
});
