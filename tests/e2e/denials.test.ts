import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addOwnerAndSignIn, newSignedInPage } from "./helpers/sign-in";
import { buildIfStale, hasChromium, isCi, launchChromium, SCREENSHOT_DIR, SKIP_MESSAGE, startFreshApp, waitForDemo, type TDemoApp } from "./helpers/demo-app";

// Bounded at about 4× what it takes on CI's 2 cores (~50–65 s to start and load the demo, plus
// ~30 s when this file runs the build): a hang fails here within minutes, not after 15.
const DEMO_HOOK_TIMEOUT = 360_000;
/** The demo loads in ~50–65 s on CI (the start log's "demo practice ready"). */
const DEMO_LOAD_TIMEOUT = 240_000;

if (!hasChromium && !isCi) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium && !isCi)("denials and clearing the demo", () => {
  let app: TDemoApp | undefined;
  let browser: Browser | undefined;
  let cookie = "";

  beforeAll(async () => {
    if (!hasChromium) throw new Error(SKIP_MESSAGE);
    await buildIfStale();
    app = await startFreshApp();
    await waitForDemo(app, DEMO_LOAD_TIMEOUT);
    // After the demo loaded: the owner joins every practice there is, the demo included.
    cookie = await addOwnerAndSignIn(app.baseUrl, app.dataDir);
    browser = await launchChromium();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, DEMO_HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  test("the denials page renders rates, charts and tables (CARC codes only)", async () => {
    for (const [width, file] of [
      [1280, "denials.png"],
      [820, "denials-tablet.png"],
    ] as const) {
      const page = await newSignedInPage(browser!, app!.baseUrl, cookie, { viewport: { width, height: 900 } });
      const response = await page.goto(`${app!.baseUrl}/denials`, { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Denials");
      await page.locator(".recharts-line-curve").first().waitFor();
      await expect(page.getByTestId("kpi-denial-rate-lines").locator("[data-kpi-value]").textContent()).resolves.toMatch(/^\d+\.\d%$/);
      const reasons = await page.getByTestId("denials-by-reason").locator("tbody td:first-child").allTextContents();
      expect(reasons.length).toBeGreaterThan(0);
      for (const reason of reasons) expect(reason).toMatch(/^(CO|PR|OA|PI|CR)-[A-Z0-9]+$/);
      await expect(page.getByTestId("denials-by-payer").locator("tbody tr").count()).resolves.toBe(5);
      await expect(page.getByTestId("addon-denials").locator("tbody tr").count()).resolves.toBeGreaterThan(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
      await page.close();
    }
  });

  test("a payer filter on the denials page narrows the tables", async () => {
    const page = await newSignedInPage(browser!, app!.baseUrl, cookie, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${app!.baseUrl}/denials?payer=Medicare`, { waitUntil: "networkidle" });
    await expect(page.getByTestId("denials-by-payer").locator("tbody tr").count()).resolves.toBe(1);
    await page.close();
  });

  test("clearing the demo asks first, deletes the demo practice and leads to the imports page", async () => {
    const page = await newSignedInPage(browser!, app!.baseUrl, cookie, { viewport: { width: 1280, height: 900 } });
    await page.goto(`${app!.baseUrl}/`, { waitUntil: "networkidle" });
    await page.getByRole("button", { name: "Clear demo data" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("demo-banner").isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Clear demo data" }).click();
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await page.waitForURL(/\/imports$/);
    await page.goto(`${app!.baseUrl}/`, { waitUntil: "networkidle" });
    // The owner's only practice is gone: the overview offers to add one.
    await expect(page.getByText("No practice yet — add one, then import sessions and claims").count()).resolves.toBe(1);
    await page.close();
  });
});
