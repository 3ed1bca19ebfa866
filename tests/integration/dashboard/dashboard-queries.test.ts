import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { analyzePractice, type PracticeAnalysis } from "@/lib/analysis/analyze-practice";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { createPrismaClient, type Db } from "@/lib/db";
import { getDashboardOrganization, getDenialsData, getFilterOptions, getOverviewData } from "@/lib/db/dashboard";
import { loadCodingSettings } from "@/lib/db/import/organizations";
import { readClaimsFile } from "@/lib/import/claims/read-claims-file";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { readSessions } from "@/lib/import/read-sessions";
import { runImport, type ImportKind } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { CLAIMS_CSV, FEE_SCHEDULE_CSV, OTHER_CLAIMS_CSV, OTHER_SESSIONS_CSV, SESSIONS_CSV } from "../analysis/practice-fixture";
import { publishedVersion } from "@/tests/helpers/published-version";

// The overview and denials queries over rollups filled by the REAL pipeline (runImport, then the
// recompute) on a small hand-made practice, against the pure analysis (`analyze`) of the same files.
const providers = await resolveTestProviders();
const TIME_ZONE = "America/New_York";
const SECRET = "dashboard-integration-test-secret";

describe.each(providers)("dashboard queries on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let orgId: string;
  let otherOrgId: string;
  let emptyOrgId: string;
  let sessions: Awaited<ReturnType<typeof readSessions>>;
  let claims: Awaited<ReturnType<typeof readClaimsFile>>;
  let fees: Awaited<ReturnType<typeof readFeeSchedule>>;
  let pure: PracticeAnalysis;

  const analyze = async (dateFilter?: { from: string; to: string }) =>
    analyzePractice({
      encounters: sessions.encounters,
      claimLines: claims.lines,
      feeSchedule: fees.rates,
      codingSettings: (await loadCodingSettings(db, orgId))!.settings,
      weekStartsOn: 1,
      ...(dateFilter ? { dateFilter } : {}),
    });

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-dashboard-"));
    const files: Record<string, string> = {};
    for (const [name, text] of Object.entries({ sessions: SESSIONS_CSV, claims: CLAIMS_CSV, fees: FEE_SCHEDULE_CSV, otherSessions: OTHER_SESSIONS_CSV, otherClaims: OTHER_CLAIMS_CSV })) {
      files[name] = path.join(dir, `${name}.csv`);
      writeFileSync(files[name]!, text);
    }
    orgId = (await db.organization.create({ data: { name: "Riverside Infusion", slug: "riverside", timeZone: TIME_ZONE, setting: "facility" } })).id;
    otherOrgId = (await db.organization.create({ data: { name: "Other Practice", slug: "other", timeZone: TIME_ZONE, setting: "facility" } })).id;
    emptyOrgId = (await db.organization.create({ data: { name: "Empty Practice", slug: "empty", timeZone: TIME_ZONE, setting: "facility" } })).id;
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

    sessions = await readSessions(files.sessions!, { timeZone: TIME_ZONE });
    claims = await readClaimsFile(files.claims!, { file: files.claims! });
    fees = await readFeeSchedule(files.fees!, { label: files.fees! });
    pure = await analyze();
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("with no filter the overview's figures equal analyze's summary on the same files", async () => {
    const overview = await getOverviewData(db, orgId, await publishedVersion(db, orgId), {}, 1);
    const summary = pure.summary!;
    expect(overview.window).toEqual({ from: summary.from, to: summary.to, weeks: summary.weeks });
    expect(overview.encounters).toBe(summary.encounters);
    expect(overview.totals).toMatchObject({
      leakageCents: summary.leakageCents,
      weeklyLeakageCents: summary.weeklyLeakageCents,
      annualizedLeakageCents: summary.annualizedLeakageCents,
      lostAddOnHours: summary.lostAddOnHours,
      lostAddOnHoursPerWeek: summary.lostAddOnHoursPerWeek,
      byCause: summary.byCause,
      complianceExposureCents: summary.complianceExposureCents,
    });
    expect(overview.weekly.map((week) => [week.weekStart, week.leakageCents, week.lostAddOnHours])).toEqual(
      pure.weekly.map((week) => [week.weekStart, week.leakageCents, week.lostAddOnHours]),
    );
    const byCode = new Map(overview.byCode.map((entry) => [entry.key || "(claim level)", entry.leakageCents]));
    for (const code of pure.byCode) expect(byCode.get(code.code)).toBe(code.leakageCents);
  });

  test("a week-snapped date filter equals analyze --from --to (filter days ÷ 7)", async () => {
    const filters = { from: "2025-03-10", to: "2025-03-23" };
    const [overview, expected] = await Promise.all([getOverviewData(db, orgId, await publishedVersion(db, orgId), filters, 1), analyze(filters)]);
    expect(overview.window).toEqual({ from: "2025-03-10", to: "2025-03-23", weeks: 2 });
    expect(overview.totals.leakageCents).toBe(expected.summary!.leakageCents);
    expect(overview.totals.weeklyLeakageCents).toBe(expected.summary!.weeklyLeakageCents);
    expect(overview.totals.annualizedLeakageCents).toBe(expected.summary!.annualizedLeakageCents);
    expect(overview.encounters).toBe(expected.summary!.encounters);
  });

  test("a payer filter narrows every finding figure to that payer's findings", async () => {
    const overview = await getOverviewData(db, orgId, await publishedVersion(db, orgId), { payer: "Aetna" }, 1);
    const aetna = await db.finding.groupBy({ by: ["cause"], where: { organizationId: orgId, payer: "Aetna" }, _sum: { valueCents: true } });
    const sumOf = (cause: string) => aetna.find((row) => row.cause === cause)?._sum.valueCents ?? 0;
    expect(overview.totals.byCause).toEqual({ coding: sumOf("coding"), documentation: sumOf("documentation"), payer: sumOf("payer") });
    expect(overview.totals.complianceExposureCents).toBe(sumOf("compliance"));
    expect(overview.byPayer.map((entry) => entry.key)).toEqual(["Aetna"]);
    const all = await getOverviewData(db, orgId, await publishedVersion(db, orgId), {}, 1);
    expect(overview.totals.leakageCents).toBeLessThan(all.totals.leakageCents);
    // Aetna's netted lines by hand: C2 ×2 (denied), CF1–CF5 ×10, C10, C5, C7 ×2 = 16 of the 31.
    expect(overview.denials).toMatchObject({ lines: 16, deniedLines: 2 });
    expect(all.denials).toMatchObject({ lines: 31, deniedLines: 3 });
  });

  test("a cause filter keeps that cause only; compliance never counts as leakage", async () => {
    const compliance = await getOverviewData(db, orgId, await publishedVersion(db, orgId), { cause: "compliance" }, 1);
    expect(compliance.totals.leakageCents).toBe(0);
    expect(compliance.totals.complianceExposureCents).toBe(pure.summary!.complianceExposureCents);
    const coding = await getOverviewData(db, orgId, await publishedVersion(db, orgId), { cause: "coding" }, 1);
    expect(coding.totals.byCause).toEqual({ coding: pure.summary!.byCause.coding, documentation: 0, payer: 0 });
  });

  test("every organization sees only its own rows; an empty one gets zeros and no window", async () => {
    const other = await getOverviewData(db, otherOrgId, await publishedVersion(db, otherOrgId), {}, 1);
    const mine = await getOverviewData(db, orgId, await publishedVersion(db, orgId), {}, 1);
    expect(other.encounters).toBeLessThan(mine.encounters);
    const empty = await getOverviewData(db, emptyOrgId, await publishedVersion(db, emptyOrgId), {}, 1);
    expect(empty).toMatchObject({ window: null, encounters: 0, weekly: [], byCode: [], byPayer: [] });
    expect(empty.totals.annualizedLeakageCents).toBe(0);
    expect(empty.denials.lineRate).toBeNull();
    expect(await getFilterOptions(db, emptyOrgId, await publishedVersion(db, emptyOrgId))).toEqual({ payers: [], sites: [], nurses: [], settings: [], firstDate: null, lastDate: null });
  });

  test("filter options come from the rollup dimensions", async () => {
    const options = await getFilterOptions(db, orgId, await publishedVersion(db, orgId));
    expect(options.payers).toEqual(["Aetna", "Medicare"]);
    expect(options.sites).toEqual(["Main", "North"]);
    expect(options.nurses).toEqual(["RN Adams", "RN Baker", "RN Cole"]);
    expect(options.firstDate).toBe("2025-03-04");
    expect(options.lastDate).toBe("2025-03-21");
    expect((await getDashboardOrganization(db, orgId))?.weekStartsOn).toBe(1);
  });

  test("denials: netted lines, rates, CARC group + reason, unit cuts; every week present", async () => {
    const denials = await getDenialsData(db, orgId, await publishedVersion(db, orgId), {}, 1);
    // By hand from CLAIMS_CSV, one netted position per claim and code (drug lines and the
    // encounter-less CM claims included, reversals not counted):
    //   week of Mar 3:  C1 ×3 (96413, 96415, J9263), C2 ×2 (both denied CO-16), CF1–CF5 ×10, CM1–CM5 ×5 = 20, 2 denied
    //   week of Mar 10: C10 ×1 (its correction moved it to Mar 10), C3, C3B (unit cut), C4 ×2 (reversed
    //                   and corrected), C9 (denied CO-16) = 6, 1 denied
    //   week of Mar 17: C5, C6 ×2, C7 ×2 = 5, none denied
    // Denied dollars: C2 300.00 + 120.00 and C9 200.00 billed = 620.00.
    expect(denials.totals).toMatchObject({ lines: 31, deniedLines: 3, deniedCents: 62_000, unitCutLines: 1, unitCutUnits: 1 });
    expect(denials.totals.lineRate).toBeCloseTo(3 / 31, 10);
    expect(denials.byReason.map((row) => ({ reason: `${row.group}-${row.reason}`, lines: row.lines, amountCents: row.amountCents, payers: row.payers }))).toEqual([
      { reason: "CO-16", lines: 3, amountCents: 62_000, payers: 2 },
    ]);
    expect(denials.weekly.map((week) => [week.weekStart, week.lines, week.deniedLines])).toEqual([
      ["2025-03-03", 20, 2],
      ["2025-03-10", 6, 1],
      ["2025-03-17", 5, 0],
    ]);
    expect(denials.byPayer.reduce((sum, row) => sum + row.lines, 0)).toBe(denials.totals.lines);
    expect(denials.unitCutFindings.map(({ payer, findings, units }) => ({ payer, findings, units }))).toEqual([{ payer: "Medicare", findings: 1, units: 1 }]);
    const nurse = await getDenialsData(db, orgId, await publishedVersion(db, orgId), { nurse: "RN Adams" }, 1);
    expect(nurse.ignoredFilters).toEqual(["nurse"]);
  });
});
