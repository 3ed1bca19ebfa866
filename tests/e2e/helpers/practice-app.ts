import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { createPrismaClient, resolveDatabaseTarget, type DatabaseTarget, type Db } from "@/lib/db";
import { buildWhenChanged } from "./demo-app";
import { addUserWithCli, E2E_OWNER, newSignedInPage, signInWithPassword } from "./sign-in";

// Shared harness of the dashboard e2e tests (findings, encounter, settings): a small synthetic
// practice imported through the CLI into a throwaway data folder, analysed, then the real start path
// (`node lib/server/start.mjs`, embedded SQLite) and a headless Debian chromium. Same conventions as
// smoke.test.ts; `next build` is skipped when the build is up to date (the hash `npm start` checks),
// so the e2e files build at most once per run.
export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.join(ROOT, "test-results");
export const isCi = process.env.CI === "true" || process.env.CI === "1";
export const hasChromium = existsSync(CHROMIUM);
export const ORGANIZATION_NAME = "Riverside Infusion (e2e)";

export function warnIfNoChromium(): void {
  if (!hasChromium && !isCi) console.warn(`E2E skipped: chromium not found at ${CHROMIUM} — apt-get install chromium`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `next build`, unless the build is up to date by `npm start`'s check (buildWhenChanged). */
export function buildIfStale(): void {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const { status, output } = buildWhenChanged();
    if (status === 0) return;
    // Another test file (or a person) is building the same tree: wait for it, then re-check.
    if (/Another next build process is already running/.test(output) && Date.now() < deadline) {
      spawnSync("sleep", ["5"]);
      continue;
    }
    throw new Error(`next build failed:\n${output}`);
  }
}

/** True once /api/health answers; false when the app exited first; throws after 60 s. */
async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) return false;
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the app did not become healthy within 60 s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);

  return result.stdout;
}

export type TPracticeApp = {
  baseUrl: string;
  dataDir: string;
  target: DatabaseTarget;
  /** A Prisma client on the app's database (for seeding edge cases and checking audit rows). */
  db: Db;
  organizationId: string;
  browser: Browser;
  /** Cookie header of the owner's session (signed in through POST /api/auth/sign-in/email). */
  cookie: string;
  /** A page in a new browser context signed in as the owner. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  output: () => string;
  stop: () => Promise<void>;
};

export type TPracticeAppOptions = {
  prepare?: (db: Db, organizationId: string) => Promise<void>;
  /**
   * Files to import (in this order, one `npm run cli -- import` call) instead of the generated
   * synthetic practice, e.g. the hand-computed practice of tests/fixtures/hand-computed.
   */
  files?: readonly string[];
  /** Name of the practice the files go into (default ORGANIZATION_NAME). */
  organizationName?: string;
  /**
   * A PostgreSQL DATABASE_URL (normally a throwaway `?schema=`) for the CLI, the recompute and the
   * app; default the embedded SQLite file in the data folder. The caller drops the schema.
   */
  databaseUrl?: string;
};

/**
 * Generates a two-week synthetic practice (one site, dates of service inside this year's filing
 * window) — or takes `options.files` — imports it with `npm run cli -- import`, recomputes its
 * findings, lets `prepare` adjust the database, adds an owner with `npm run cli -- user add`, then
 * starts the app, signs the owner in through POST /api/auth/sign-in/email and starts chromium.
 */
export async function startPracticeApp(options: TPracticeAppOptions = {}): Promise<TPracticeApp> {
  if (!hasChromium) throw new Error(`E2E needs chromium at ${CHROMIUM} — apt-get install chromium`);
  buildIfStale();

  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-e2e-dash-"));
  const filesDir = path.join(dataDir, "files");
  const organizationName = options.organizationName ?? ORGANIZATION_NAME;
  const env: NodeJS.ProcessEnv = { ...process.env, DRIPAUDIT_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL;
  delete env.HOST;
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  if (options.files) {
    run(["lib/cli/main.ts", "import", "--org", organizationName, ...options.files.map((file) => path.resolve(ROOT, file))], env);
  } else {
    // Dates of service a few weeks back, so claims are still inside a 365-day filing window.
    const start = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);
    run(["lib/synthetic/generate-demo.ts", "--out", filesDir, "--seed", "7", "--weeks", "2", "--sites", "1", "--start", start, "--setting", "facility"], env);
    run(["lib/cli/main.ts", "import", "--org", organizationName, path.join(filesDir, "sessions.csv"), path.join(filesDir, "claims.csv")], env);
  }

  const target = resolveDatabaseTarget(options.databaseUrl ? { databaseUrl: options.databaseUrl, dataDir } : { dataDir });
  const setupDb = createPrismaClient(target);
  const organization = await setupDb.organization.findFirstOrThrow({ where: { name: organizationName } });
  await recomputeOrganization(organization.id, { target, db: setupDb });
  await options.prepare?.(setupDb, organization.id);
  // The app migrates the database on start and wants it to itself for that moment.
  await setupDb.$disconnect();
  // The owner of every practice there is (the one imported above), as `npm run cli -- user add` makes it.
  addUserWithCli(dataDir, E2E_OWNER, options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {});

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let serverOutput = "";
  let server: ChildProcess | undefined;
  // Someone else's `next build` of the same tree can remove .next under us: build again and retry once.
  for (let attempt = 1; ; attempt++) {
    server = spawn(process.execPath, [path.join(ROOT, "lib/server/start.mjs")], { cwd: ROOT, env: { ...env, PORT: String(port) }, detached: true });
    server.stdout?.on("data", (chunk) => (serverOutput += chunk));
    server.stderr?.on("data", (chunk) => (serverOutput += chunk));
    const healthy = await waitForHealth(baseUrl, server, () => serverOutput);
    if (healthy) break;
    if (attempt >= 2 || !/not built/.test(serverOutput)) throw new Error(`the app exited with code ${server.exitCode}:\n${serverOutput}`);
    buildIfStale();
  }

  const cookie = await signInWithPassword(baseUrl, E2E_OWNER.email, E2E_OWNER.password);
  const db = createPrismaClient(target);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });

  return {
    baseUrl,
    dataDir,
    target,
    db,
    organizationId: organization.id,
    browser,
    cookie,
    newPage: (options) => newSignedInPage(browser, baseUrl, cookie, options),
    output: () => serverOutput,
    stop: async () => {
      await browser.close().catch(() => {});
      if (server?.pid && server.exitCode === null) {
        const exited = new Promise((resolve) => server?.once("exit", resolve));
        process.kill(-server.pid, "SIGTERM");
        await exited;
      }
      await db.$disconnect();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
