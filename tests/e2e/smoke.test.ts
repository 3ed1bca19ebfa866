import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildIfStale } from "./helpers/demo-app";
import { addOwnerAndSignIn, newSignedInPage } from "./helpers/sign-in";

// Smoke test of the real start path: build once, `node lib/server/start.mjs` on a free port with a
// throwaway data folder (embedded SQLite, migrated on start), then a headless Debian chromium.
const ROOT = path.resolve(import.meta.dirname, "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SCREENSHOT_DIR = path.join(ROOT, "test-results");
const isCi = process.env.CI === "true" || process.env.CI === "1";
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && !isCi) console.warn(`E2E skipped: chromium not found at ${CHROMIUM} — apt-get install chromium`);

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

async function waitForHealth(baseUrl: string, server: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited with code ${server.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not become healthy within 60 s:\n${output()}`);
}

describe.skipIf(!hasChromium && !isCi)("smoke: npm start on a fresh data folder", () => {
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let dataDir = "";
  let baseUrl = "";
  let serverOutput = "";
  let cookie = "";

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`E2E needs chromium at ${CHROMIUM} — apt-get install chromium`);

    // The e2e files share one build (rebuilt when app/, components/ or lib/ changed).
    await buildIfStale();

    dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-e2e-"));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DRIPAUDIT_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    delete env.HOST;
    // The empty state is what this test checks; the demo practice has its own test (overview).
    env.DRIPAUDIT_DEMO = "0";
    server = spawn(process.execPath, [path.join(ROOT, "lib/server/start.mjs")], { cwd: ROOT, env, detached: true });
    server.stdout?.on("data", (chunk) => (serverOutput += chunk));
    server.stderr?.on("data", (chunk) => (serverOutput += chunk));
    await waitForHealth(baseUrl, server, () => serverOutput);
    cookie = await addOwnerAndSignIn(baseUrl, dataDir);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (server?.pid && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("start migrates the embedded database and listens on 127.0.0.1 only", () => {
    expect(serverOutput).toContain(`SQLite ${path.join(dataDir, "dripaudit.db")} — applied `);
    expect(serverOutput).toMatch(/ — applied \d+ migration\(s\)\./);
    expect(serverOutput).toContain("(listening on 127.0.0.1)");
    expect(existsSync(path.join(dataDir, "dripaudit.db"))).toBe(true);
  });

  test("the home page shows the heading and the import hint, with no console errors", async () => {
    const page = await newSignedInPage(browser!, baseUrl, cookie, { viewport: { width: 1280, height: 800 } });
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const response = await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Overview");
    // Signed in as the owner of an install without any practice (DRIPAUDIT_DEMO=0): add one first.
    await expect(page.getByText("No practice yet — add one, then import sessions and claims").count()).resolves.toBe(1);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).resolves.toEqual([
      "Overview",
      "Findings",
      "Denials",
      "Imports",
      "Settings",
    ]);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "e2e-home.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  test("/api/health answers without a session and says only ok", async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: "ok" });
  });
});
