/**
 * "What changed since" (issue [11/12]), on both databases: every published analysis version leaves
 * an AnalysisSnapshot whose figures are the overview's (no filter) at that version, and whose diff
 * names the findings the version added and resolved. The practice of tests/fixtures/recovery: four
 * encounters with an add-on hour missed each; the corrected claims' 835 makes R1's finding vanish,
 * turns R2's into a unit cut and R3's into a denied line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OverviewChanges } from "@/components/overview/overview-changes";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { parseSnapshotFigures, type TAnalysisSnapshotFigures } from "@/lib/dashboard/analysis-snapshot-figures";
import { LEAKAGE_CAUSES } from "@/lib/dashboard/causes";
import { createPrismaClient, getDb, type Db } from "@/lib/db";
import { visibleAt } from "@/lib/db/analysis";
import { findPreviousReportAt, getAnalysisChanges, getDashboardOrganization, getDenialsData, getOverviewData } from "@/lib/db/dashboard";
import { changeFindingStatus } from "@/lib/db/findings";
import { deletePracticeData } from "@/lib/db/practice-deletion";
import { runImport, type ImportKind } from "@/lib/import/run-import";
import { REPORT_GENERATED_ACTION } from "@/lib/report/report-audit";
import { publishedVersion } from "@/tests/helpers/published-version";
import { pointAppAt } from "@/tests/helpers/tenant-practices";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const FIXTURES = path.join(import.meta.dirname, "../../fixtures/recovery");
const providers = await resolveTestProviders();
const SEAL_KEY = Buffer.alloc(32, 7);
const SECRET = "analysis-snapshots-test-secret";
const ZERO = { count: 0, valueCents: 0 };

describe.each(providers)("analysis snapshots on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let orgId: string;
  let actor: { userId: string; actorEmail: string; address: string };
  let restoreApp: (() => Promise<void>) | undefined;

  const importFile = async (name: string, kind: ImportKind) => {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, readFileSync(path.join(FIXTURES, name), "utf8"));
    const outcome = await runImport({ organizationId: orgId, filePath, fileName: name, kind, database: { db, target: testDb.target }, patientKeySecret: SECRET, patientIdKey: SEAL_KEY });
    expect(outcome.status, outcome.message).toBe("succeeded");
    await whenRecomputesIdle();
  };

  const snapshots = async () =>
    (await db.analysisSnapshot.findMany({ where: { organizationId: orgId }, orderBy: { analysisVersion: "asc" } })).map((row) => ({
      version: row.analysisVersion,
      publishedAt: row.publishedAt,
      figures: parseSnapshotFigures(row.figures)!,
    }));

  const latestSnapshot = async () => (await snapshots()).at(-1)!;

  /** The published version's findings keyed `encounter/kind/code`, with their values. */
  const findings = async () =>
    (
      await db.finding.findMany({
        where: { organizationId: orgId, ...visibleAt(await publishedVersion(db, orgId)) },
        select: { id: true, kind: true, code: true, valueCents: true, encounter: { select: { externalEncounterId: true } } },
      })
    ).map((finding) => ({ id: finding.id, key: `${finding.encounter?.externalEncounterId}/${finding.kind}/${finding.code}`, valueCents: finding.valueCents }));

  /** The figures a snapshot must hold: the overview and the denials screen of the published version, no filter. */
  const overviewFigures = async () => {
    const version = await publishedVersion(db, orgId);
    const [overview, denials] = await Promise.all([getOverviewData(db, orgId, version, {}, 1), getDenialsData(db, orgId, version, {}, 1)]);
    const { totals } = overview;

    return {
      encounters: overview.encounters,
      window: overview.window,
      leakageCents: totals.leakageCents,
      weeklyLeakageCents: totals.weeklyLeakageCents,
      annualizedLeakageCents: totals.annualizedLeakageCents,
      leakageByCause: totals.byCause,
      lostAddOnHours: totals.lostAddOnHours,
      lostAddOnHoursPerWeek: totals.lostAddOnHoursPerWeek,
      findings: totals.findings,
      complianceExposureCents: totals.complianceExposureCents,
      complianceFindings: totals.complianceFindings,
      denials: { lines: overview.denials.lines, deniedLines: overview.denials.deniedLines, billedCents: overview.denials.billedCents, deniedCents: overview.denials.deniedCents },
      payerDenials: denials.byPayer
        .filter((row) => row.lines > 0)
        .map((row) => ({ payer: row.payer, lines: row.lines, deniedLines: row.deniedLines }))
        .sort((a, b) => a.payer.localeCompare(b.payer)),
    };
  };

  /** The first version's findings are all new; after that each adds its new and takes its resolved: the sum is today's count. */
  const netNewLeakageFindings = (all: { figures: TAnalysisSnapshotFigures }[]) =>
    all.reduce((sum, { figures }) => sum + LEAKAGE_CAUSES.reduce((net, cause) => net + figures.newFindingsByCause[cause].count - figures.resolvedFindingsByCause[cause].count, 0), 0);

  const kpisOf = (figures: TAnalysisSnapshotFigures) => {
    const { newFindingsByCause: _new, resolvedFindingsByCause: _resolved, ...kpis } = figures;
    return kpis;
  };

  let beforeCorrection: Date;
  let missedHoursBefore: { id: number; key: string; valueCents: number }[];

  beforeAll(async () => {
    testDb = await create();
    // The overview section reads through the app's client (getDb): point it here too (migrates).
    restoreApp = await pointAppAt(testDb);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-snapshots-"));
    orgId = (await db.organization.create({ data: { name: "Snapshot Infusion", slug: "snapshot", timeZone: "America/New_York" } })).id;
    const user = await db.user.create({ data: { email: "billing@snapshot.test", name: "Billing" } });
    await db.membership.create({ data: { organizationId: orgId, userId: user.id, role: "billing" } });
    actor = { userId: user.id, actorEmail: user.email, address: "127.0.0.1" };
  });

  afterAll(async () => {
    await db?.$disconnect();
    await restoreApp?.();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("every published version has a snapshot; after the original claims it holds the overview's figures and the four missed hours", async () => {
    await importFile("sessions.csv", "sessions");
    expect(kpisOf((await latestSnapshot()).figures)).toEqual(await overviewFigures());
    await importFile("rates.csv", "fee_schedule");
    expect(kpisOf((await latestSnapshot()).figures)).toEqual(await overviewFigures());
    await importFile("claims-original.csv", "claims");

    const all = await snapshots();
    expect(all.map((snapshot) => snapshot.version)).toEqual(Array.from({ length: all.length }, (_, index) => index + 1));
    expect(all.at(-1)!.version).toBe(await publishedVersion(db, orgId));
    const latest = all.at(-1)!.figures;
    expect(kpisOf(latest)).toEqual(await overviewFigures());
    expect(latest.findings).toBe(4);
    expect(latest.denials).toMatchObject({ lines: 4, deniedLines: 0 });
    expect(latest.payerDenials).toEqual([{ payer: "Medicare", lines: 4, deniedLines: 0 }]);

    missedHoursBefore = (await findings()).sort((a, b) => a.key.localeCompare(b.key));
    expect(missedHoursBefore.map((finding) => finding.key)).toEqual(["R1", "R2", "R3", "R4"].map((id) => `${id}/missed_addon_hours/96415`));
    expect(netNewLeakageFindings(all)).toBe(latest.findings);
  });

  test("the corrected claims' 835: two new payer findings (unit cut, denied line), the three missed hours of R1–R3 resolved", async () => {
    const rebilled = await changeFindingStatus({
      db,
      organizationId: orgId,
      analysisVersion: await publishedVersion(db, orgId),
      findingIds: missedHoursBefore.map((finding) => finding.id),
      actor,
      change: { status: "rebilled" },
      sealKey: SEAL_KEY,
    });
    expect(rebilled.refused).toEqual([]);
    const versionBefore = await publishedVersion(db, orgId);
    beforeCorrection = new Date();

    await importFile("corrected.835", "remittance_835");

    const after = (await findings()).sort((a, b) => a.key.localeCompare(b.key));
    expect(after.map((finding) => finding.key)).toEqual(["R2/unit_cut/96415", "R3/denied_line/96415", "R4/missed_addon_hours/96415"]);
    const valueOf = (rows: typeof after, keys: string[]) => rows.filter((row) => keys.includes(row.key)).reduce((sum, row) => sum + row.valueCents, 0);
    const newPayer = { count: 2, valueCents: valueOf(after, ["R2/unit_cut/96415", "R3/denied_line/96415"]) };
    const resolvedCoding = { count: 3, valueCents: valueOf(missedHoursBefore, ["R1", "R2", "R3"].map((id) => `${id}/missed_addon_hours/96415`)) };
    expect(newPayer.valueCents).toBeGreaterThan(0);
    expect(resolvedCoding.valueCents).toBeGreaterThan(0);

    // One import, one recompute: one version published, the 835's week rebuilt.
    const published = (await snapshots()).filter((snapshot) => snapshot.version > versionBefore);
    expect(published.map((snapshot) => snapshot.version)).toEqual([await publishedVersion(db, orgId)]);
    const { figures } = published[0]!;
    expect(kpisOf(figures)).toEqual(await overviewFigures());
    expect(figures.newFindingsByCause).toEqual({ coding: ZERO, documentation: ZERO, payer: newPayer, compliance: ZERO });
    expect(figures.resolvedFindingsByCause).toEqual({ coding: resolvedCoding, documentation: ZERO, payer: ZERO, compliance: ZERO });

    // The comparison from just before the import sums every version it published.
    const changes = await getAnalysisChanges(db, { organizationId: orgId, analysisVersion: await publishedVersion(db, orgId), at: beforeCorrection, since: "2025-04-01" });
    expect(changes).not.toBeNull();
    expect(changes!.startsAtFirstAnalysis).toBe(false);
    expect(changes!.baseline.analysisVersion).toBe(versionBefore);
    expect(changes!.newFindings).toEqual(newPayer);
    expect(changes!.newFindingsByCause.payer).toEqual(newPayer);
    expect(changes!.resolvedFindings).toEqual(resolvedCoding);
    // R1 and R2 paid $60 each on 2025-04-15 (R3 was denied again: nothing recovered).
    expect(changes!.recovered).toEqual({ count: 2, valueCents: 12_000 });
    const findingsKpi = changes!.kpis.find((kpi) => kpi.key === "findings")!;
    expect(findingsKpi).toMatchObject({ before: 4, after: 3, change: -1 });
    const denialRate = changes!.kpis.find((kpi) => kpi.key === "denialLineRate")!;
    expect(denialRate.before).toBe(0);
    expect(denialRate.after).toBeGreaterThan(0);
    // Medicare has fewer than 10 lines at both ends: its rate is too thin to rank.
    expect(changes!.payerDenialMoves).toEqual([]);

    const later = await getAnalysisChanges(db, { organizationId: orgId, analysisVersion: await publishedVersion(db, orgId), at: beforeCorrection, since: "2025-05-01" });
    expect(later!.recovered).toEqual(ZERO);
  });

  test("a date before the first analysis compares against the first one; a full recompute adds and resolves nothing", async () => {
    const all = await snapshots();
    const fromStart = await getAnalysisChanges(db, { organizationId: orgId, analysisVersion: await publishedVersion(db, orgId), at: new Date("2000-01-01T00:00:00Z"), since: "2000-01-01" });
    expect(fromStart!.startsAtFirstAnalysis).toBe(true);
    expect(fromStart!.baseline.analysisVersion).toBe(all[0]!.version);
    expect(fromStart!.analysesPublished).toBe(all.length - 1);

    const before = await publishedVersion(db, orgId);
    await recomputeOrganization(orgId, { weeks: "all", target: testDb.target, db, retireDelayMs: 0 });
    const latest = await latestSnapshot();
    expect(latest.version).toBe(before + 1);
    expect(latest.figures.newFindingsByCause).toEqual({ coding: ZERO, documentation: ZERO, payer: ZERO, compliance: ZERO });
    expect(latest.figures.resolvedFindingsByCause).toEqual({ coding: ZERO, documentation: ZERO, payer: ZERO, compliance: ZERO });
    expect(kpisOf(latest.figures)).toEqual(await overviewFigures());
    expect(netNewLeakageFindings(await snapshots())).toBe(latest.figures.findings);

    // Nothing published after the comparison instant: the baseline is the current analysis.
    const none = await getAnalysisChanges(db, { organizationId: orgId, analysisVersion: latest.version, at: new Date(Date.now() + 60_000), since: "2099-01-01" });
    expect(none!.analysesPublished).toBe(0);
    expect(none!.kpis.every((kpi) => kpi.change === 0 || kpi.change === null)).toBe(true);
  });

  test("the previous report is the practice's last reports.generated audit event before the instant", async () => {
    expect(await findPreviousReportAt(db, orgId, new Date())).toBeNull();
    const first = new Date("2025-05-01T15:00:00Z");
    const second = new Date("2025-05-08T15:00:00Z");
    for (const createdAt of [first, second]) await db.auditEvent.create({ data: { organizationId: orgId, action: REPORT_GENERATED_ACTION, subjectType: "report", createdAt } });
    await db.auditEvent.create({ data: { organizationId: orgId, action: "findings.exported", createdAt: new Date("2025-05-09T15:00:00Z") } });
    expect(await findPreviousReportAt(db, orgId, new Date("2025-06-01T00:00:00Z"))).toEqual(second);
    expect(await findPreviousReportAt(db, orgId, second)).toEqual(first);
  });

  test("the overview section: the chosen date, the other search params kept, the first analysis as the baseline before it", async () => {
    const organization = (await getDashboardOrganization(getDb().db, orgId))!;
    const render = async (params: Record<string, string>) => renderToStaticMarkup(await OverviewChanges({ context: { organization, filters: {} }, searchParams: Promise.resolve(params) }));
    const firstAnalysisNote = /No analysis was published before (\w{3} \d{1,2}, \d{4}) — the comparison starts at the first analysis \(\w{3} \d{1,2}, \d{4}\)/;

    const early = await render({ since: "2000-01-01", payer: "Medicare" });
    expect(early).toContain('data-testid="overview-changes"');
    expect(early).toContain("What changed since Jan 1, 2000");
    expect(early.match(firstAnalysisNote)?.[1]).toBe("Jan 1, 2000");
    expect(early).toContain('<input type="hidden" name="payer" value="Medicare"/>');
    expect(early).toContain('name="since" value="2000-01-01"');
    // The previous report (the audit events of the test before) is the default date.
    expect(early).toContain("Default: the previous client report, May 8, 2025");
    expect(early).toMatch(/data-testid="change-recovered".*?\$120<\/p>/);

    const fromReport = await render({ since: "not a date" });
    expect(fromReport).toContain("What changed since May 8, 2025");

    const tomorrow = new Date(Date.now() + 86_400_000).toLocaleDateString("en-CA", { timeZone: organization.timeZone });
    const sinceTomorrow = await render({ since: tomorrow });
    expect(sinceTomorrow).not.toMatch(firstAnalysisNote);
    expect(sinceTomorrow).toContain('data-testid="changes-no-analysis-since"');
    expect(sinceTomorrow).toMatch(/data-testid="change-annualized-leakage".*?no change/);
  });

  test("deleting the practice deletes its snapshots", async () => {
    expect(await db.analysisSnapshot.count({ where: { organizationId: orgId } })).toBeGreaterThan(0);
    const deletion = await deletePracticeData(db, orgId);
    expect(deletion.rows.AnalysisSnapshot).toBeGreaterThan(0);
    expect(await db.analysisSnapshot.count({ where: { organizationId: orgId } })).toBe(0);
  });
});
