import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasChromium, isCi, ROOT, SCREENSHOT_DIR, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";

// The worklist closes the loop (issue [11/12]) in Chromium: a billing person marks R1's missed
// chemo hour rebilled from the worklist's bulk bar, the payer's corrected claim arrives as an 835
// through the imports page, and the finding is recovered by itself — on the Recovered list with the
// paid amount and the claim, and on the overview, whose recovered figure moves by exactly $60.00.
// Then the encounter page's work panel: a note, a status, an assignee.
// Screenshots: worklist-rebilled.png, worklist-recovered.png, overview-recovered.png, encounter-work-panel.png.
warnIfNoChromium();

const FIXTURES = path.join(ROOT, "tests/fixtures/recovery");

/** "$1,234.56" → cents. */
const cents = (text: string | null): number => Math.round(Number((text ?? "").replace(/[$,\s]/g, "")) * 100);

describe.skipIf(!hasChromium && !isCi)("worklist: open → rebilled → recovered", () => {
  let app: TPracticeApp;
  let page: Page;

  beforeAll(async () => {
    app = await startPracticeApp({ files: ["rates.csv", "sessions.csv", "claims-original.csv"].map((name) => path.join(FIXTURES, name)), organizationName: "Recovery Infusion (e2e)" });
    page = await app.newPage({ viewport: { width: 1280, height: 900 } });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await app?.stop();
  });

  const recoveredKpi = async (): Promise<number> => {
    await page.goto(`${app.baseUrl}/`, { waitUntil: "networkidle" });
    return cents(await page.getByTestId("kpi-recovered-total").locator("[data-kpi-value]").textContent());
  };
  const r1Row = () => page.getByTestId("findings-table").locator("tbody tr", { has: page.locator("a", { hasText: /^R1$/ }) });

  test("a finding worked from open to rebilled to recovered; the overview's recovered figure moves by its $60.00", async () => {
    const before = await recoveredKpi();

    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await expect(r1Row().getByTestId("finding-status").textContent()).resolves.toContain("Open");
    // Keyboard: focus R1's checkbox, Space selects it, the bulk bar opens.
    await r1Row().getByTestId("finding-select").focus();
    await page.keyboard.press("Space");
    await expect.poll(() => page.getByTestId("work-bar-count").textContent()).toBe("1 selected");
    await page.getByTestId("bulk-status-select").selectOption("rebilled");
    await page.getByTestId("bulk-status-apply").click();
    await expect.poll(() => page.getByTestId("bulk-message").textContent(), { timeout: 10_000 }).toBe("Status set to Rebilled: 1 of 1.");
    await expect.poll(() => r1Row().getByTestId("finding-status").textContent(), { timeout: 10_000 }).toContain("Rebilled");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "worklist-rebilled.png"), fullPage: true });

    // The payer's corrected claim (frequency 7) pays the hour: import its 835 through the imports page.
    await page.goto(`${app.baseUrl}/imports`, { waitUntil: "networkidle" });
    await page.locator('input[type="file"]').setInputFiles([path.join(FIXTURES, "corrected-rc1.835")]);
    const card = page.getByTestId("import-file").filter({ hasText: "corrected-rc1.835" }).first();
    await expect.poll(() => card.getByTestId("import-status").textContent(), { timeout: 60_000 }).toBe("Imported");

    // The recompute after the import finds the correction and moves the work by itself.
    await expect
      .poll(
        async () => {
          await page.goto(`${app.baseUrl}/findings/recovered`, { waitUntil: "networkidle" });
          return page.getByTestId("recovered-table").locator("tbody tr").count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    const row = page.getByTestId("recovered-table").locator("tbody tr").first();
    const text = await row.textContent();
    expect(text).toContain("R1");
    expect(text).toContain("Recovered");
    expect(text).toContain("$60.00");
    expect(text).toContain("Remittance, claim RC1");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "worklist-recovered.png"), fullPage: true });

    // R1's finding is no longer open on the worklist; the other three still are.
    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await expect(r1Row().count()).resolves.toBe(0);
    await expect(page.getByTestId("findings-table").locator("tbody tr").count()).resolves.toBe(3);

    expect((await recoveredKpi()) - before).toBe(6000);
    await page.getByTestId("overview-recovery").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "overview-recovered.png"), fullPage: true });

    // R1's encounter page keeps the outcome of the finding the correction paid.
    await page.goto(`${app.baseUrl}/findings/recovered`, { waitUntil: "networkidle" });
    await page.getByTestId("recovered-table").getByRole("link", { name: "R1" }).click();
    await page.getByText("No longer found").waitFor();
    const kept = page.locator("[data-testid^=vanished-work-]");
    await expect(kept.getByTestId("work-status-pill").textContent()).resolves.toContain("Recovered");
    await expect(kept.getByTestId("work-recovered").textContent()).resolves.toContain("$60");
  });

  test("the encounter page works one finding: a note with its author, a status, an assignee", async () => {
    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await page.getByTestId("findings-table").getByRole("link", { name: "R4" }).click();
    const panel = page.locator("[data-testid^=finding-work-]").filter({ has: page.getByTestId("work-status-select") }).first();
    await panel.waitFor();

    await panel.getByTestId("work-note-text").fill("Called Medicare: resubmit with the infusion stop time.");
    await panel.getByTestId("work-note-text").press("Enter");
    await expect.poll(() => panel.getByTestId("work-message").textContent(), { timeout: 10_000 }).toBe("Note added.");
    await expect.poll(() => panel.locator(".work-notes li").first().textContent(), { timeout: 10_000 }).toContain("erin.owner@e2e.test");
    await expect(panel.locator(".work-notes li").first().textContent()).resolves.toContain("resubmit with the infusion stop time");

    await panel.getByTestId("work-status-select").selectOption("in_progress");
    await panel.getByTestId("work-status-apply").click();
    await expect.poll(() => panel.getByTestId("work-status-pill").first().textContent(), { timeout: 10_000 }).toContain("In progress");

    await panel.getByTestId("work-assignee-select").selectOption({ label: "Erin Owner (erin.owner@e2e.test)" });
    await panel.getByTestId("work-assign-apply").click();
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain("erin.owner@e2e.test");
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "encounter-work-panel.png"), fullPage: true });

    // The worklist counts it for its assignee.
    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await expect(page.getByTestId("workload").textContent()).resolves.toContain("erin.owner@e2e.test 1");
  });
});
