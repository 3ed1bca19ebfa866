import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { buildPracticeReportAction, openPracticeAction } from "@/app/practices/actions";
import PracticesPage from "@/app/practices/page";
import { PortfolioTable } from "@/components/portfolio/portfolio-table";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { ORGANIZATION_COOKIE } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { getDashboardOrganization, getFilterOptions, getOverviewData } from "@/lib/db/dashboard";
import type { TPortfolioRow } from "@/lib/db/portfolio";
import { largestCauseOf, SPARKLINE_WEEKS } from "@/lib/db/portfolio";
import { getImportJobs } from "@/lib/import/import-jobs";
import { runImport } from "@/lib/import/run-import";
import { elementText, settle } from "@/tests/helpers/app-assertions";
import { actAs, cookiesSetInRequest, type TIdentity } from "@/tests/helpers/next-request-context";
import { addPerson, pointAppAt, seedPractice, signIn, type TPractice } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { publishedVersion } from "@/tests/helpers/published-version";

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined, unstable_cache: <T>(fn: T) => fn }));

const providers = await resolveTestProviders();

type TPortfolioProps = { rows: TPortfolioRow[]; sort: { key: string; direction: string } };

/** The PortfolioTable element a page render returned (its props are the rows as shown), or null. */
function findPortfolioTable(node: ReactNode): ReactElement<TPortfolioProps> | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = findPortfolioTable(child as ReactNode);
      if (found) return found;
    }
    return null;
  }
  if (!isValidElement(node)) return null;
  if (node.type === PortfolioTable) return node as ReactElement<TPortfolioProps>;

  return findPortfolioTable((node.props as { children?: ReactNode }).children);
}

async function renderPortfolio(identity: TIdentity, searchParams: Record<string, string> = {}) {
  actAs(identity);
  const page = await PracticesPage({ searchParams: Promise.resolve(searchParams) });

  return { page, table: findPortfolioTable(page) };
}

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

/**
 * A second, longer encounter (5 h 10 min of chemo billed as the first hour only) so a practice's
 * figures differ from the seeded one's.
 */
async function importLongEncounter(practice: TPractice, tag: string): Promise<string> {
  const { db } = getDb();
  const date = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
  const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-portfolio-"));
  try {
    const sessions = path.join(dir, `${tag}-more-sessions.csv`);
    writeFileSync(
      sessions,
      "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,primary_reason,date_of_service,site,nurse,payer,setting\n" +
        `${tag}-ENC-9,${tag}-PAT-9,Oxaliplatin,J9263,chemo,IV,${date}T08:00,${date}T13:10,port,,${date},${tag}-SITE,RN ${tag},Medicare,\n`,
    );
    const claims = path.join(dir, `${tag}-more-claims.csv`);
    writeFileSync(
      claims,
      "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,modifiers,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes,remark_codes,claim_status,paid_date,claim_frequency\n" +
        `${tag}-CLM-9,${tag}-ENC-9,${tag}-PAT-9,${date},Medicare,96413,,1,450.00,300.00,240.00,1,CO-45:150.00,,,${date},1\n`,
    );
    for (const [file, kind] of [
      [sessions, "sessions"],
      [claims, "claims"],
    ] as const) {
      const outcome = await runImport({ organizationId: practice.id, filePath: file, fileName: path.basename(file), kind, analyze: false });
      if (outcome.status !== "succeeded") throw new Error(`import of ${path.basename(file)} failed: ${outcome.message}`);
    }
    await recomputeOrganization(practice.id, { weeks: "all", db });

    return path.basename(claims);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The portfolio (issue 12): a member of several practices sees exactly their own, each with the
 * figures its overview shows (getOverviewData with no filter), sorted from the URL; a row switches
 * the current practice only to one of the user's memberships, and "Build report" only where the
 * role may export.
 */
describe.each(providers)("portfolio on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let restore: () => Promise<void>;
  let alpha: TPractice;
  let bravo: TPractice;
  let charlie: TPractice;
  let bravoLatestFile: string;
  /** Consultant in Alpha and Bravo. */
  let carol: TIdentity;
  /** Consultant in Alpha, viewer in Bravo. */
  let vic: TIdentity;
  /** Owner of Alpha only. */
  let solo: TIdentity;

  beforeAll(async () => {
    testDb = await create();
    restore = await pointAppAt(testDb);
    alpha = await seedPractice("ALPHA", "Alpha Infusion Center");
    bravo = await seedPractice("BRAVO", "Bravo Oncology Partners");
    charlie = await seedPractice("CHARLIE", "Charlie Cancer Care");
    bravoLatestFile = await importLongEncounter(bravo, "BRAVO");
    await addPerson("carol@consult.test", "consultant", [alpha.id, bravo.id]);
    const vicId = await addPerson("vic@consult.test", "consultant", [alpha.id, bravo.id]);
    await getDb().db.membership.updateMany({ where: { userId: vicId, organizationId: bravo.id }, data: { role: "viewer" } });
    await addPerson("solo@alpha.test", "owner", [alpha.id]);
    carol = { sessionCookie: await signIn("carol@consult.test") };
    vic = { sessionCookie: await signIn("vic@consult.test") };
    solo = { sessionCookie: await signIn("solo@alpha.test") };
  });

  afterAll(async () => {
    await getImportJobs().idle();
    await whenRecomputesIdle();
    await restore?.();
    await testDb?.dispose();
  });

  test("a consultant of two practices sees both, each with its overview's own figures, and nothing of a third", async () => {
    const { page, table } = await renderPortfolio(carol);
    expect(table).not.toBeNull();
    const rows = table!.props.rows;
    expect(rows.map((row) => row.id).sort()).toEqual([alpha.id, bravo.id].sort());
    for (const secret of charlie.secrets) expect(elementText(page)).not.toContain(secret);

    const { db } = getDb();
    for (const row of rows) {
      const organization = await getDashboardOrganization(db, row.id);
      const overview = await getOverviewData(db, row.id, await publishedVersion(db, row.id), {}, organization!.weekStartsOn);
      const dates = await getFilterOptions(db, row.id, await publishedVersion(db, row.id));
      expect(row.role).toBe("consultant");
      expect(row.figures).toEqual({
        annualizedLeakageCents: overview.totals.annualizedLeakageCents,
        weeklyLeakageCents: overview.totals.weeklyLeakageCents,
        lostAddOnHoursPerWeek: overview.totals.lostAddOnHoursPerWeek,
        largestCause: largestCauseOf(overview.totals.byCause),
        largestCauseCents: Math.max(overview.totals.byCause.coding, overview.totals.byCause.documentation, overview.totals.byCause.payer),
        denialRate: overview.denials.lineRate,
        recentWeeks: overview.weekly.slice(-SPARKLINE_WEEKS).map((week) => ({ weekStart: week.weekStart, leakageCents: week.leakageCents })),
        // Data coverage: the first and last date of service themselves, not the weeks holding them.
        coverage: { from: dates.firstDate!, to: dates.lastDate! },
      });
      expect(row.figures.annualizedLeakageCents).toBeGreaterThan(0);
      expect(row.figures.largestCause).toBe("coding");
    }
    const [alphaRow, bravoRow] = [rows.find((row) => row.id === alpha.id)!, rows.find((row) => row.id === bravo.id)!];
    expect(bravoRow.figures.annualizedLeakageCents).not.toBe(alphaRow.figures.annualizedLeakageCents);
    expect(bravoRow.figures.lostAddOnHoursPerWeek).toBeGreaterThan(alphaRow.figures.lostAddOnHoursPerWeek);
    expect(bravoRow.figures.coverage!.to > alphaRow.figures.coverage!.to).toBe(true);
    expect(alphaRow.lastImport?.fileName).toBe("ALPHA-claims.csv");
    expect(bravoRow.lastImport?.fileName).toBe(bravoLatestFile);

    const html = renderToStaticMarkup(table!);
    expect(html).toContain("Alpha Infusion Center");
    expect(html).toContain("Bravo Oncology Partners");
    expect(html.match(/aria-label="Build report of /g)).toHaveLength(2);
  });

  test("sorted by annualized leakage, largest first, by default; by name or another column from the URL", async () => {
    const { table } = await renderPortfolio(carol);
    expect(table!.props.sort).toEqual({ key: "annualized", direction: "desc" });
    expect(table!.props.rows.map((row) => row.name)).toEqual(["Bravo Oncology Partners", "Alpha Infusion Center"]);

    const byName = await renderPortfolio(carol, { sort: "name", dir: "asc" });
    expect(byName.table!.props.rows.map((row) => row.name)).toEqual(["Alpha Infusion Center", "Bravo Oncology Partners"]);
    const byHours = await renderPortfolio(carol, { sort: "hours", dir: "asc" });
    expect(byHours.table!.props.rows.map((row) => row.name)).toEqual(["Alpha Infusion Center", "Bravo Oncology Partners"]);
    const bogus = await renderPortfolio(carol, { sort: "patient", dir: "up" });
    expect(bogus.table!.props.sort).toEqual({ key: "annualized", direction: "desc" });
  });

  test("a viewer in one practice sees it without the report button; the server refuses the report switch too", async () => {
    const { table } = await renderPortfolio(vic);
    const bravoRow = table!.props.rows.find((row) => row.id === bravo.id)!;
    expect(bravoRow.role).toBe("viewer");
    const html = renderToStaticMarkup(table!);
    expect(html).toContain('aria-label="Build report of Alpha Infusion Center"');
    expect(html).not.toContain("Build report of Bravo Oncology Partners");

    actAs(vic);
    const refused = await settle(() => buildPracticeReportAction(form({ organizationId: bravo.id })));
    expect(refused.digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/practices\?notice=forbidden;/);
    expect(cookiesSetInRequest().has(ORGANIZATION_COOKIE)).toBe(false);
  });

  test("a row switches to its practice and opens the overview; Build report opens /reports; never a practice that is not the user's", async () => {
    actAs(carol);
    const opened = await settle(() => openPracticeAction(form({ organizationId: bravo.id })));
    expect(opened.digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/;/);
    expect(cookiesSetInRequest().get(ORGANIZATION_COOKIE)).toBe(bravo.slug);

    actAs(carol);
    const report = await settle(() => buildPracticeReportAction(form({ organizationId: alpha.id })));
    expect(report.digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/reports;/);
    expect(cookiesSetInRequest().get(ORGANIZATION_COOKIE)).toBe(alpha.slug);

    for (const run of [openPracticeAction, buildPracticeReportAction]) {
      for (const organizationId of [charlie.id, "", "not-an-id"]) {
        actAs(carol);
        const foreign = await settle(() => run(form({ organizationId })));
        expect(foreign.digest).toMatch(/^NEXT_REDIRECT;[a-z]+;\/practices\?notice=gone;/);
        expect(cookiesSetInRequest().has(ORGANIZATION_COOKIE)).toBe(false);
      }
    }
  });

  test("one practice: an empty state that points to the overview; signed out: to sign in", async () => {
    const { page, table } = await renderPortfolio(solo);
    expect(table).toBeNull();
    expect(elementText(page)).toContain("You work in one practice");

    actAs({ sessionCookie: null });
    const signedOut = await settle(() => PracticesPage({ searchParams: Promise.resolve({}) }));
    expect(signedOut.digest).toMatch(/^NEXT_REDIRECT;.*\/sign-in/);
    actAs({ sessionCookie: null });
    const action = await settle(() => openPracticeAction(form({ organizationId: alpha.id })));
    expect(action.digest).toMatch(/^NEXT_REDIRECT;.*\/sign-in/);
  });
});
