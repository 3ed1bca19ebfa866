import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { formatDollars } from "@/lib/format/format-money";
import { REPORT_SECTION_TITLES, REPORT_SECTIONS } from "@/lib/report/report-data";
import { SUMMARY_LABELS } from "@/lib/report/report-workbook";
import { hasChromium, isCi, ORGANIZATION_NAME, SCREENSHOT_DIR, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";

// The consultant's report from the Reports screen in Chromium: the PDF built in a background job
// (pages turned into PNGs under test-results/report-pages/ as artifacts, page count and section
// headings checked with poppler), and the Excel workbook whose Summary equals the overview.
warnIfNoChromium();

const REPORT_DIR = path.join(SCREENSHOT_DIR, "report-pages");

/** Clicks a download button of the Reports screen and saves what the background job produced. */
async function downloadFrom(page: Page, button: string, fileName: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 120_000 }), page.getByRole("button", { name: button }).click()]);
  const filePath = path.join(REPORT_DIR, fileName);
  await download.saveAs(filePath);

  return filePath;
}

describe.skipIf(!hasChromium && !isCi)("reports: PDF and workbook from the Reports screen", () => {
  let app: TPracticeApp;
  let page: Page;
  const overview = { annualized: "", weekly: "" };

  beforeAll(async () => {
    rmSync(REPORT_DIR, { recursive: true, force: true });
    mkdirSync(REPORT_DIR, { recursive: true });
    app = await startPracticeApp();
    page = await app.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    await page.goto(`${app.baseUrl}/`, { waitUntil: "networkidle" });
    const kpi = (id: string) => page.getByTestId(id).locator("[data-kpi-value]").textContent();
    overview.annualized = (await kpi("kpi-annualized-leakage")) ?? "";
    overview.weekly = (await kpi("kpi-weekly-leakage")) ?? "";
  }, 600_000);

  afterAll(async () => {
    await app?.stop();
  });

  test("the overview links to the report of its view, filters carried over", async () => {
    await page.goto(`${app.baseUrl}/?payer=Medicare`, { waitUntil: "networkidle" });
    await page.getByTestId("overview-report-link").click();
    await page.waitForURL(/\/reports\?payer=Medicare/);
    const carried = page.getByRole("form", { name: "Report choices" }).getByRole("group", { name: "Carried over from the dashboard" });
    await carried.waitFor({ timeout: 30_000 });
    await expect(carried.textContent()).resolves.toContain("Payer: Medicare");
  });

  test("the preview shows every section with the overview's figures", async () => {
    const response = await page.goto(`${app.baseUrl}/reports?period=all`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    const preview = page.getByTestId("report-preview");
    for (const section of REPORT_SECTIONS) await expect(preview.getByRole("heading", { name: REPORT_SECTION_TITLES[section] }).count()).resolves.toBeGreaterThan(0);
    const text = (await preview.textContent()) ?? "";
    expect(text).toContain(ORGANIZATION_NAME);
    expect(text).toContain(overview.annualized);
    expect(text).toContain(overview.weekly);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, "reports.png"), fullPage: false });
  });

  test("Download PDF: built in the background, its pages are PNG artifacts, its headings and figures are there", async () => {
    await page.goto(`${app.baseUrl}/reports?period=all`, { waitUntil: "networkidle" });
    const pdf = await downloadFrom(page, "Download PDF", "report.pdf");
    const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(REPORT_SECTIONS.length / 2);

    execFileSync("pdftoppm", ["-png", "-r", "60", pdf, path.join(REPORT_DIR, "page")]);
    expect(readdirSync(REPORT_DIR).filter((name) => name.endsWith(".png"))).toHaveLength(pages);

    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const section of REPORT_SECTIONS) expect(text).toContain(REPORT_SECTION_TITLES[section]);
    expect(text).toContain(ORGANIZATION_NAME);
    expect(text).toContain(overview.annualized);
    expect(text).toContain(overview.weekly);
    expect(text).toMatch(/De-identified/);
    expect(text).toMatch(new RegExp(`1 of ${pages}|Page 1 of ${pages}`));

    const events = await app.db.auditEvent.findMany({ where: { organizationId: app.organizationId, action: { in: ["reports.generated", "reports.downloaded"] } } });
    expect(events.map((event) => event.action).sort()).toEqual(["reports.downloaded", "reports.generated"]);
    expect(events.find((event) => event.action === "reports.generated")?.detail).toMatchObject({ format: "pdf" });
  }, 180_000);

  test("Download Excel: the workbook's Summary equals the overview", async () => {
    await page.goto(`${app.baseUrl}/reports?period=all`, { waitUntil: "networkidle" });
    const file = await downloadFrom(page, "Download Excel", "report.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const summary = workbook.getWorksheet("Summary");
    expect(summary).toBeDefined();
    const valueOf = (label: string): unknown => {
      let found: unknown;
      summary!.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    const annualized = valueOf(SUMMARY_LABELS.annualized);
    const weekly = valueOf(SUMMARY_LABELS.weekly);
    expect(typeof annualized).toBe("number");
    expect(formatDollars(Math.round((annualized as number) * 100))).toBe(overview.annualized);
    expect(formatDollars(Math.round((weekly as number) * 100))).toBe(overview.weekly);
    expect(valueOf(SUMMARY_LABELS.practice)).toBe(ORGANIZATION_NAME);
  }, 180_000);
});
