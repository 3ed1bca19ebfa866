import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createAccount, createFirstOwner, createSetupLink, isAccountError } from "@/lib/auth/accounts";
import { createAuth, type TAuth } from "@/lib/auth/auth-server";
import { judgeSession } from "@/lib/auth/session-policy";
import { createPrismaClient, type Db } from "@/lib/db";
import { addOwnersOfAnyPractice, markInstallOwner } from "@/lib/db/auth-records";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const PASSWORD = "saline drip at nine";

/**
 * The first octet of the client addresses, one per database: better-auth's in-memory limit of 3
 * sign-ins per address in 10 s spans both runs of this process, so they must not share addresses.
 */
let network = "10";

function signInRequest(email: string, password: string, address = "10.1.1.1"): Request {
  const clientAddress = address.replace(/^10\./, `${network}.`);
  return new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
    method: "POST",
    headers: { "content-type": "application/json", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "x-forwarded-for": clientAddress },
    body: JSON.stringify({ email, password }),
  });
}

async function signIn(auth: TAuth, email: string, password: string, address?: string): Promise<{ status: number; message: string; cookie: string | null }> {
  const response = await auth.handler(signInRequest(email, password, address));
  const body = (await response.json()) as { message?: string };

  return { status: response.status, message: body.message ?? "", cookie: response.headers.get("set-cookie") };
}

describe.each(providers)("sign-in on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let auth: TAuth;

  beforeAll(async () => {
    network = name === "postgresql" ? "11" : "10";
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    auth = createAuth({ db, provider: testDb.provider, secret: "s".repeat(40) });
    await db.organization.create({ data: { name: "Lakeside Oncology", slug: "lakeside" } });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  test("/setup: of two concurrent first owners exactly one is created, owner of every practice", async () => {
    const results = await Promise.allSettled([
      createFirstOwner(auth, db, { email: "ana@clinic.test", name: "Ana", password: PASSWORD }),
      createFirstOwner(auth, db, { email: "ben@clinic.test", name: "Ben", password: PASSWORD }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((result) => result.status === "rejected");
    expect(isAccountError(refused?.reason)).toBe(true);
    expect((refused?.reason as Error).message).toBe("This install already has an owner — sign in instead.");
    expect(await db.user.count()).toBe(1);
    const owner = await db.user.findFirstOrThrow({ include: { memberships: true } });
    expect(owner.memberships.map((membership) => membership.role)).toEqual(["owner"]);

    await expect(createFirstOwner(auth, db, { email: "cy@clinic.test", name: "Cy", password: PASSWORD })).rejects.toThrow("already has an owner");
  });

  test("the password is hashed by the library and signs in; the same message for unknown email and wrong password", async () => {
    const account = await db.account.findFirstOrThrow({ where: { providerId: "credential" } });
    expect(account.password).not.toContain(PASSWORD);
    expect(account.password?.length).toBeGreaterThan(60);

    const ok = await signIn(auth, "ana@clinic.test", PASSWORD, "10.0.0.1");
    expect(ok.status).toBe(200);
    expect(ok.cookie).toMatch(/dripaudit\.session_token=.*HttpOnly.*SameSite=Lax/i);
    expect(ok.cookie).not.toMatch(/Secure/);

    const wrong = await signIn(auth, "ana@clinic.test", "not the password", "10.0.0.2");
    const unknown = await signIn(auth, "nobody@clinic.test", "not the password", "10.0.0.3");
    expect(wrong).toMatchObject({ status: 401, message: "Wrong email or password — 4 tries left before a 15-minute pause." });
    expect(unknown).toMatchObject({ status: 401, message: "Wrong email or password — 4 tries left before a 15-minute pause." });
  });

  test("5 failures for one email lock it for 15 minutes, even with the right password, from any address", async () => {
    await createAccount(auth, db, { email: "dee@clinic.test", name: "Dee", role: "billing", password: PASSWORD, organizationIds: "all" });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const failed = await signIn(auth, "dee@clinic.test", `wrong guess ${attempt}`, `10.2.0.${attempt}`);
      expect(failed.status).toBe(401);
    }
    const locked = await signIn(auth, "dee@clinic.test", PASSWORD, "10.2.0.99");
    expect(locked.status).toBe(429);
    expect(locked.message).toBe("Too many failed sign-ins — try again in 15 minutes.");
    expect(locked.cookie ?? "").not.toContain("session_token=");

    // 15 minutes later the lock has passed.
    await db.signInFailure.updateMany({ where: { email: "dee@clinic.test" }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
    expect((await signIn(auth, "dee@clinic.test", PASSWORD, "10.2.0.99")).status).toBe(200);
  });

  test("5 failures from one address lock that address for every email", async () => {
    for (let attempt = 1; attempt <= 5; attempt++) await signIn(auth, `guess${attempt}@clinic.test`, "whatever it is", "10.3.0.1");
    const locked = await signIn(auth, "ana@clinic.test", PASSWORD, "10.3.0.1");
    expect(locked.status).toBe(429);
    expect((await signIn(auth, "ana@clinic.test", PASSWORD, "10.3.0.2")).status).toBe(200);
  });

  test("sessions last 12 h at most and the idle clock is the session's updatedAt", async () => {
    const { cookie } = await signIn(auth, "ana@clinic.test", PASSWORD, "10.4.0.1");
    const token = /dripaudit\.session_token=([^;]+)/.exec(cookie ?? "")?.[1];
    expect(token).toBeDefined();
    const found = await auth.api.getSession({ headers: new Headers({ host: "127.0.0.1:3000", cookie: `dripaudit.session_token=${token}` }) });
    expect(found).not.toBeNull();
    const lifetime = found!.session.expiresAt.getTime() - found!.session.createdAt.getTime();
    expect(lifetime).toBeGreaterThan(12 * 3600_000 - 5_000);
    expect(lifetime).toBeLessThanOrEqual(12 * 3600_000 + 5_000);
    const times = { createdAt: found!.session.createdAt, lastActiveAt: found!.session.updatedAt, expiresAt: found!.session.expiresAt };
    expect(judgeSession(times, new Date(), 15)).toBe("active");
    expect(judgeSession(times, new Date(times.lastActiveAt.getTime() + 16 * 60_000), 15)).toBe("idle");
  });

  test("a setup link sets the password of a person added without one, once", async () => {
    const { userId } = await createAccount(auth, db, { email: "eve@clinic.test", name: "Eve", role: "viewer", organizationIds: "all" });
    expect((await signIn(auth, "eve@clinic.test", PASSWORD, "10.5.0.1")).status).toBe(401);
    const link = await createSetupLink(auth, userId);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);
    const token = new URL(link.path, "http://x").searchParams.get("token")!;
    const reset = (body: object) =>
      auth.handler(
        new Request("http://127.0.0.1:3000/api/auth/reset-password", {
          method: "POST",
          headers: { "content-type": "application/json", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" },
          body: JSON.stringify(body),
        }),
      );
    const weak = await reset({ token, newPassword: "password1234" });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { message: string }).message).toContain("common passwords");
    expect((await reset({ token, newPassword: PASSWORD })).status).toBe(200);
    expect((await signIn(auth, "eve@clinic.test", PASSWORD, "10.5.0.2")).status).toBe(200);
    expect((await reset({ token, newPassword: "another long phrase" })).status).toBe(400);
  });

  test("a practice created in the background (the demo) gets the install's owners, without changing a member's role", async () => {
    const demo = await db.organization.create({ data: { name: "Demo", slug: "demo-bg" } });
    const ana = await db.user.findUniqueOrThrow({ where: { email: "ana@clinic.test" } });
    const dee = await db.user.findUniqueOrThrow({ where: { email: "dee@clinic.test" } });
    await db.membership.updateMany({ where: { userId: dee.id }, data: { role: "owner" } });
    await db.membership.create({ data: { organizationId: demo.id, userId: dee.id, role: "viewer" } });
    // Added by `user add --role owner` while no practice existed yet: no membership, owner of the install.
    const { userId: gil } = await createAccount(auth, db, { email: "gil@clinic.test", name: "Gil", role: "owner", password: PASSWORD, organizationIds: [] });
    await markInstallOwner(db, gil);
    const { userId: hal } = await createAccount(auth, db, { email: "hal@clinic.test", name: "Hal", role: "viewer", password: PASSWORD, organizationIds: [] });
    await addOwnersOfAnyPractice(db, demo.id);
    await addOwnersOfAnyPractice(db, demo.id);
    const members = await db.membership.findMany({ where: { organizationId: demo.id }, select: { userId: true, role: true } });
    expect(members).toEqual(
      expect.arrayContaining([
        { userId: ana.id, role: "owner" },
        { userId: dee.id, role: "viewer" },
        { userId: gil, role: "owner" },
      ]),
    );
    expect(members.map((member) => member.userId)).not.toContain(hal);
    expect(members).toHaveLength(3);
    expect((await db.user.findUniqueOrThrow({ where: { id: ana.id } })).isInstallOwner).toBe(true);
  });

  test("createAccount refuses a duplicate email, a bad role and a weak password", async () => {
    const attempt = (overrides: object) =>
      createAccount(auth, db, { email: "fay@clinic.test", name: "Fay", role: "viewer", password: PASSWORD, organizationIds: "all", ...overrides });
    await expect(attempt({ email: "ANA@clinic.test" })).rejects.toThrow("An account with the email ana@clinic.test already exists.");
    await expect(attempt({ role: "admin" })).rejects.toThrow('Unknown role "admin" — use one of owner, billing, consultant, viewer.');
    await expect(attempt({ password: "short" })).rejects.toThrow("Weak password: Use at least 12 characters.");
    expect(await db.user.count({ where: { email: "fay@clinic.test" } })).toBe(0);
  });
});

vi.setConfig({ testTimeout: 60_000 });
