import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasChromium, isCi, SCREENSHOT_DIR, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";

// The encounter page end to end: the timeline (bars, pushes, a missing stop, overlaps), "Should
// bill" vs "Billed" with the differences marked, findings with value sources, claim adjudication,
// organization scoping (another practice's encounter is not found), print. Screenshot: encounter.png.
warnIfNoChromium();

describe.skipIf(!hasChromium && !isCi)("encounter page: timeline, should bill vs billed, findings", () => {
  let app: TPracticeApp;
  let page: Page;
  let otherEncounterId = 0;

  beforeAll(async () => {
    app = await startPracticeApp({
      prepare: async (db) => {
        // Another practice with one encounter: its id must read as not found in this practice.
        const other = await db.organization.create({ data: { name: "Zeta Other Practice (e2e)", slug: "zeta-other-practice-e2e" } });
        const encounter = await db.encounter.create({
          data: { organizationId: other.id, externalEncounterId: "OTHER-1", patientKey: "x".repeat(64), dateOfService: "2025-03-04", weekStart: "2025-03-03" },
        });
        otherEncounterId = encounter.id;
      },
    });
    page = await app.newPage({ viewport: { width: 1280, height: 900 } });
    // The current practice is the imported one (the practice switcher's cookie).
    const { slug } = await app.db.organization.findUniqueOrThrow({ where: { id: app.organizationId } });
    await page.context().addCookies([{ name: "dripaudit_org", value: slug, url: app.baseUrl }]);
  });

  afterAll(async () => {
    await app?.stop();
  });

  test("an encounter with an overlap, a push and findings shows the timeline and both columns", async () => {
    // An encounter with at least one infusion, a push, a finding and a claim: the richest one.
    const candidates = await app.db.encounter.findMany({
      where: {
        organizationId: app.organizationId,
        findings: { some: { cause: "coding" } },
        administrations: { some: { route: "iv_push" } },
      },
      select: { id: true, externalEncounterId: true, _count: { select: { administrations: true } } },
      orderBy: { id: "asc" },
    });
    expect(candidates.length).toBeGreaterThan(0);
    const encounter = [...candidates].sort((a, b) => b._count.administrations - a._count.administrations)[0]!;
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const response = await page.goto(`${app.baseUrl}/encounters/${encounter.id}`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(encounter.externalEncounterId);

    const timeline = page.getByTestId("encounter-timeline");
    await expect(timeline.locator(".timeline-bar").count()).resolves.toBeGreaterThan(0);
    await expect(timeline.locator(".timeline-push").count()).resolves.toBeGreaterThan(0);
    const drugs = await app.db.administration.findMany({ where: { encounterId: encounter.id }, select: { drug: true } });
    await expect(timeline.locator("svg[role=img]").getAttribute("aria-label")).resolves.toContain(`${drugs.length} administrations`);
    // Tick labels are local wall-clock times.
    await expect(timeline.locator("svg[role=img] text").allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringMatching(/^\d{1,2}:\d{2} (AM|PM)$/)]));

    const shouldBill = page.getByTestId("should-bill-line");
    expect(await shouldBill.count()).toBe(await app.db.codedLine.count({ where: { encounterId: encounter.id } }));
    // Every canonical line shows a rule-book citation.
    for (const text of await shouldBill.locator(".line-explanation").allTextContents()) expect(text).toMatch(/§\d/);
    await expect(page.getByTestId("billed-line").count()).resolves.toBeGreaterThan(0);
    // At least one difference is marked in a cause colour, with words.
    await expect(page.locator(".line-item[class*='line-mark-'] .line-diff").count()).resolves.toBeGreaterThan(0);

    const findings = await app.db.finding.count({ where: { encounterId: encounter.id } });
    await expect(page.getByRole("table", { name: "Findings for this encounter" }).locator("tbody tr").count()).resolves.toBe(findings);
    await expect(page.getByRole("table", { name: "Claims for this encounter" }).locator("tbody tr").count()).resolves.toBeGreaterThan(0);

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "encounter.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".shell-header").isVisible()).resolves.toBe(false);
    await expect(page.locator(".print-only").first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "encounter-print.png"), fullPage: true });
    await page.emulateMedia({ media: "screen" });
    expect(consoleErrors).toEqual([]);
  });

  test("a missing stop time is drawn with a hatched open end", async () => {
    const missing = await app.db.administration.findFirst({ where: { organizationId: app.organizationId, stopAt: null, route: { not: "iv_push" } }, select: { encounterId: true } });
    if (!missing) {
      // Make one: drop the stop of an infusion (as a nurse who forgot to chart it).
      const infusion = await app.db.administration.findFirstOrThrow({ where: { organizationId: app.organizationId, route: "iv_infusion" } });
      await app.db.administration.update({ where: { id: infusion.id }, data: { stopAt: null, stopLocal: null } });
    }
    const target = missing ?? (await app.db.administration.findFirstOrThrow({ where: { organizationId: app.organizationId, stopAt: null, route: { not: "iv_push" } }, select: { encounterId: true } }));
    await page.goto(`${app.baseUrl}/encounters/${target.encounterId}`, { waitUntil: "networkidle" });
    const gap = page.getByTestId("encounter-timeline").locator(".timeline-missing-stop");
    await expect(gap.count()).resolves.toBeGreaterThan(0);
    await expect(gap.first().textContent()).resolves.toContain("no stop time");
  });

  test("another practice's encounter and a malformed id are not found", async () => {
    for (const id of [String(otherEncounterId), "abc", "999999999"]) {
      const response = await page.goto(`${app.baseUrl}/encounters/${id}`, { waitUntil: "networkidle" });
      // The app shell streams (loading states), so a not-found page may arrive with 200 and noindex.
      expect([200, 404], `/encounters/${id}`).toContain(response?.status());
      await expect(page.getByText("Encounter not found.").count()).resolves.toBe(1);
      await expect(page.getByText(/OTHER-1/).count()).resolves.toBe(0);
    }
  });
});
