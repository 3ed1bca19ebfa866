import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import { createPrismaClient, type Db } from "@/lib/db";
import { countImportBatchRecords } from "@/lib/db/import-batch-records";
import { findRebillCandidates } from "@/lib/db/analysis/rebill";
import { getDenialsData, getFilterOptions, getOverviewData } from "@/lib/db/dashboard";
import { getEncounterDetail } from "@/lib/db/encounters";
import { countFindings, findFindingsPage, iterateFindings, parseFindingListQuery, type TFindingRow } from "@/lib/db/findings";
import { loadPortfolioRows } from "@/lib/db/portfolio";
import { listKnownPayers } from "@/lib/db/settings/reference-data";
import { Prisma } from "@/lib/generated/prisma/client";
import { runImport, type ImportKind } from "@/lib/import/run-import";
import { loadReportData } from "@/lib/report/load-report-data";
import { REPORT_SECTIONS, type TReportData } from "@/lib/report/report-data";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { publishedVersion } from "@/tests/helpers/published-version";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { CLAIMS_CSV, FEE_SCHEDULE_CSV, OTHER_CLAIMS_CSV, OTHER_SESSIONS_CSV, SESSIONS_CSV } from "./practice-fixture";

// Every reader of the analysis tables sees only the published version. After a real recompute, a
// "pending" version P + 1 is staged with SQL the way a recompute writes one: every visible row is
// marked retired in P + 1, and copies of the Aetna rows only are inserted with analysisVersion P + 1.
// Until Organization.analysisVersion moves to P + 1, every page reads exactly what it read before;
// afterwards it reads what it read before with the payer filter set to Aetna (the new rows only).
const providers = await resolveTestProviders();
const TIME_ZONE = "America/New_York";
const SECRET = "versioned-reads-test-secret";
const KEPT_PAYER = "Aetna";
const AS_OF = "2025-01-01";
const STAGED_TABLES = ["Finding", "FindingRollup", "FindingSummaryRollup", "EncounterRollup", "ClaimRollup", "DenialReasonRollup", "CodedLine"] as const;

type TReads = Awaited<ReturnType<typeof readEverything>>;

const withoutId = ({ id: _id, ...row }: TFindingRow) => row;

async function readFindingsCsv(db: Db, organizationId: string, version: number, filters: DashboardFilters): Promise<TFindingRow[]> {
  const { limit: _limit, ...query } = parseFindingListQuery({ ...filters, sort: "value" });
  const rows: TFindingRow[] = [];
  for await (const batch of iterateFindings(db, organizationId, version, query, { batchSize: 4 })) rows.push(...batch);

  return rows;
}

/** What the pages show for one organization at one version: overview, denials, filters, findings, encounters, rebill, settings, imports. */
async function readEverything(db: Db, organizationId: string, version: number, filters: DashboardFilters, encounterIds: number[]) {
  const query = { ...parseFindingListQuery(filters), limit: 1000 };
  const sortedByPayer = { ...parseFindingListQuery({ ...filters, sort: "payer" }), limit: 5 };
  const batch = await db.importBatch.findFirstOrThrow({ where: { organizationId, kind: "sessions" }, select: { id: true } });

  return {
    overview: await getOverviewData(db, organizationId, version, filters, 1),
    denials: await getDenialsData(db, organizationId, version, filters, 1),
    filterOptions: await getFilterOptions(db, organizationId, version),
    findingsPage: (await findFindingsPage(db, organizationId, version, query)).rows.map(withoutId),
    findingsByPayerPage1: (await findFindingsPage(db, organizationId, version, sortedByPayer)).rows.map(withoutId),
    csvRows: (await readFindingsCsv(db, organizationId, version, filters)).map(withoutId),
    count: await countFindings(db, organizationId, version, query),
    encounterFindings: await Promise.all(
      encounterIds.map(async (id) => (await getEncounterDetail(db, organizationId, version, id))?.findings.map(({ id: _id, ...finding }) => finding)),
    ),
    rebill: await findRebillCandidates(db, organizationId, version, { asOf: AS_OF, ...(filters.payer ? { payer: filters.payer } : {}) }),
    knownPayers: await listKnownPayers(db, organizationId),
    importRecords: await countImportBatchRecords(db, organizationId, batch.id),
  };
}

/** The report's analysis figures (ids left out: the new version's rows have new ids). */
function reportFigures(report: TReportData) {
  return {
    period: report.period,
    overview: report.overview,
    denials: report.denials,
    lostAddOnHours: report.lostAddOnHours,
    documentationBySite: report.documentationBySite,
    topFindings: report.topFindings.map(({ findingId: _id, ...finding }) => finding),
    rebill: report.rebill,
    findings: report.findings.map(({ findingId: _id, ...finding }) => finding),
    valuationSources: report.methodology.valuationSources,
  };
}

describe.each(providers)("versioned analysis reads on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let orgId: string;
  let otherOrgId: string;
  let encounterIds: number[];
  let published: number;

  const report = (filters: DashboardFilters) =>
    loadReportData(
      db,
      {
        organizationId: orgId,
        filters,
        sections: REPORT_SECTIONS,
        deidentify: true,
        preparedBy: { firmName: null, logoDataUrl: null, userName: null },
        asOf: AS_OF,
        generatedAt: "2025-06-01T00:00:00.000Z",
      },
      { mayIdentifyPatients: false, withAllFindings: true },
    );
  const portfolio = async () => {
    const [row] = await loadPortfolioRows(db, [{ id: orgId, name: "Riverside Infusion", slug: "riverside", isDemo: false, role: "owner" }]);
    return row!.figures;
  };

  /** Stages version P + 1 as a recompute writes it: every visible row retired in P + 1, the Aetna rows copied as P + 1. */
  async function stagePendingVersion(organizationId: string, version: number) {
    const next = version + 1;
    for (const table of STAGED_TABLES) {
      const [sample] = await db.$queryRaw<Record<string, unknown>[]>`SELECT * FROM ${Prisma.raw(`"${table}"`)} WHERE "organizationId" = ${organizationId} LIMIT 1`;
      expect(sample, `${table} has rows after the recompute`).toBeDefined();
      const columns = Object.keys(sample!).filter((column) => column !== "id");
      const targetList = Prisma.raw(columns.map((column) => `"${column}"`).join(", "));
      const selectList = Prisma.join(columns.map((column) => (column === "analysisVersion" ? Prisma.sql`CAST(${next} AS INTEGER)` : Prisma.raw(`"${column}"`))));
      const kept = table === "CodedLine" ? Prisma.empty : Prisma.sql`AND "payer" = ${KEPT_PAYER}`;
      const inserted = await db.$executeRaw`
        INSERT INTO ${Prisma.raw(`"${table}"`)} (${targetList})
        SELECT ${selectList} FROM ${Prisma.raw(`"${table}"`)}
        WHERE "organizationId" = ${organizationId} AND "analysisVersion" <= ${version} AND "retiredInVersion" > ${version} ${kept}
        ORDER BY "id"`;
      expect(inserted, `${table} has ${KEPT_PAYER} rows`).toBeGreaterThan(0);
      await db.$executeRaw`
        UPDATE ${Prisma.raw(`"${table}"`)} SET "retiredInVersion" = ${next}
        WHERE "organizationId" = ${organizationId} AND "analysisVersion" <= ${version} AND "retiredInVersion" > ${version}`;
    }
  }

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-versioned-"));
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries({ sessions: SESSIONS_CSV, claims: CLAIMS_CSV, fees: FEE_SCHEDULE_CSV, otherSessions: OTHER_SESSIONS_CSV, otherClaims: OTHER_CLAIMS_CSV })) {
      files[name] = path.join(dir, `${name}.csv`);
      writeFileSync(files[name]!, text);
    }
    orgId = (await db.organization.create({ data: { name: "Riverside Infusion", slug: "riverside", timeZone: TIME_ZONE, setting: "facility" } })).id;
    otherOrgId = (await db.organization.create({ data: { name: "Other Practice", slug: "other", timeZone: TIME_ZONE, setting: "facility" } })).id;
    const importFile = async (organizationId: string, file: string, kind: ImportKind) => {
      const outcome = await runImport({ organizationId, filePath: file, fileName: path.basename(file), kind, database: { db, target: testDb.target }, patientKeySecret: SECRET, patientIdKey: Buffer.alloc(32, 7), analyze: false });
      expect(outcome.status, outcome.message).toBe("succeeded");
    };
    await importFile(orgId, files.sessions!, "sessions");
    await importFile(orgId, files.claims!, "claims");
    await importFile(orgId, files.fees!, "fee_schedule");
    await importFile(otherOrgId, files.otherSessions!, "sessions");
    await importFile(otherOrgId, files.otherClaims!, "claims");
    await recomputeOrganization(orgId, { target: testDb.target, db });
    await recomputeOrganization(otherOrgId, { target: testDb.target, db });
    published = await publishedVersion(db, orgId);
    const byExternalId = async (externalEncounterId: string) => (await db.encounter.findFirstOrThrow({ where: { organizationId: orgId, externalEncounterId }, select: { id: true } })).id;
    // E2 is an Aetna encounter with a finding, E1 a Medicare one.
    encounterIds = [await byExternalId("E2"), await byExternalId("E1")];
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a pending version is invisible until it is published, then only its rows are read", async () => {
    const before: TReads = await readEverything(db, orgId, published, {}, encounterIds);
    const beforeAetna: TReads = await readEverything(db, orgId, published, { payer: KEPT_PAYER }, encounterIds);
    const otherBefore = await readEverything(db, otherOrgId, await publishedVersion(db, otherOrgId), {}, []);
    const reportBefore = await report({});
    const reportBeforeAetna = await report({ payer: KEPT_PAYER });
    // Preconditions: the fixture has findings and payers beyond Aetna, so dropping them shows.
    expect(before.findingsPage.length).toBeGreaterThan(beforeAetna.findingsPage.length);
    expect(beforeAetna.findingsPage.length).toBeGreaterThan(0);
    expect(before.filterOptions.payers.length).toBeGreaterThan(1);
    expect(before.encounterFindings[1]!.length).toBeGreaterThan(0);
    expect(before.csvRows).toHaveLength(before.findingsPage.length);

    await stagePendingVersion(orgId, published);

    // Pending: every page of the organization reads what it read; the other organization too.
    expect(await publishedVersion(db, orgId)).toBe(published);
    expect(await readEverything(db, orgId, published, {}, encounterIds)).toEqual(before);
    expect(await readEverything(db, orgId, published, { payer: KEPT_PAYER }, encounterIds)).toEqual(beforeAetna);
    expect(await readEverything(db, otherOrgId, await publishedVersion(db, otherOrgId), {}, [])).toEqual(otherBefore);
    expect(await report({})).toEqual(reportBefore);
    const pendingPortfolio = await portfolio();
    expect(pendingPortfolio.annualizedLeakageCents).toBe(before.overview.totals.annualizedLeakageCents);
    expect(pendingPortfolio.coverage).toEqual({ from: before.filterOptions.firstDate, to: before.filterOptions.lastDate });

    await db.organization.update({ where: { id: orgId }, data: { analysisVersion: published + 1 } });

    // Published: the new rows only, i.e. what the Aetna filter showed before.
    expect(await publishedVersion(db, orgId)).toBe(published + 1);
    const after = await readEverything(db, orgId, await publishedVersion(db, orgId), {}, encounterIds);
    expect(after.overview).toEqual(beforeAetna.overview);
    expect(after.denials).toEqual(beforeAetna.denials);
    expect(after.filterOptions.payers).toEqual([KEPT_PAYER]);
    expect(after.knownPayers).toEqual([KEPT_PAYER]);
    expect(after.findingsPage).toEqual(beforeAetna.findingsPage);
    expect(after.findingsByPayerPage1).toEqual(beforeAetna.findingsByPayerPage1);
    expect(after.csvRows).toEqual(beforeAetna.csvRows);
    expect(after.count).toEqual(beforeAetna.count);
    expect(after.encounterFindings).toEqual([before.encounterFindings[0], []]);
    expect(after.rebill).toEqual(beforeAetna.rebill);
    expect(after.importRecords).toEqual(before.importRecords);
    expect(await readEverything(db, otherOrgId, await publishedVersion(db, otherOrgId), {}, [])).toEqual(otherBefore);
    expect(reportFigures(await report({}))).toEqual(reportFigures(reportBeforeAetna));
    const publishedPortfolio = await portfolio();
    expect(publishedPortfolio.annualizedLeakageCents).toBe(beforeAetna.overview.totals.annualizedLeakageCents);
    expect(publishedPortfolio.annualizedLeakageCents).not.toBe(pendingPortfolio.annualizedLeakageCents);
    expect(publishedPortfolio.coverage).toEqual({ from: after.filterOptions.firstDate, to: after.filterOptions.lastDate });
  });
});
