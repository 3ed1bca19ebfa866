import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDashboardOrganization, getOverviewData } from "@/lib/db/dashboard";
import { formatDollars, formatHours, formatPercent } from "@/lib/format";
import { hasChromium, isCi, ORGANIZATION_NAME, SCREENSHOT_DIR, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";
import { addUserWithCli, newSignedInPage, signInWithPassword, type TAccount } from "./helpers/sign-in";

// The portfolio end to end (issue 12, "Must show"): a consultant in two practices sees both with
// each practice's own overview figures; a member who is a viewer in one sees it without the report
// button; a row opens that practice's overview. One app start. Screenshot: portfolio.png.
warnIfNoChromium();

const HARBOR = "Harbor Oncology (e2e)";
const CASEY: TAccount = { email: "casey.consultant@e2e.test", name: "Casey Consultant", role: "consultant", password: "saline drip at nine sharp", org: ORGANIZATION_NAME };
const VERA: TAccount = { email: "vera.viewer@e2e.test", name: "Vera Viewer", role: "consultant", password: "saline drip at nine sharp", org: ORGANIZATION_NAME };

/** Resolves once `check` answers true; throws after `timeoutMs`. */
async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A second practice with its own, smaller data (two chemo encounters billed as the first hour
 * only), added the way an owner does it on the running app: POST /api/organizations, then each file
 * through POST /api/imports; waits until its analysis has run after the last import.
 */
async function addHarbor(app: TPracticeApp): Promise<string> {
  const date = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const files = [
    [
      "harbor-sessions.csv",
      "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,date_of_service,site,nurse,payer,setting\n" +
        `HB-ENC-1,HB-PAT-1,Oxaliplatin,J9263,chemo,IV,${date}T08:00,${date}T12:10,port,,${date},Harbor,RN Lee,Medicare,\n` +
        `HB-ENC-2,HB-PAT-2,Oxaliplatin,J9263,chemo,IV,${date}T09:00,${date}T11:40,port,,${date},Harbor,RN Lee,Medicare,\n`,
    ],
    [
      "harbor-claims.csv",
      "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency\n" +
        `HB-CLM-1,HB-ENC-1,HB-PAT-1,${date},Medicare,96413,,1,450.00,300.00,240.00,1,CO-45:150.00,,,${date},1\n` +
        `HB-CLM-2,HB-ENC-2,HB-PAT-2,${date},Medicare,96413,,1,450.00,300.00,240.00,1,CO-45:150.00,,,${date},1\n`,
    ],
  ] as const;
  // No keep-alive: the upload route answers before the body is consumed, and a pooled socket the server
  // then closes would fail the next request made with the shared fetch (the sign-ins below).
  const headers = { cookie: app.cookie, Origin: app.baseUrl, Connection: "close" };
  const created = await fetch(`${app.baseUrl}/api/organizations`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify({ name: HARBOR, timeZone: "America/New_York", setting: "facility" }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const organizationId = ((await created.json()) as { organization: { id: string } }).organization.id;
  for (const [fileName, body] of files) {
    const started = await fetch(`${app.baseUrl}/api/imports`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/octet-stream", "X-File-Name": fileName, "X-Organization-Id": organizationId },
      body,
    });
    expect(started.status, await started.clone().text()).toBe(202);
    await waitUntil(`the import of ${fileName}`, async () => (await app.db.importBatch.count({ where: { organizationId, fileName, status: "succeeded" } })) === 1);
  }
  const lastImport = await app.db.importBatch.findFirstOrThrow({ where: { organizationId }, orderBy: { finishedAt: "desc" } });
  await waitUntil(`the analysis of ${HARBOR}`, async () => {
    const organization = await app.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
    return organization.analysisStatus === "idle" && organization.analyzedAt !== null && organization.analyzedAt >= lastImport.finishedAt!;
  });

  return organizationId;
}

/** The overview's own figures for a practice (no filter), formatted as the portfolio shows them. */
async function overviewFigures(app: TPracticeApp, organizationId: string) {
  const organization = await getDashboardOrganization(app.db, organizationId);
  const overview = await getOverviewData(app.db, organizationId, organization!.analysisVersion, {}, organization!.weekStartsOn);

  return {
    annualized: formatDollars(overview.totals.annualizedLeakageCents),
    weekly: formatDollars(overview.totals.weeklyLeakageCents),
    hours: formatHours(overview.totals.lostAddOnHoursPerWeek),
    denialRate: formatPercent(overview.denials.lineRate),
  };
}

async function rowFigures(row: Locator) {
  const text = async (testId: string) => ((await row.getByTestId(testId).textContent()) ?? "").trim();

  return { annualized: await text("portfolio-annualized"), weekly: await text("portfolio-weekly"), hours: await text("portfolio-hours"), denialRate: await text("portfolio-denial-rate") };
}

function practiceRow(page: Page, name: string): Locator {
  return page.getByTestId("portfolio-table").locator("tbody tr").filter({ has: page.getByRole("button", { name, exact: true }) });
}

describe.skipIf(!hasChromium && !isCi)("portfolio: a consultant's practices side by side", () => {
  let app: TPracticeApp;
  let harborId: string;
  let casey: Page;
  let vera: Page;

  beforeAll(async () => {
    app = await startPracticeApp();
    harborId = await addHarbor(app);
    // Each joins the first practice with `user add --org`; the second membership is an owner's Settings → Users change.
    for (const [account, harborRole] of [
      [CASEY, "consultant"],
      [VERA, "viewer"],
    ] as const) {
      addUserWithCli(app.dataDir, account);
      const user = await app.db.user.findUniqueOrThrow({ where: { email: account.email } });
      await app.db.membership.create({ data: { userId: user.id, organizationId: harborId, role: harborRole } });
    }
    casey = await newSignedInPage(app.browser, app.baseUrl, await signInWithPassword(app.baseUrl, CASEY.email, CASEY.password), { viewport: { width: 1440, height: 900 } });
    vera = await newSignedInPage(app.browser, app.baseUrl, await signInWithPassword(app.baseUrl, VERA.email, VERA.password), { viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await app?.stop();
  });

  test("both practices, each with its own overview figures, sorted by annualized leakage; the header sorts by name", async () => {
    const response = await casey.goto(`${app.baseUrl}/practices`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    const riverside = await overviewFigures(app, app.organizationId);
    const harbor = await overviewFigures(app, harborId);
    expect(riverside.annualized).not.toBe(harbor.annualized);
    await expect(rowFigures(practiceRow(casey, ORGANIZATION_NAME))).resolves.toEqual(riverside);
    await expect(rowFigures(practiceRow(casey, HARBOR))).resolves.toEqual(harbor);
    await expect(practiceRow(casey, HARBOR).getByTestId("portfolio-sparkline").count()).resolves.toBe(1);
    await expect(practiceRow(casey, HARBOR).textContent()).resolves.toContain("harbor-claims.csv");
    await expect(casey.getByRole("button", { name: /^Build report of / }).count()).resolves.toBe(2);

    const names = () => casey.getByTestId("portfolio-table").locator("tbody tr .portfolio-open").allTextContents();
    const byAnnualized = await names();
    expect(byAnnualized).toHaveLength(2);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await casey.screenshot({ path: path.join(SCREENSHOT_DIR, "portfolio.png"), fullPage: true });

    await casey.getByRole("link", { name: "Practice", exact: true }).click();
    await casey.waitForURL(`${app.baseUrl}/practices?sort=name&dir=asc`);
    await expect(names()).resolves.toEqual([HARBOR, ORGANIZATION_NAME]);
  });

  test("a viewer in one practice sees that row without the report button", async () => {
    await vera.goto(`${app.baseUrl}/practices`, { waitUntil: "networkidle" });
    await expect(practiceRow(vera, HARBOR).count()).resolves.toBe(1);
    await expect(practiceRow(vera, HARBOR).getByRole("button", { name: /Build report/ }).count()).resolves.toBe(0);
    await expect(practiceRow(vera, ORGANIZATION_NAME).getByRole("button", { name: `Build report of ${ORGANIZATION_NAME}` }).count()).resolves.toBe(1);
  });

  test("a row opens that practice's overview, with the same annualized leakage", async () => {
    await casey.goto(`${app.baseUrl}/practices`, { waitUntil: "networkidle" });
    const listed = await rowFigures(practiceRow(casey, HARBOR));
    await casey.getByRole("button", { name: HARBOR, exact: true }).click();
    await casey.waitForURL(`${app.baseUrl}/`);
    await expect(casey.locator(".page-header-practice").textContent()).resolves.toBe(HARBOR);
    await casey.locator("[data-testid=kpi-annualized-leakage] [data-kpi-value]").waitFor({ timeout: 30_000 });
    await expect(casey.locator("[data-testid=kpi-annualized-leakage] [data-kpi-value]").textContent()).resolves.toBe(listed.annualized);
  });
});
