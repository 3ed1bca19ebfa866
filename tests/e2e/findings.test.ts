import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hasChromium, isCi, SCREENSHOT_DIR, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";

// The findings worklist end to end: list, sort, filter, paging, a row's encounter, the rebill view
// and the CSV export (download, formula cells neutralized, audit row). Screenshot: findings.png.
warnIfNoChromium();

const FORMULAS = ["=HYPERLINK(\"http://evil.test\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"];

/** Cell values of one column of the worklist table, in order. */
async function columnValues(page: Page, header: string): Promise<string[]> {
  const table = page.getByTestId("findings-table");
  const headers = await table.locator("thead th").allTextContents();
  const index = headers.findIndex((text) => text.replace(/[▲▼]/g, "").trim().toLowerCase() === header.toLowerCase());
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(" | ")}`);

  return table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
}

/** "$1,234.56" / "($12.00)" / "$15.00 est." → cents. */
function cents(text: string): number {
  const clean = text.replace(/est\./, "").trim();
  const negative = clean.startsWith("(");
  const value = Math.round(Number(clean.replace(/[()$,\s]/g, "")) * 100);

  return negative ? -value : value;
}

/** Parses a CSV text with quoted cells (RFC 4180). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || (char === "\r" && text[index + 1] === "\n")) {
      if (char === "\r") index++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);

  return rows;
}

describe.skipIf(!hasChromium && !isCi)("findings worklist: sort, filter, encounter link, rebill view, CSV export", () => {
  let app: TPracticeApp;
  let page: Page;

  beforeAll(async () => {
    app = await startPracticeApp({
      // Explanations that a spreadsheet would run as formulas, to check the export neutralizes them.
      prepare: async (db, organizationId) => {
        const targets = await db.finding.findMany({ where: { organizationId }, orderBy: { id: "asc" }, take: FORMULAS.length, select: { id: true } });
        for (const [index, finding] of targets.entries()) await db.finding.update({ where: { id: finding.id }, data: { explanation: FORMULAS[index]! } });
      },
    });
    page = await app.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  test("the list shows the practice's findings with causes, values and encounter links", async () => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const total = await app.db.finding.count({ where: { organizationId: app.organizationId } });
    expect(total).toBeGreaterThan(20);
    const response = await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Findings");
    const rows = page.getByTestId("findings-table").locator("tbody tr");
    await expect(rows.count()).resolves.toBe(Math.min(total, 50));
    await expect(page.getByTestId("findings-count").textContent()).resolves.toContain(`of ${total} findings`);
    // Newest first by default.
    const dates = (await columnValues(page, "Date")).map((text) => Date.parse(text));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    // Documentation values are marked as estimates.
    const estimates = await app.db.finding.count({ where: { organizationId: app.organizationId, isEstimate: true } });
    // The generated practice (seed 7) has missing stop times, so the filter has rows to show.
    expect(estimates).toBeGreaterThan(0);
    await page.goto(`${app.baseUrl}/findings?estimate=yes`, { waitUntil: "networkidle" });
    const values = await columnValues(page, "Value");
    expect(values.length).toBe(estimates);
    expect(values.every((text) => text.includes("est."))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  test("sorting by value (a header link) orders the rows, and the next page continues the order", async () => {
    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Value" }).click();
    await page.waitForURL(/sort=value/);
    const first = (await columnValues(page, "Value")).map(cents);
    expect(first).toEqual([...first].sort((a, b) => b - a));
    await expect(page.getByRole("columnheader", { name: /Value/ }).getAttribute("aria-sort")).resolves.toBe("descending");
    // The generated practice has more findings than one page (50), so there is a next page to check.
    await expect(app.db.finding.count({ where: { organizationId: app.organizationId } })).resolves.toBeGreaterThan(50);
    const next = page.getByRole("link", { name: "Next →" });
    await expect(next.getAttribute("aria-disabled")).resolves.not.toBe("true");
    await next.click();
    await page.waitForURL(/after=/);
    const second = (await columnValues(page, "Value")).map(cents);
    expect(second.length).toBeGreaterThan(0);
    expect(Math.max(...second)).toBeLessThanOrEqual(Math.min(...first));
    await page.getByRole("link", { name: "← Previous" }).click();
    await page.waitForURL(/before=/);
    expect((await columnValues(page, "Value")).map(cents)).toEqual(first);
    // Clicking the sorted header again reverses it.
    await page.goto(`${app.baseUrl}/findings?sort=value`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Value" }).click();
    await page.waitForURL(/dir=asc/);
    const ascending = (await columnValues(page, "Value")).map(cents);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  });

  test("filtering by cause and code narrows the rows and shows removable chips", async () => {
    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await page.getByLabel("Cause").selectOption("coding");
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/cause=coding/);
    const causes = await columnValues(page, "Cause");
    expect(causes.length).toBeGreaterThan(0);
    expect(new Set(causes)).toEqual(new Set(["Coding"]));
    const coding = await app.db.finding.count({ where: { organizationId: app.organizationId, cause: "coding" } });
    await expect(page.getByTestId("findings-count").textContent()).resolves.toContain(`of ${coding} findings`);
    await expect(page.getByRole("list", { name: "Active filters" }).textContent()).resolves.toContain("Cause");

    const code = (await columnValues(page, "Code"))[0]!.trim();
    await page.getByRole("textbox", { name: "Code" }).fill(code);
    await page.getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(new RegExp(`code=${code}`));
    expect(new Set(await columnValues(page, "Code"))).toEqual(new Set([code]));
    // Remove the code chip: back to all coding findings.
    await page.getByRole("link", { name: `Remove filter Code: ${code}` }).click();
    await page.waitForURL((url) => !url.search.includes("code="));
    await expect(page.getByTestId("findings-count").textContent()).resolves.toContain(`of ${coding} findings`);

    // Keyboard: the filter form submits with Enter.
    await page.getByRole("textbox", { name: "Code" }).fill("99999");
    await page.getByRole("textbox", { name: "Code" }).press("Enter");
    await page.waitForURL(/code=99999/);
    await expect(page.getByText("No findings match these filters.").count()).resolves.toBe(1);
  });

  test("a row links to its encounter, whose timeline renders bars", async () => {
    await page.goto(`${app.baseUrl}/findings?cause=coding`, { waitUntil: "networkidle" });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "findings.png"), fullPage: true });
    const link = page.getByTestId("findings-table").locator("tbody tr").first().getByRole("link");
    const label = (await link.textContent())!.trim();
    await link.click();
    await page.waitForURL(/\/encounters\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(label);
    const timeline = page.getByTestId("encounter-timeline");
    await expect(timeline.count()).resolves.toBe(1);
    await expect(timeline.locator(".timeline-bar, .timeline-push, .timeline-missing-stop").count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole("heading", { name: "Should bill" }).count()).resolves.toBe(1);
  });

  test("the rebill view lists candidates inside the filing window with days left and the corrected lines", async () => {
    await page.goto(`${app.baseUrl}/findings`, { waitUntil: "networkidle" });
    await page.getByRole("link", { name: "Rebill candidates" }).click();
    await page.waitForURL(/view=rebill/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Rebill candidates");
    const table = page.getByTestId("rebill-table");
    const rows = await table.locator("tbody tr").count();
    expect(rows).toBeGreaterThan(0);
    const daysLeft = (await table.locator("tbody tr td:first-child").allTextContents()).map((text) => Number.parseInt(text, 10));
    expect(daysLeft.every((days) => days >= 0 && days <= 365)).toBe(true);
    expect(daysLeft).toEqual([...daysLeft].sort((a, b) => a - b));
    await expect(table.getByRole("list", { name: "Corrected line set" }).first().locator("li").count()).resolves.toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "findings-rebill.png"), fullPage: true });
  });

  test("Export CSV downloads the current filter, neutralizes formula cells and writes an audit row", async () => {
    await page.goto(`${app.baseUrl}/findings?sort=date&dir=asc`, { waitUntil: "networkidle" });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^findings-riverside-infusion-e2e-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await download.path();
    const text = readFileSync(file, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    const [header, ...data] = rows;
    expect(header?.slice(0, 4)).toEqual(["date_of_service", "encounter_id", "patient", "kind"]);
    const total = await app.db.finding.count({ where: { organizationId: app.organizationId } });
    expect(data).toHaveLength(total);
    // Dates ascending as on screen.
    const dates = data.map((row) => row[0]!);
    expect(dates).toEqual([...dates].sort());
    // No cell starts with a formula trigger; the injected ones carry a leading apostrophe.
    const explanation = header!.indexOf("explanation");
    for (const row of data) {
      for (const [index, cell] of row.entries()) {
        if (index === header!.indexOf("value")) continue;
        expect(cell, `cell ${header![index]} = ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    const explanations = data.map((row) => row[explanation]!);
    for (const formula of FORMULAS) expect(explanations).toContain(`'${formula}`);

    // A filtered export holds only the filtered rows.
    const response = await page.request.get(`${app.baseUrl}/api/findings/export?cause=documentation`);
    expect(response.headers()["content-type"]).toContain("text/csv");
    const documentation = parseCsv((await response.text()).slice(1)).slice(1);
    expect(documentation.every((row) => row[header!.indexOf("cause")] === "documentation")).toBe(true);
    expect(documentation).toHaveLength(await app.db.finding.count({ where: { organizationId: app.organizationId, cause: "documentation" } }));

    const audits = await app.db.auditEvent.findMany({ where: { organizationId: app.organizationId, action: "findings.exported" }, orderBy: { id: "asc" } });
    expect(audits).toHaveLength(2);
    expect(audits[0]?.detail).toMatchObject({ rowCount: total, status: "complete", sort: "date", direction: "asc" });
    expect(audits[1]?.detail).toMatchObject({ filters: { cause: "documentation" }, rowCount: documentation.length });

    // The rebill view exports its candidates with days left and the corrected line set.
    const rebill = await page.request.get(`${app.baseUrl}/api/findings/export?view=rebill`);
    const [rebillHeader, ...candidates] = parseCsv((await rebill.text()).slice(1));
    expect(rebillHeader).toEqual(["days_left", "filing_deadline", "date_of_service", "encounter_id", "patient", "claim_id", "payer", "value", "findings", "corrected_lines"]);
    await page.goto(`${app.baseUrl}/findings?view=rebill`, { waitUntil: "networkidle" });
    const summary = (await page.getByTestId("findings-count").textContent()) ?? "";
    expect(candidates).toHaveLength(Number(/of ([\d,]+) rebill/.exec(summary)?.[1]?.replace(/,/g, "")));
    expect(candidates.every((row) => Number(row[0]) >= 0 && row[9]!.length > 0)).toBe(true);
    expect((await app.db.auditEvent.findMany({ where: { action: "findings.exported" }, orderBy: { id: "desc" }, take: 1 }))[0]?.detail).toMatchObject({ view: "rebill", rowCount: candidates.length });
  });
});
