import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findLocalPostgres } from "@/prisma/tools/local-postgres.mjs";
import { createPostgresTestDatabase, type TTestDatabase } from "../helpers/test-databases";
import { hasChromium, isCi, ROOT, startPracticeApp, warnIfNoChromium, type TPracticeApp } from "./helpers/practice-app";

// Browser smoke test on PostgreSQL: the same start path as the other e2e files (`node
// lib/server/start.mjs`), but with DATABASE_URL on a throwaway schema of the local server
// (PG_TEST_URL, else 127.0.0.1:5432/test as postgres or root — prisma/tools/local-postgres.mjs).
// The hand-computed practice is imported into it through the CLI, the owner signs in, and the
// overview must render its KPI cards with the figures worked out by hand
// (tests/fixtures/hand-computed/README.md). Without a server it is skipped, except in CI
// (CI=true) or with REQUIRE_POSTGRES=1, where that is a failure.
warnIfNoChromium();

const requirePostgres = isCi || process.env.REQUIRE_POSTGRES === "1";
const found = await findLocalPostgres();
if (!found.url && !requirePostgres) console.warn(`PostgreSQL e2e smoke skipped: ${found.reason}`);

const FIXTURE_DIR = path.join(ROOT, "tests/fixtures/hand-computed");

describe.skipIf((!hasChromium && !isCi) || (!found.url && !requirePostgres))("smoke on PostgreSQL: the app on a fresh schema, signed in, shows the overview figures", () => {
  let database: TTestDatabase | undefined;
  let app: TPracticeApp | undefined;

  beforeAll(async () => {
    if (!found.url) throw new Error(`PostgreSQL is required here (CI=true or REQUIRE_POSTGRES=1): ${found.reason}`);
    database = createPostgresTestDatabase(found.url);
    app = await startPracticeApp({
      organizationName: "Hand-computed Infusion (PostgreSQL e2e)",
      databaseUrl: database.databaseUrl,
      files: ["fee-schedule.csv", "sessions.csv", "claims.csv"].map((name) => path.join(FIXTURE_DIR, name)),
    });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
    await database?.dispose();
  });

  test("the server runs on the PostgreSQL schema and the overview shows the hand-computed KPIs", async () => {
    expect(app!.target.provider).toBe("postgresql");
    expect(app!.output()).toContain(`DripAudit: ${app!.target.label} — `);
    const page = await app!.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    const response = await page.goto(`${app!.baseUrl}/`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Overview");
    await page.getByTestId("overview-kpis").waitFor({ timeout: 30_000 });
    const kpi = async (id: string) => ((await page.getByTestId(id).locator("[data-kpi-value]").textContent()) ?? "").trim();
    // Literals from tests/fixtures/hand-computed/README.md ("Totals").
    expect({
      annualized: await kpi("kpi-annualized-leakage"),
      weekly: await kpi("kpi-weekly-leakage"),
      lostHours: await kpi("kpi-lost-hours"),
      denialRate: await kpi("kpi-denial-rate"),
    }).toEqual({ annualized: "$6,915", weekly: "$133", lostHours: "1.5 h", denialRate: "14.3%" });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
