import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createAccount } from "@/lib/auth/accounts";
import { getAuth } from "@/lib/auth/auth-server";
import { getDb } from "@/lib/db";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

// getSignedInUser reads the request through next/headers: this file plays the request.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
const { getSignedInUser } = await import("@/lib/auth/access");

const providers = await resolveTestProviders();
const PASSWORD = "saline drip at nine";

describe.each(providers)("idle timeout on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-idle-"));
    Object.assign(process.env, { DATABASE_URL: testDb.databaseUrl, DRIPAUDIT_DATA_DIR: dataDir, DRIPAUDIT_IDLE_MINUTES: "15" });
    await createAccount(getAuth(), getDb().db, { email: "ana@clinic.test", name: "Ana", role: "owner", password: PASSWORD, organizationIds: "all" });
  });

  afterAll(async () => {
    await getDb().db.$disconnect();
    process.env = saved;
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(): Promise<string> {
    const response = await getAuth().api.signInEmail({
      body: { email: "ana@clinic.test", password: PASSWORD },
      headers: new Headers({ host: "127.0.0.1:3000" }),
      asResponse: true,
    });
    const cookie = /dripaudit\.session_token=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
    if (!cookie) throw new Error(`no session cookie (${response.status})`);
    request.headers = new Headers({ host: "127.0.0.1:3000", cookie });
    return cookie;
  }

  const lastActive = async () => (await getDb().db.session.findFirstOrThrow({ orderBy: { createdAt: "desc" } })).updatedAt;
  const setLastActive = async (minutesAgo: number) =>
    getDb().db.session.updateMany({ data: { updatedAt: new Date(Date.now() - minutesAgo * 60_000) } });

  test("a session used within 15 minutes stays and its idle clock moves on", async () => {
    await signIn();
    await setLastActive(14);
    const user = await getSignedInUser();
    expect(user?.email).toBe("ana@clinic.test");
    expect(Date.now() - (await lastActive()).getTime()).toBeLessThan(5_000);
  });

  test("a session idle for 15 minutes is ended and deleted", async () => {
    await signIn();
    const before = await getDb().db.session.count();
    await setLastActive(15);
    expect(await getSignedInUser()).toBeNull();
    expect(await getDb().db.session.count()).toBeLessThan(before);
  });

  test("a session past 12 hours is ended even when active", async () => {
    await signIn();
    await getDb().db.session.updateMany({ data: { createdAt: new Date(Date.now() - 12 * 3600_000 - 1_000) } });
    expect(await getSignedInUser()).toBeNull();
  });

  test("a foreign Host is nobody, even with a valid session cookie", async () => {
    const cookie = await signIn();
    request.headers = new Headers({ host: "rebound.attacker.example", cookie });
    expect(await getSignedInUser()).toBeNull();
  });
});
