import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addOwnerAndSignIn, newSignedInPage } from "./helpers/sign-in";
import { formatDollars } from "@/lib/format/format-money";
import { formatHours } from "@/lib/format/format-hours";
import {
  analyzeDemoFiles,
  buildIfStale,
  hasChromium,
  isCi,
  launchChromium,
  SCREENSHOT_DIR,
  SKIP_MESSAGE,
  startFreshApp,
  waitForDemo,
  type TAnalyzeSummary,
  type TDemoApp,
} from "./helpers/demo-app";

// Bounded at about 4× what it takes on CI's 2 cores (~50–65 s to start and load the demo, plus
// ~30 s when this file runs the build): a hang fails here within minutes, not after 15.
const DEMO_HOOK_TIMEOUT = 360_000;
/** The demo loads in ~50–65 s on CI (the start log's "demo practice ready"). */
const DEMO_LOAD_TIMEOUT = 240_000;

if (!hasChromium && !isCi) console.warn(SKIP_MESSAGE);

const kpi = (page: Page, id: string) => page.getByTestId(id).locator("[data-kpi-value]").textContent();

describe.skipIf(!hasChromium && !isCi)("overview: first start on an empty data folder loads the demo practice", () => {
  let app: TDemoApp | undefined;
  let browser: Browser | undefined;
  let cookie = "";
  let analyzed: TAnalyzeSummary;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(SKIP_MESSAGE);
    await buildIfStale();
    app = await startFreshApp();
    await waitForDemo(app, DEMO_LOAD_TIMEOUT);
    // After the demo loaded: the owner joins every practice there is, the demo included.
    cookie = await addOwnerAndSignIn(app.baseUrl, app.dataDir);
    analyzed = analyzeDemoFiles(app.dataDir);
    browser = await launchChromium();
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, DEMO_HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const open = async (url: string, width = 1280) => {
    const page = await newSignedInPage(browser!, app!.baseUrl, cookie, { viewport: { width, height: 900 } });
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const response = await page.goto(`${app!.baseUrl}${url}`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await page.locator(".recharts-bar-rectangle").first().waitFor({ timeout: 30_000 });

    return page;
  };

  test("the start log shows the demo loading through the import path", () => {
    expect(app!.output()).toContain("loading the demo practice (127 files) through the import path");
    expect(app!.output()).toContain("demo practice ready");
  });

  test("the overview shows the demo practice with non-zero figures equal to `analyze` on the same demo files", async () => {
    const page = await open("/");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Overview");
    await expect(page.getByTestId("demo-banner").isVisible()).resolves.toBe(true);
    await expect(page.getByTestId("analysis-status").count()).resolves.toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "overview.png"), fullPage: true });

    await expect(page.getByTestId("kpi-lost-hours").getByRole("link").getAttribute("href")).resolves.toBe("/findings?cause=coding&kind=missed_addon_hours");
    expect(analyzed.annualizedLeakageCents).toBeGreaterThan(0);
    expect(analyzed.lostAddOnHoursPerWeek).toBeGreaterThan(0);
    await expect(kpi(page, "kpi-denial-rate")).resolves.toMatch(/^\d+\.\d%$/);
    const shown = {
      annualized: await kpi(page, "kpi-annualized-leakage"),
      weekly: await kpi(page, "kpi-weekly-leakage"),
      lostHours: await kpi(page, "kpi-lost-hours"),
    };
    expect(shown).toEqual({
      annualized: formatDollars(analyzed.annualizedLeakageCents),
      weekly: formatDollars(analyzed.weeklyLeakageCents),
      lostHours: formatHours(analyzed.lostAddOnHoursPerWeek),
    });
    await page.close();
  });

  test("filtering by payer changes the figures, keeps the filter in the URL and shows a removable chip", async () => {
    const page = await open("/");
    const before = await kpi(page, "kpi-annualized-leakage");
    await page.getByRole("combobox", { name: "Payer", exact: true }).selectOption("Aetna");
    await page.waitForURL(/[?&]payer=Aetna/);
    await page.getByRole("list", { name: "Active filters" }).waitFor();
    await page.locator(".recharts-bar-rectangle").first().waitFor();
    const after = await kpi(page, "kpi-annualized-leakage");
    expect(after).not.toBe(before);
    expect(Number(after!.replace(/[$,]/g, ""))).toBeLessThan(Number(before!.replace(/[$,]/g, "")));
    const links = await page.getByTestId("kpi-annualized-leakage").getByRole("link").getAttribute("href");
    expect(links).toBe("/findings?payer=Aetna");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "overview-filtered.png"), fullPage: true });

    // The chip is removable with the keyboard.
    const remove = page.getByRole("link", { name: "Remove filter Payer: Aetna" });
    await remove.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.search.includes("payer="));
    await page.locator("[data-testid=kpi-annualized-leakage] [data-kpi-value]").waitFor();
    await expect(kpi(page, "kpi-annualized-leakage")).resolves.toBe(before);
    await page.close();
  });

  test("a shared URL with a date range shows week-snapped dates and their chip", async () => {
    const page = await open("/?from=2025-03-05&to=2025-03-26");
    await expect(page.getByRole("list", { name: "Active filters" }).textContent()).resolves.toContain("Mar 3 – Mar 30, 2025");
    await expect(page.getByTestId("kpi-annualized-leakage").textContent()).resolves.toContain("over 4 weeks");
    await page.close();
  });

  test("tablet width (820 px) keeps the overview legible", async () => {
    const page = await open("/", 820);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "overview-tablet.png"), fullPage: true });
    await page.close();
  });

  test("no console errors on the way", () => {
    expect(consoleErrors.filter((text) => !text.includes("favicon"))).toEqual([]);
  });
});
