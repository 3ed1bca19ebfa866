import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createAuth } from "@/lib/auth/auth-server";
import { AUTH_SECRET_FILE } from "@/lib/auth/constants";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { createPrismaClient, type Db } from "@/lib/db";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

// `user add` in process on a real database (SQLite file, and PostgreSQL when a server answers):
// DATABASE_URL and DRIPAUDIT_DATA_DIR select it, exactly as for `npm run cli`.
const providers = await resolveTestProviders();
const PASSWORD = "infusion pumps hum at dawn";

type TRun = { code: number; stdout: string; stderr: string };

async function cli(args: string[], stdin?: string): Promise<TRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += String(chunk)));
  stderr.on("data", (chunk) => (err += String(chunk)));
  const io: CliIo = { stdout, stderr, env: {}, ...(stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) }) };
  const code = await runCli(args, io);

  return { code, stdout: out, stderr: err };
}

const add = (email: string, role: string, extra: string[] = []) => ["user", "add", "--email", email, "--name", `Person ${email.split("@")[0]}`, "--role", role, ...extra];

describe.each(providers)("cli user add on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dataDir: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR, DRIPAUDIT_AUTH_SECRET: process.env.DRIPAUDIT_AUTH_SECRET };

  beforeAll(async () => {
    testDb = await create();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-it-cli-user-"));
    process.env.DATABASE_URL = testDb.databaseUrl;
    process.env.DRIPAUDIT_DATA_DIR = dataDir;
    delete process.env.DRIPAUDIT_AUTH_SECRET;
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    await db.organization.create({ data: { name: "Lakeside Oncology", slug: "lakeside" } });
    await db.organization.create({ data: { name: "Riverside Infusion", slug: "riverside" } });
  });

  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await db?.$disconnect();
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const membershipsOf = async (email: string) =>
    (await db.membership.findMany({ where: { user: { email } }, select: { role: true, organization: { select: { name: true } } }, orderBy: { organization: { name: "asc" } } })).map(
      (m) => `${m.organization.name}:${m.role}`,
    );

  test("an owner from stdin joins every practice and can sign in with that password (one trailing newline dropped)", async () => {
    const run = await cli(add("Ana@Clinic.test", "owner", ["--password-stdin"]), `${PASSWORD}\n`);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe("Added Person Ana <ana@clinic.test> as owner of Lakeside Oncology, Riverside Infusion.\n");
    await expect(membershipsOf("ana@clinic.test")).resolves.toEqual(["Lakeside Oncology:owner", "Riverside Infusion:owner"]);
    expect(statSync(path.join(dataDir, AUTH_SECRET_FILE)).mode & 0o777).toBe(0o600);

    // The hash is better-auth's: its own sign-in endpoint accepts the password. (One address per
    // provider: better-auth's in-memory rate limit is shared by the instances of this process.)
    const auth = createAuth({ db, provider: testDb.provider, secret: "s".repeat(40) });
    const signIn = (password: string) =>
      auth.handler(
        new Request("http://127.0.0.1:3000/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "x-forwarded-for": name === "sqlite" ? "10.9.9.1" : "10.9.9.2" },
          body: JSON.stringify({ email: "ana@clinic.test", password }),
        }),
      );
    expect((await signIn(PASSWORD)).status).toBe(200);
    expect((await signIn(`${PASSWORD}\n`)).status).toBe(401);
  });

  test("--org joins that practice only; --format json is the result alone", async () => {
    const run = await cli(add("bo@clinic.test", "billing", ["--org", "Riverside Infusion", "--password-stdin", "--format", "json"]), `${PASSWORD}\r\n`);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { user: { email: string; role: string }; organizations: { name: string }[]; setupLink: unknown };
    expect(result).toMatchObject({ user: { email: "bo@clinic.test", role: "billing" }, organizations: [{ name: "Riverside Infusion" }], setupLink: null });
    await expect(membershipsOf("bo@clinic.test")).resolves.toEqual(["Riverside Infusion:billing"]);
  });

  test("without --password-stdin the result is a one-time setup link", async () => {
    const run = await cli(add("cy@clinic.test", "viewer", ["--org", "lakeside oncology"]));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Added Person cy <cy@clinic\.test> as viewer of Lakeside Oncology\.\nSetup link \(valid until .+\): http:\/\/127\.0\.0\.1:\d+\/set-password\?token=[\w-]+\n$/);
  });

  test("a duplicate email → exit 1, message on stderr, nothing on stdout, no second account", async () => {
    const run = await cli(add("ANA@clinic.test", "viewer", ["--password-stdin"]), PASSWORD);
    expect(run).toEqual({ code: 1, stdout: "", stderr: "user: An account with the email ana@clinic.test already exists.\n" });
    await expect(db.user.count({ where: { email: "ana@clinic.test" } })).resolves.toBe(1);
  });

  test("a weak password → exit 1 naming the rule; no account", async () => {
    const short = await cli(add("dee@clinic.test", "billing", ["--password-stdin"]), "short1\n");
    expect(short).toEqual({ code: 1, stdout: "", stderr: "user: Weak password: Use at least 12 characters.\n" });
    const common = await cli(add("dee@clinic.test", "billing", ["--password-stdin"]), "Password2024!!\n");
    expect(common.code).toBe(1);
    expect(common.stderr).toContain("common passwords");
    const empty = await cli(add("dee@clinic.test", "billing", ["--password-stdin"]), "\n");
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("empty password");
    await expect(db.user.count({ where: { email: "dee@clinic.test" } })).resolves.toBe(0);
  });

  test("a bad role → exit 1 listing the roles", async () => {
    const run = await cli(add("eve@clinic.test", "admin", ["--password-stdin"]), PASSWORD);
    expect(run).toEqual({ code: 1, stdout: "", stderr: 'user: invalid --role "admin": expected owner or billing or consultant or viewer\n' });
    await expect(db.user.count({ where: { email: "eve@clinic.test" } })).resolves.toBe(0);
  });

  test("an unknown practice → exit 1 listing the practices by name", async () => {
    const run = await cli(add("fay@clinic.test", "consultant", ["--org", "Hillside", "--password-stdin"]), PASSWORD);
    expect(run).toEqual({ code: 1, stdout: "", stderr: 'user: no practice named "Hillside"; practices: "Lakeside Oncology", "Riverside Infusion"\n' });
    await expect(db.user.count({ where: { email: "fay@clinic.test" } })).resolves.toBe(0);
  });

  test("missing options and unknown subcommands → exit 1 with what is missing", async () => {
    await expect(cli(["user", "add", "--name", "X", "--role", "owner"])).resolves.toMatchObject({ code: 1, stderr: "user: user add needs --email <address>\n" });
    await expect(cli(["user", "add", "--email", "x@clinic.test", "--role", "owner"])).resolves.toMatchObject({ code: 1, stderr: "user: user add needs --name <name>\n" });
    await expect(cli(["user", "add", "--email", "x@clinic.test", "--name", "X"])).resolves.toMatchObject({ code: 1, stderr: expect.stringContaining("needs --role owner|billing|consultant|viewer") });
    await expect(cli(["user", "remove"])).resolves.toMatchObject({ code: 1, stderr: expect.stringContaining('unknown subcommand "remove"') });
    await expect(cli(add("x@clinic.test", "owner", ["--email-typo"]))).resolves.toMatchObject({ code: 1, stdout: "" });
    await expect(cli(["user", "add", "--help"])).resolves.toMatchObject({ code: 0, stdout: expect.stringContaining("--password-stdin") });
  });
});
