/**
 * The app under the load benchmark (tests/bench/load.ts), set up the way an install is: a practice
 * imported with `npm run cli -- import` (the /imports code path; the CLI recomputes the findings
 * after the last file), people added with `npm run cli -- user add`, the built app served by its
 * real start path (`node lib/server/start.mjs`, embedded SQLite in a throwaway data folder), and
 * sessions from ONE POST each to better-auth's /api/auth/sign-in/email.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { resolveDatabaseTarget, type SqliteTarget } from "@/lib/db";
import { freePort, ROOT } from "../e2e/helpers/demo-app";
import { addUserWithCli, cookiesOf, type TAccount } from "../e2e/helpers/sign-in";

export const LOAD_PRACTICE = "Load Bench Infusion";

/** One person per role that works the findings day to day; each signs in from a workstation of their own. */
export const LOAD_ACCOUNTS: readonly (TAccount & { address: string })[] = [
  { email: "olive.owner@load.test", name: "Olive Owner", role: "owner", password: "saline drip at nine sharp", address: "10.20.0.1" },
  { email: "bill.billing@load.test", name: "Bill Billing", role: "billing", password: "port flush before the push", org: LOAD_PRACTICE, address: "10.20.0.2" },
  { email: "cora.consultant@load.test", name: "Cora Consultant", role: "consultant", password: "hydration after the chemo", org: LOAD_PRACTICE, address: "10.20.0.3" },
];

function appEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DRIPAUDIT_DATA_DIR: dataDir, DRIPAUDIT_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  delete env.HOST;

  return env;
}

/** `npm run --silent cli -- import --org <practice> <file> --format json`: import, then the recompute of the weeks it touched. */
export function importWithCli(dataDir: string, file: string): Promise<{ rowsImported: number; encounters: number }> {
  return new Promise((resolve, reject) => {
    const args = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "lib/cli/main.ts"), "import", "--org", LOAD_PRACTICE, "--format", "json", file];
    const child = spawn(process.execPath, args, { cwd: ROOT, env: appEnv(dataDir), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`cli import exited with ${code}:\n${stderr.slice(-4000)}`));
      if (!stderr.includes("analysis up to date")) return reject(new Error(`the recompute after the cli import did not finish:\n${stderr.slice(-4000)}`));
      const file = (JSON.parse(stdout) as { files: { status: string; counts: { rowsImported: number; encounters: number } }[] }).files[0]!;
      if (file.status !== "succeeded") return reject(new Error(`cli import: ${file.status}\n${stderr.slice(-4000)}`));
      resolve(file.counts);
    });
  });
}

export function addLoadUsers(dataDir: string): void {
  for (const account of LOAD_ACCOUNTS) addUserWithCli(dataDir, account);
}

export type TLoadFixtures = {
  organizationId: string;
  encounterIds: number[];
  findings: number;
  /** The two most frequent finding kinds. */
  kinds: string[];
  /** A keyset position 80 % down the default (date, newest first) and the value sort: a deep page. */
  deepDateCursor: string;
  deepValueCursor: string;
};

const cursorParam = (values: (string | number)[], id: number) => Buffer.from(JSON.stringify({ v: values, i: id }), "utf8").toString("base64url");

/**
 * Real ids and positions for the request mix, read once from the database after the practice's
 * import (encounter ids spread evenly over the practice; cursors in the worklist's own format,
 * finding-list-query.ts's encodeFindingCursor).
 */
export function readLoadFixtures(dataDir: string, encounterCount: number): TLoadFixtures {
  const target = resolveDatabaseTarget({ dataDir }) as SqliteTarget;
  const db = new Database(target.filePath, { readonly: true });
  try {
    const { id: organizationId } = db.prepare(`SELECT "id" FROM "Organization" WHERE "name"=?`).get(LOAD_PRACTICE) as { id: string };
    const ids = db.prepare(`SELECT MIN("id") AS lo, MAX("id") AS hi FROM "Encounter" WHERE "organizationId"=?`).get(organizationId) as { lo: number; hi: number };
    const nextEncounter = db.prepare(`SELECT "id" FROM "Encounter" WHERE "organizationId"=? AND "id">=? ORDER BY "id" LIMIT 1`);
    const encounterIds = [...new Set(Array.from({ length: encounterCount }, (_, i) => (nextEncounter.get(organizationId, Math.round(ids.lo + ((ids.hi - ids.lo) * (i + 0.5)) / encounterCount)) as { id: number }).id))];
    const { findings } = db.prepare(`SELECT COUNT(*) AS findings FROM "Finding" WHERE "organizationId"=?`).get(organizationId) as { findings: number };
    const kinds = (db.prepare(`SELECT "kind" FROM "Finding" WHERE "organizationId"=? GROUP BY "kind" ORDER BY COUNT(*) DESC LIMIT 2`).all(organizationId) as { kind: string }[]).map((row) => row.kind);
    const deep = Math.floor(findings * 0.8);
    const byDate = db.prepare(`SELECT "id", "dateOfService" FROM "Finding" WHERE "organizationId"=? ORDER BY "dateOfService" DESC, "id" DESC LIMIT 1 OFFSET ?`).get(organizationId, deep) as { id: number; dateOfService: string };
    const byValue = db.prepare(`SELECT "id", "valueCents" FROM "Finding" WHERE "organizationId"=? ORDER BY "valueCents" DESC, "id" DESC LIMIT 1 OFFSET ?`).get(organizationId, deep) as { id: number; valueCents: number };

    return {
      organizationId,
      encounterIds,
      findings,
      kinds,
      deepDateCursor: cursorParam([byDate.dateOfService], byDate.id),
      deepValueCursor: cursorParam([byValue.valueCents], byValue.id),
    };
  } finally {
    db.close();
  }
}

export type TLoadApp = {
  baseUrl: string;
  /** The Host header the app answers (lib/auth/request-guards.ts: loopback names). */
  host: string;
  output: () => string;
  /** Stops the app's process group (the server, `next start` and the loaders it spawned). */
  stop: () => Promise<void>;
};

/** `node lib/server/start.mjs` on the data folder (build already there), on a free port of 127.0.0.1; resolves once /api/health answers 200. */
export async function startLoadApp(dataDir: string): Promise<TLoadApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, "lib/server/start.mjs")], { cwd: ROOT, env: { ...appEnv(dataDir), PORT: String(port) }, detached: true });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise((resolve) => server.once("exit", resolve));
  const app: TLoadApp = {
    baseUrl,
    host: `127.0.0.1:${port}`,
    output: () => output,
    stop: async () => {
      if (server.pid && server.exitCode === null && server.signalCode === null) {
        process.kill(-server.pid, "SIGTERM");
        const killed = setTimeout(() => server.pid && process.kill(-server.pid, "SIGKILL"), 10_000);
        await exited;
        clearTimeout(killed);
      }
    },
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return app;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await app.stop();
  throw new Error(`the app did not become healthy within 120 s:\n${output}`);
}

/**
 * ONE POST to /api/auth/sign-in/email as a browser on the person's workstation sends it (JSON, the
 * app's Origin); the address reaches better-auth as the X-Forwarded-For of the server in front
 * (lib/auth/request-address.ts), so each person has their own sign-in rate limit, as in real use.
 */
export async function signInLoadAccount(app: TLoadApp, account: (typeof LOAD_ACCOUNTS)[number]): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: app.baseUrl, "X-Forwarded-For": account.address },
    body: JSON.stringify({ email: account.email, password: account.password }),
    redirect: "manual",
  });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`sign-in as ${account.role} answered ${response.status}: ${body}`);
  const cookie = cookiesOf(response);
  if (!cookie.includes("dripaudit.session_token=")) throw new Error(`sign-in as ${account.role} set no session cookie`);

  return cookie;
}
