import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasChromium, isCi, SCREENSHOT_DIR, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";

// The settings page end to end: a change that moves the numbers shows "Numbers are being
// recomputed" until the analysis is idle, and the numbers follow; validation errors name the field;
// fee schedule upload shows row errors and inline edit/delete works; audit rows. Screenshot: settings.png.
warnIfNoChromium();

async function rebillCount(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/findings?view=rebill`, { waitUntil: "networkidle" });
  const table = page.getByTestId("rebill-table");
  if ((await table.count()) === 0) return 0;
  const summary = (await page.getByTestId("findings-count").textContent()) ?? "";

  return Number(/of ([\d,]+) rebill/.exec(summary)?.[1]?.replace(/,/g, "") ?? Number.NaN);
}

describe.skipIf(!hasChromium && !isCi)("settings: practice, rules, timely filing, fee schedule, drug catalog", () => {
  let app: TPracticeApp;
  let page: Page;

  beforeAll(async () => {
    app = await startPracticeApp();
    page = await app.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  test("every rule option is listed with its rule-book section and default", async () => {
    const response = await page.goto(`${app.baseUrl}/settings`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    const rules = page.getByRole("form", { name: "Coding rules" });
    await expect(rules.locator("tbody tr").count()).resolves.toBe(14);
    for (const text of await rules.locator("tbody tr td:nth-child(4)").allTextContents()) expect(text).toMatch(/^§\d/);
    await expect(page.getByLabel("IV drug with no stop time").inputValue()).resolves.toBe("push");
    await expect(page.getByLabel("Time zone (IANA)").inputValue()).resolves.toBe("America/New_York");
  });

  test("an invalid time zone is refused with a field error (the server validates; the browser checks ranges)", async () => {
    await page.goto(`${app.baseUrl}/settings`, { waitUntil: "networkidle" });
    await page.getByLabel("Time zone (IANA)").fill("Mars/Olympus");
    await page.getByRole("button", { name: "Save practice" }).click();
    await page.getByText("Enter an IANA time zone such as America/New_York").waitFor({ timeout: 15_000 });
    await expect(page.getByText("Check the highlighted fields.").count()).resolves.toBe(1);
    await expect(page.getByLabel("Time zone (IANA)").getAttribute("aria-invalid")).resolves.toBe("true");
    // Out-of-range days never reach the server: the browser's own validation stops the form.
    await page.getByLabel("Time zone (IANA)").fill("America/Chicago");
    await page.getByLabel("Timely filing (days)").fill("0");
    await page.getByRole("button", { name: "Save practice" }).click();
    await expect(page.getByLabel("Timely filing (days)").evaluate((input: HTMLInputElement) => input.validity.rangeUnderflow)).resolves.toBe(true);
    const organization = await app.db.organization.findUniqueOrThrow({ where: { id: app.organizationId } });
    expect(organization.timeZone).toBe("America/New_York");
    expect(organization.timelyFilingDays).toBe(365);
  });

  test("shortening the filing window recomputes: notice, then fewer rebill candidates", async () => {
    const before = await rebillCount(page, app.baseUrl);
    expect(before).toBeGreaterThan(0);

    await page.goto(`${app.baseUrl}/settings`, { waitUntil: "networkidle" });
    await expect(page.getByLabel("Time zone (IANA)").inputValue()).resolves.toBe("America/New_York");
    await page.getByLabel("Timely filing (days)").fill("14");
    await page.getByRole("button", { name: "Save practice" }).click();
    await expect(page.getByTestId("recompute-notice").textContent({ timeout: 15_000 })).resolves.toContain("Numbers are being recomputed");
    await page.getByTestId("recompute-done").waitFor({ timeout: 60_000 });
    await expect(page.getByText("Saved the timely-filing window.").count()).resolves.toBe(1);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "settings.png"), fullPage: true });

    const organization = await app.db.organization.findUniqueOrThrow({ where: { id: app.organizationId } });
    expect(organization.timelyFilingDays).toBe(14);
    expect(organization.analysisStatus).toBe("idle");
    // Every date of service is more than 14 days back: nothing is rebillable any more.
    expect(await rebillCount(page, app.baseUrl)).toBe(0);
    await expect(page.getByText("No rebill candidates").count()).resolves.toBe(1);

    const audit = await app.db.auditEvent.findFirst({ where: { organizationId: app.organizationId, action: "settings.organization.updated" } });
    expect(audit?.detail).toMatchObject({ changes: { timelyFilingDays: [365, 14] } });
  });

  test("changing a rule option saves it to ruleSettings and recomputes", async () => {
    await page.goto(`${app.baseUrl}/settings`, { waitUntil: "networkidle" });
    await page.getByLabel("IV drug with no stop time").selectOption("none");
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByTestId("recompute-done").waitFor({ timeout: 60_000 });
    const organization = await app.db.organization.findUniqueOrThrow({ where: { id: app.organizationId } });
    expect(organization.ruleSettings).toMatchObject({ missingStop: "none", midnightRule: "encounter" });
    await page.reload({ waitUntil: "networkidle" });
    await expect(page.getByLabel("IV drug with no stop time").inputValue()).resolves.toBe("none");
    await expect(page.getByRole("form", { name: "Coding rules" }).locator("tr.rule-changed").count()).resolves.toBe(1);
  });

  test("a fee schedule upload saves good rows, lists bad ones by line, and rates edit and delete inline", async () => {
    const file = path.join(app.dataDir, "fees.csv");
    writeFileSync(file, "payer,cpt,rate,effective_from\n*,96413,199.00,2025-01-01\nAetna,96415,abc,2025-01-01\nAetna,96415,48.50,2025-01-01\n");
    await page.goto(`${app.baseUrl}/settings`, { waitUntil: "networkidle" });
    const upload = page.getByTestId("fee-schedule-upload");
    await upload.locator('input[type="file"]').setInputFiles(file);
    await upload.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(upload.getByRole("status").textContent({ timeout: 15_000 })).resolves.toContain("2 rows saved");
    await expect(upload.getByRole("cell", { name: "3", exact: true }).count()).resolves.toBe(1);
    await expect(upload.textContent()).resolves.toContain("is not a dollar amount");
    await page.getByTestId("recompute-done").waitFor({ timeout: 60_000 });

    const table = page.getByTestId("fee-rate-table");
    await expect(table.textContent()).resolves.toContain("$199.00");
    await page.getByRole("button", { name: "Edit the * rate for 96413" }).click();
    await page.getByLabel("Rate ($ per unit)").fill("205.5");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain("$205.50");
    await page.getByRole("button", { name: "Delete the Aetna rate for 96415" }).click();
    await expect.poll(() => app.db.feeScheduleRate.count({ where: { organizationId: app.organizationId, payer: "Aetna" } }), { timeout: 15_000 }).toBe(0);

    const actions = (await app.db.auditEvent.findMany({ where: { organizationId: app.organizationId }, select: { action: true } })).map((event) => event.action);
    expect(actions).toEqual(expect.arrayContaining(["settings.fee_schedule.uploaded", "settings.fee_schedule.rate_updated", "settings.fee_schedule.rate_deleted"]));
  });

  test("a per-payer timely-filing window and a drug catalog override can be set", async () => {
    await page.goto(`${app.baseUrl}/settings`, { waitUntil: "networkidle" });
    const payerForm = page.getByRole("form", { name: "Set a payer's window" });
    await payerForm.getByLabel("Payer").fill("Aetna");
    await payerForm.getByLabel("Days").fill("90");
    await payerForm.getByRole("button", { name: "Set window" }).click();
    await expect.poll(() => app.db.payerSetting.findMany({ where: { organizationId: app.organizationId }, select: { payer: true, timelyFilingDays: true } }), { timeout: 15_000 }).toEqual([
      { payer: "Aetna", timelyFilingDays: 90 },
    ]);

    const file = path.join(app.dataDir, "catalog.csv");
    writeFileSync(file, "hcpcs,drug,category\nJ1745,Infliximab,therapeutic\n,Magnesium sulfate,bogus\n");
    const upload = page.getByTestId("drug-catalog-upload");
    await upload.locator('input[type="file"]').setInputFiles(file);
    await upload.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(upload.getByRole("status").textContent({ timeout: 15_000 })).resolves.toContain("1 row saved");
    await expect(upload.textContent()).resolves.toContain("is not chemo, therapeutic or hydration");
    await expect.poll(() => page.getByTestId("drug-catalog-table").textContent(), { timeout: 15_000 }).toContain("J1745");
  });
});
