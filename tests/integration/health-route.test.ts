import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
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

  test("answers 200 {status:'ok'} and nothing else when the database is up", async () => {
    pointAppAt(testDb.databaseUrl);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    await expect(response.json()).resolves.toEqual({ status: "ok" });
  });

  test("answers 503 {status:'error'} when the database is down; the reason goes to the server log only", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      pointAppAt(name === "postgresql" ? "postgresql://postgres@127.0.0.1:5499/test" : "file:/nonexistent-dripaudit-dir/x.db");
      const response = await GET();
      expect(response.status).toBe(503);
      await expect(response.json()).resolves.toEqual({ status: "error" });
      expect(logged.mock.calls.flat().join(" ")).toMatch(name === "postgresql" ? /Cannot reach PostgreSQL at 127\.0\.0\.1:5499/ : /Cannot open the SQLite database/);
    } finally {
      logged.mockRestore();
    }
  });
});
