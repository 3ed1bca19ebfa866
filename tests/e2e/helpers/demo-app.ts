import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { buildIfChanged } from "@/lib/server/build-if-changed.mjs";

// Shared by the dashboard e2e tests: the real start path (`node lib/server/start.mjs`) on a fresh
// data folder, which loads the demo practice on first start; headless Debian chromium.
export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOT_DIR = path.join(ROOT, "test-results");
export const isCi = process.env.CI === "true" || process.env.CI === "1";
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE = `E2E skipped: chromium not found at ${CHROMIUM} — apt-get install chromium`;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * `next build` unless the build is up to date, by the check `npm start` makes (same hash, same
 * environment: without vitest's NODE_ENV=test), so the e2e files, and a later `npm start`, share one build.
 */
export function buildWhenChanged(): { status: number; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  // Vitest's NODE_ENV=test is not `npm start`'s; `next build` sets NODE_ENV itself (Next's types call it read-only).
  Reflect.deleteProperty(env, "NODE_ENV");
  let output = "";
  const { status } = buildIfChanged({
    root: ROOT,
    env,
    log: () => {},
    build: (root) => {
      const build = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, env, encoding: "utf8" });
      output = `${build.stdout}\n${build.stderr}`;
      return build.status ?? 1;
    },
  });

  return { status, output };
}

/**
 * `next build` unless up to date (buildWhenChanged). When another `next build` holds the lock
 * (another test file, another terminal), waits for it.
 */
export async function buildIfStale(timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, output } = buildWhenChanged();
    if (status === 0) return;
    if (!output.includes("Another next build process is already running") || Date.now() > deadline) throw new Error(`next build failed:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

export type TDemoApp = {
  baseUrl: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
};

/** Starts the app on an empty temporary data folder (embedded SQLite); the demo loads in the background. */
export async function startFreshApp(): Promise<TDemoApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-e2e-demo-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DRIPAUDIT_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  delete env.HOST;
  delete env.DRIPAUDIT_DEMO;
  let output = "";
  const server: ChildProcess = spawn(process.execPath, [path.join(ROOT, "lib/server/start.mjs")], { cwd: ROOT, env, detached: true });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));

  const app: TDemoApp = {
    baseUrl,
    dataDir,
    output: () => output,
    stop: async () => {
      if (server.pid && server.exitCode === null) {
        const exited = new Promise((resolve) => server.once("exit", resolve));
        process.kill(-server.pid, "SIGTERM");
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 90_000;
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
  throw new Error(`the app did not become healthy within 90 s:\n${output}`);
}

/** Waits until the demo practice is loaded and analysed (the start log says so), up to `timeoutMs`. */
export async function waitForDemo(app: TDemoApp, timeoutMs = 420_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.output().includes("demo practice ready")) return;
    if (app.output().includes("loading the demo practice failed")) throw new Error(`demo load failed:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`the demo practice was not ready within ${timeoutMs / 1000} s:\n${app.output()}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
}

export type TAnalyzeSummary = {
  weeks: number;
  encounters: number;
  leakageCents: number;
  weeklyLeakageCents: number;
  annualizedLeakageCents: number;
  lostAddOnHoursPerWeek: number;
  complianceExposureCents: number;
};

/** `npm run --silent cli -- analyze` on the demo files the app imported (same files, same order). */
export function analyzeDemoFiles(dataDir: string): TAnalyzeSummary {
  const demo = path.join(dataDir, "demo");
  const remits = readdirSync(path.join(demo, "remits"))
    .filter((name) => name.endsWith(".835"))
    .sort((a, b) => a.slice(-11).localeCompare(b.slice(-11)) || a.localeCompare(b))
    .flatMap((name) => ["--claims", path.join(demo, "remits", name)]);
  const args = [
    path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
    path.join(ROOT, "lib/cli/main.ts"),
    "analyze",
    "--sessions",
    path.join(demo, "sessions.csv"),
    "--sessions",
    path.join(demo, "sessions-mar.csv"),
    ...remits,
    "--rates",
    path.join(demo, "fee-schedule.csv"),
    "--setting",
    "professional",
    "--tz",
    "America/New_York",
  ];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`analyze failed (${result.status}):\n${result.stderr}`);

  return (JSON.parse(result.stdout) as { summary: TAnalyzeSummary }).summary;
}
