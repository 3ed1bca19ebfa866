import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ENGINE_VERSION } from "@/lib/coding";
import { analyzePractice, activeCodedPositions, type PracticeAnalysis } from "@/lib/analysis/analyze-practice";
import { ENGINE_ADD_ON_RULES } from "@/lib/analysis/code-classes";
import { computeDenialMetrics } from "@/lib/analysis/denial-metrics";
import { computeMedianDurations } from "@/lib/analysis/estimate-missing-stops";
import { loadAnalysisContext, recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { buildValuator } from "@/lib/analysis/valuation";
import { recomputeAfterImport, scheduleRecompute, whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { createPrismaClient, type Db } from "@/lib/db";
import { findRebillCandidates, getAnalysisStatus, setPayerTimelyFilingDays } from "@/lib/db/analysis";
import { loadCodingSettings } from "@/lib/db/import/organizations";
import { readClaimsFile } from "@/lib/import/claims/read-claims-file";
import { netClaimVersions } from "@/lib/import/claims/net-claim-versions";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { readSessions } from "@/lib/import/read-sessions";
import { runImport, type ImportKind } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import {
  CLAIMS_CSV,
  FEE_SCHEDULE_CSV,
  OTHER_CLAIMS_CSV,
  OTHER_SESSIONS_CSV,
  SESSIONS_CSV,
  WEEK_A,
  WEEK_B,
  WEEK_C,
} from "./practice-fixture";
import { publishedVersion } from "@/tests/helpers/published-version";

const providers = await resolveTestProviders();
const TIME_ZONE = "America/New_York";
const SECRET = "analysis-integration-test-secret";

type FindingTuple = {
  encounterId: string; kind: string; cause: string; code: string | null; units: number; valueCents: number; valueSource: string;
  isEstimate: boolean; explanation: string; dateOfService: string; payer: string | null;
};

const sortTuples = (tuples: FindingTuple[]) =>
  tuples.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

describe.each(providers)("analysis recompute on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let orgId: string;
  let otherOrgId: string;
  const files: Record<string, string> = {};
  let pure: PracticeAnalysis;

  const importFile = async (organizationId: string, file: string, kind: ImportKind) => {
    const outcome = await runImport({
      organizationId,
      filePath: file,
      fileName: path.basename(file),
      kind,
      database: { db, target: testDb.target },
      patientKeySecret: SECRET,
      patientIdKey: Buffer.alloc(32, 7),
    });
    expect(outcome.status, outcome.message).toBe("succeeded");
    // The import schedules its own recompute of the weeks it touched; let it finish.
    await whenRecomputesIdle();
    return outcome;
  };

  const dbFindings = async (organizationId: string) => {
    const rows = await db.finding.findMany({ where: { organizationId }, include: { encounter: { select: { externalEncounterId: true } } }, orderBy: { id: "asc" } });
    return rows;
  };

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-analysis-"));
    for (const [name, text] of Object.entries({
      sessions: SESSIONS_CSV, claims: CLAIMS_CSV, fees: FEE_SCHEDULE_CSV, otherSessions: OTHER_SESSIONS_CSV, otherClaims: OTHER_CLAIMS_CSV,
    })) {
      files[name] = path.join(dir, `${name}.csv`);
      writeFileSync(files[name]!, text);
    }
    orgId = (await db.organization.create({ data: { name: "Riverside Infusion", slug: "riverside", timeZone: TIME_ZONE, setting: "facility" } })).id;
    otherOrgId = (await db.organization.create({ data: { name: "Other Practice", slug: "other", timeZone: TIME_ZONE, setting: "facility" } })).id;
    await importFile(orgId, files.sessions!, "sessions");
    await importFile(orgId, files.claims!, "claims");
    await importFile(orgId, files.fees!, "fee_schedule");
    await importFile(otherOrgId, files.otherSessions!, "sessions");
    await importFile(otherOrgId, files.otherClaims!, "claims");

    // The same files through the readers and the pure analysis (what `analyze` prints).
    const sessions = await readSessions(files.sessions!, { timeZone: TIME_ZONE });
    const claims = await readClaimsFile(files.claims!, { file: files.claims! });
    const fees = await readFeeSchedule(files.fees!, { label: files.fees! });
    expect(sessions.errors).toEqual([]);
    expect(claims.errors).toEqual([]);
    const loaded = await loadCodingSettings(db, orgId);
    pure = analyzePractice({
      encounters: sessions.encounters,
      claimLines: claims.lines,
      feeSchedule: fees.rates,
      codingSettings: loaded!.settings,
      weekStartsOn: 1,
    });
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("a recompute writes exactly the findings analyzePractice finds over the same files", async () => {
    const result = await recomputeOrganization(orgId, { target: testDb.target, db });
    expect(result).toMatchObject({ encounters: 15, allWeeks: true, weeks: 3, findings: pure.findings.length });

    const stored = await dbFindings(orgId);
    const fromDb = sortTuples(
      stored.map((f) => ({
        encounterId: f.encounter!.externalEncounterId, kind: f.kind, cause: f.cause, code: f.code, units: f.units, valueCents: f.valueCents,
        valueSource: f.valueSource, isEstimate: f.isEstimate, explanation: f.explanation, dateOfService: f.dateOfService, payer: f.payer,
      })),
    );
    const fromFiles = sortTuples(
      pure.findings.map((f) => ({
        encounterId: f.encounterId, kind: f.kind, cause: f.cause, code: f.code, units: f.units, valueCents: f.valueCents, valueSource: f.valueSource,
        isEstimate: f.isEstimate, explanation: f.explanation, dateOfService: f.dateOfService, payer: f.payer === "(no payer)" ? null : f.payer,
      })),
    );
    expect(fromDb).toEqual(fromFiles);
    // A claim the pure finding names is the claim the row names.
    for (const f of pure.findings.filter((finding) => finding.claimId)) {
      expect(stored.some((row) => row.encounter!.externalEncounterId === f.encounterId && row.kind === f.kind && row.claimId === f.claimId)).toBe(true);
    }

    // Rollups add up to the summary of spec §5.4 / §6.
    const summary = pure.summary!;
    const byCause = await db.findingRollup.groupBy({ by: ["cause"], where: { organizationId: orgId }, _sum: { valueCents: true, findings: true } });
    const sumOf = (cause: string) => byCause.find((row) => row.cause === cause)?._sum.valueCents ?? 0;
    expect(sumOf("coding")).toBe(summary.byCause.coding);
    expect(sumOf("documentation")).toBe(summary.byCause.documentation);
    expect(sumOf("payer")).toBe(summary.byCause.payer);
    expect(sumOf("compliance")).toBe(summary.complianceExposureCents);
    const hours = await db.findingRollup.aggregate({ where: { organizationId: orgId, kind: "missed_addon_hours" }, _sum: { units: true } });
    expect(hours._sum.units ?? 0).toBe(summary.lostAddOnHours);
    const encounters = await db.encounterRollup.aggregate({ where: { organizationId: orgId }, _sum: { encounters: true }, _min: { firstDate: true }, _max: { lastDate: true } });
    expect(encounters._sum.encounters).toBe(summary.encounters);
    expect(encounters._min.firstDate).toBe(summary.from);
    expect(encounters._max.lastDate).toBe(summary.to);
    for (const week of pure.weekly) {
      const rows = await db.findingRollup.findMany({ where: { organizationId: orgId, weekStart: week.weekStart, cause: { not: "compliance" } } });
      expect(rows.reduce((sum, row) => sum + row.valueCents, 0)).toBe(week.leakageCents);
    }
    const perCode = await db.findingRollup.groupBy({ by: ["code"], where: { organizationId: orgId, cause: { not: "compliance" } }, _sum: { valueCents: true, units: true, findings: true } });
    for (const code of pure.byCode) {
      const row = perCode.find((r) => (r.code || "(claim level)") === code.code);
      expect({ units: row?._sum.units, leakageCents: row?._sum.valueCents, findings: row?._sum.findings }).toEqual({ units: code.units, leakageCents: code.leakageCents, findings: code.findings });
    }

    // FindingSummaryRollup (what the overview reads without a nurse filter) holds FindingRollup's sums over nurses.
    const dimensions = ["weekStart", "payer", "site", "setting", "cause", "kind", "code"] as const;
    const sortedSums = (rows: { _sum: { findings: number | null; units: number | null; valueCents: number | null } }[]) =>
      rows.map(({ _sum, ...row }) => ({ ...row, ..._sum })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const summaryRows = await db.findingSummaryRollup.groupBy({ by: [...dimensions], where: { organizationId: orgId }, _sum: { findings: true, units: true, valueCents: true } });
    const fineRows = await db.findingRollup.groupBy({ by: [...dimensions], where: { organizationId: orgId }, _sum: { findings: true, units: true, valueCents: true } });
    expect(await db.findingSummaryRollup.count({ where: { organizationId: orgId } })).toBe(summaryRows.length);
    expect(summaryRows.length).toBeGreaterThan(0);
    expect(sortedSums(summaryRows)).toEqual(sortedSums(fineRows));

    // Claim rollups = the denial metrics of spec §5.5 over the netted lines.
    const claims = await readClaimsFile(files.claims!, { file: files.claims! });
    const metrics = computeDenialMetrics(activeCodedPositions(netClaimVersions(claims.lines)), ENGINE_ADD_ON_RULES.isAddOn, 1);
    const claimRows = await db.claimRollup.findMany({ where: { organizationId: orgId } });
    const total = (pick: (row: (typeof claimRows)[number]) => number) => claimRows.reduce((sum, row) => sum + pick(row), 0);
    expect({
      lines: total((r) => r.lines), deniedLines: total((r) => r.deniedLines), billedCents: total((r) => r.billedCents), deniedCents: total((r) => r.deniedCents),
    }).toEqual({ lines: metrics.totals.lines, deniedLines: metrics.totals.deniedLines, billedCents: metrics.totals.billedCents, deniedCents: metrics.totals.deniedCents });
    expect(claimRows.filter((r) => r.isAddOn).reduce((sum, r) => sum + r.lines, 0)).toBe(metrics.addOns.lines);
    expect({ lines: total((r) => r.unitCutLines), units: total((r) => r.unitCutUnits) }).toEqual(metrics.unitCuts);
    for (const week of metrics.byWeek) {
      const rows = claimRows.filter((r) => r.weekStart === week.weekStart);
      expect([rows.reduce((s, r) => s + r.lines, 0), rows.reduce((s, r) => s + r.deniedLines, 0)]).toEqual([week.lines, week.deniedLines]);
    }
    const reasons = await db.denialReasonRollup.groupBy({ by: ["group", "reason"], where: { organizationId: orgId }, _sum: { lines: true, amountCents: true } });
    expect(
      reasons.map((r) => ({ group: r.group, reason: r.reason, lines: r._sum.lines, amountCents: r._sum.amountCents })).sort((a, b) => (a.reason < b.reason ? -1 : 1)),
    ).toEqual([...metrics.byReason].sort((a, b) => (a.reason < b.reason ? -1 : 1)));
  });

  test("the shared context read from the database equals the one analyzePractice builds from the files", async () => {
    const sessions = await readSessions(files.sessions!, { timeZone: TIME_ZONE });
    const claims = await readClaimsFile(files.claims!, { file: files.claims! });
    const fees = await readFeeSchedule(files.fees!, { label: files.fees! });
    const positions = activeCodedPositions(netClaimVersions(claims.lines));
    const asOf = sessions.encounters.reduce((last, e) => (e.meta.dateOfService > last ? e.meta.dateOfService : last), "");
    const valueOf = buildValuator({ paid: positions, feeSchedule: fees.rates, setting: "facility", asOf });
    const fromDb = await loadAnalysisContext(orgId, { target: testDb.target, db });
    expect(fromDb.valueOf("Medicare", "96417", "2025-03-05")).toMatchObject({ cents: 11500, source: "own_paid_median" });
    expect(fromDb.asOf).toBe(asOf);
    expect([...fromDb.medians].sort()).toEqual([...computeMedianDurations(sessions.encounters.map((e) => e.encounter))].sort());
    for (const payer of ["Medicare", "Aetna", " AETNA ", "Cigna", "(no payer)"]) {
      for (const code of ["96360", "96361", "96365", "96366", "96374", "96375", "96413", "96415", "96417", "J9263"]) {
        for (const date of ["2024-12-31", "2025-03-04", "2025-03-21"]) {
          expect(fromDb.valueOf(payer, code, date), `${payer} ${code} ${date}`).toEqual(valueOf(payer, code, date));
        }
      }
    }
  });

  test("the hand-made practice has the findings it was made for", async () => {
    const stored = await dbFindings(orgId);
    const of = (encounterId: string) => stored.filter((f) => f.encounter!.externalEncounterId === encounterId).map((f) => `${f.cause}/${f.kind}/${f.code}x${f.units}`);
    expect(of("E1")).toEqual(["coding/missed_addon_hours/96415x1"]);
    expect(of("E2")).toEqual(["payer/denied_line/96365x1", "payer/denied_line/96366x1"]);
    expect(of("E3")).toEqual(["payer/unit_cut/96361x1"]);
    expect(of("E4")).toEqual([]);
    expect(of("E5").map((s) => s.split("x")[0])).toEqual(["documentation/missing_stop_time/96365"]);
    expect(of("E6")).toEqual(["compliance/overcoded_units/96361x2"]);
    expect(of("E7")).toEqual(["compliance/unsupported_line/96375x1"]);
    expect(of("E8")).toEqual(["coding/missed_initial/96360x1"]);
    expect(of("E9")).toEqual(["payer/denied_line/96360x1"]);
    expect(of("E10")).toEqual([]);
    for (const id of ["F1", "F2", "F3", "F4", "F5"]) expect(of(id)).toEqual([]);

    const byKind = (kind: string, code?: string) => stored.find((f) => f.kind === kind && (!code || f.code === code))!;
    expect(byKind("missing_stop_time")).toMatchObject({ isEstimate: true, weekStart: WEEK_C, site: "North", nurse: "RN Cole", payer: "Aetna" });
    expect(byKind("missing_stop_time").explanation).toMatch(/^Estimate: Iron sucrose has no stop time.*median of 150 min/);
    expect(byKind("denied_line", "96365")).toMatchObject({ valueSource: "own_paid_median", valueCents: 15000, claimId: "C2", setting: "facility" });
    expect(byKind("denied_line", "96365").claimLineId).not.toBeNull();
    expect(byKind("missing_stop_time").valueCents).toBe(15000 + 6000 - 9000); // +96365 +96366 −96374 (the push it was coded as)
    expect(byKind("missed_addon_hours")).toMatchObject({ valueSource: "fee_schedule", valueCents: 3000, claimId: "C1", filingDeadline: "2026-03-04" });
    expect(byKind("missed_initial")).toMatchObject({ payer: null, claimId: null, valueSource: "reference" });
    const e9 = stored.find((f) => f.encounter!.externalEncounterId === "E9")!;
    expect(e9).toMatchObject({ weekStart: WEEK_C, claimId: "C9" });
    // Compliance exposure is stored apart and never in leakage.
    const compliance = await db.findingRollup.findMany({ where: { organizationId: orgId, cause: "compliance" } });
    expect(compliance.map((r) => r.kind).sort()).toEqual(["overcoded_units", "unsupported_line"]);
    // The claim moved to the next week by its correction rolls up in the week of its date of service.
    const e10Claims = await db.claimRollup.findMany({ where: { organizationId: orgId, code: "96374", payer: "Aetna" } });
    expect(e10Claims.map((r) => [r.weekStart, r.lines, r.paidCents])).toContainEqual([WEEK_B, 1, 9500]);
    expect(e10Claims.find((r) => r.weekStart === WEEK_B)!.site).toBe("Main");
    const noPayer = await db.encounterRollup.findFirst({ where: { organizationId: orgId, weekStart: WEEK_C, payer: "" } });
    expect(noPayer).toMatchObject({ encounters: 1, site: "North", nurse: "RN Cole", setting: "facility" });
    const missingStops = await db.encounterRollup.aggregate({ where: { organizationId: orgId }, _sum: { missingStops: true, administrations: true } });
    expect(missingStops._sum).toEqual({ missingStops: 1, administrations: 15 });
  });

  test("recomputing some weeks leaves the other weeks' rows untouched", async () => {
    const before = await dbFindings(orgId);
    const rollupsBefore = await db.findingRollup.findMany({ where: { organizationId: orgId }, orderBy: { id: "asc" } });
    // A change that moves no valuation input: a site renamed in week C.
    await db.encounter.updateMany({ where: { organizationId: orgId, weekStart: WEEK_C, site: "Main" }, data: { site: "Main Campus" } });
    const result = await recomputeOrganization(orgId, { weeks: [WEEK_C], target: testDb.target, db });
    expect(result).toMatchObject({ allWeeks: false, weeks: 2 }); // C, plus B through E9's claim dated in week B
    const after = await dbFindings(orgId);
    const idsOf = (rows: typeof before, week: string) => rows.filter((f) => f.weekStart === week).map((f) => f.id);
    expect(idsOf(after, WEEK_A)).toEqual(idsOf(before, WEEK_A));
    expect(idsOf(after, WEEK_C)).not.toEqual(idsOf(before, WEEK_C));
    expect(after.filter((f) => f.weekStart === WEEK_C).map((f) => f.site).sort()).toEqual(["Main Campus", "Main Campus", "Main Campus", "North", "North"]);
    const rollupsAfter = await db.findingRollup.findMany({ where: { organizationId: orgId, weekStart: WEEK_A }, orderBy: { id: "asc" } });
    expect(rollupsAfter).toEqual(rollupsBefore.filter((r) => r.weekStart === WEEK_A));
    // Same numbers as before, only the site moved.
    const strip = (rows: typeof before) => rows.map(({ id: _id, site: _site, createdAt: _c, analysisVersion: _v, ...rest }) => rest).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    expect(strip(after)).toEqual(strip(before));
  });

  test("a change of a unit value widens a partial recompute to exactly the weeks that used it", async () => {
    // A nurse renamed moves no shared input: only the week asked for (with the weeks its cross-week claims tie to it).
    await db.administration.updateMany({ where: { organizationId: orgId, drug: "Oxaliplatin" }, data: { nurse: "RN Adams" } });
    const same = await recomputeOrganization(orgId, { weeks: [WEEK_A], target: testDb.target, db });
    expect(same.allWeeks).toBe(false);
    // Nothing asked for and nothing changed: no week.
    expect(await recomputeOrganization(orgId, { weeks: [], target: testDb.target, db })).toMatchObject({ allWeeks: false, weeks: 0 });
    const usedValue = new Set((await db.analysisDependency.findMany({ where: { organizationId: orgId, key: { endsWith: "|96415" } } })).map((d) => d.weekStart));
    expect(usedValue.size).toBeGreaterThan(0);
    expect(usedValue.size).toBeLessThan(3); // the fee change must not reach every week
    await db.feeScheduleRate.updateMany({ where: { organizationId: orgId, code: "96415" }, data: { rateCents: 3100 } });
    const widened = await recomputeOrganization(orgId, { weeks: [], target: testDb.target, db });
    expect(widened.allWeeks).toBe(false);
    expect(widened.weeks).toBeGreaterThanOrEqual(usedValue.size);
    const e1 = await db.finding.findFirst({ where: { organizationId: orgId, kind: "missed_addon_hours" } });
    expect(e1?.valueCents).toBe(3100);
    await db.feeScheduleRate.updateMany({ where: { organizationId: orgId, code: "96415" }, data: { rateCents: 3000 } });
    await recomputeOrganization(orgId, { target: testDb.target, db });
  });

  test("another organization's data is never read or touched", async () => {
    await recomputeOrganization(otherOrgId, { target: testDb.target, db });
    const otherBefore = await db.finding.findMany({ where: { organizationId: otherOrgId }, orderBy: { id: "asc" } });
    const otherRollups = await db.encounterRollup.findMany({ where: { organizationId: otherOrgId }, orderBy: { id: "asc" } });
    expect(otherBefore.map((f) => `${f.cause}/${f.kind}/${f.code}x${f.units}`)).toEqual(["coding/missed_addon_hours/96415x2"]);

    await recomputeOrganization(orgId, { target: testDb.target, db });
    expect(await db.finding.findMany({ where: { organizationId: otherOrgId }, orderBy: { id: "asc" } })).toEqual(otherBefore);
    expect(await db.encounterRollup.findMany({ where: { organizationId: otherOrgId }, orderBy: { id: "asc" } })).toEqual(otherRollups);
    const mine = await dbFindings(orgId);
    expect(mine.every((f) => f.organizationId === orgId)).toBe(true);
    // Org 1's E1 (claim C1, patient P1) still has its own claim: the other org's C1 for P1 never matched it.
    expect(mine.filter((f) => f.encounter!.externalEncounterId === "E1").map((f) => f.kind)).toEqual(["missed_addon_hours"]);
    const encounters = await db.encounterRollup.aggregate({ where: { organizationId: orgId }, _sum: { encounters: true } });
    expect(encounters._sum.encounters).toBe(15);
  });

  test("analysis status: running → idle with the engine version; failed keeps the previous results", async () => {
    const before = await db.finding.count({ where: { organizationId: orgId } });
    const controller = new AbortController();
    controller.abort();
    await expect(recomputeOrganization(orgId, { target: testDb.target, db, signal: controller.signal })).rejects.toThrow(/cancelled/);
    const failed = await getAnalysisStatus(db, orgId);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed!.error).toMatch(/cancelled/);
    expect(await db.finding.count({ where: { organizationId: orgId } })).toBe(before);

    const scheduled = scheduleRecompute(orgId, { target: testDb.target, db });
    const again = recomputeAfterImport(orgId, [WEEK_A], { target: testDb.target, db });
    const [first, second] = await Promise.all([scheduled.done, again.done]);
    expect(first).toBe(second); // coalesced into one run
    expect(first.allWeeks).toBe(false); // nothing shared changed: week A (and the weeks tied to it) only
    const idle = await getAnalysisStatus(db, orgId);
    expect(idle).toMatchObject({ status: "idle", error: null, engineVersion: ENGINE_VERSION });
    expect(idle!.analyzedAt).toBeInstanceOf(Date);
  });

  test("rebill candidates respect each payer's timely-filing window and asOf", async () => {
    await setPayerTimelyFilingDays(db, orgId, "Medicare", 90);
    await recomputeOrganization(orgId, { target: testDb.target, db });
    const e1 = await db.finding.findFirst({ where: { organizationId: orgId, kind: "missed_addon_hours" } });
    expect(e1?.filingDeadline).toBe("2025-06-02"); // 2025-03-04 + 90 days

    // On SQLite the app reads the grouping on a reader thread: it must give what Prisma gives.
    const rebill = async (query: Parameters<typeof findRebillCandidates>[3]) => {
      const version = await publishedVersion(db, orgId);
      const result = await findRebillCandidates(db, orgId, version, query);
      if (testDb.target.provider === "sqlite") expect(await findRebillCandidates(db, orgId, version, query, { sqlite: testDb.target })).toEqual(result);
      return result;
    };
    const early = await rebill({ asOf: "2025-06-02", limit: 10 });
    expect(early.candidates.map((c) => [c.externalEncounterId, c.claimId, c.payer, c.daysLeft])).toEqual([
      ["E1", "C1", "Medicare", 0],
      ["E8", null, null, 365 - 74],
    ]);
    expect(early.total).toBe(2);
    expect(early.candidates[0]!.correctedLines.map((l) => `${l.code}x${l.units}`)).toEqual(["96413x1", "96415x2"]);
    expect(early.candidates[0]!.findings.map((f) => f.kind)).toEqual(["missed_addon_hours"]);

    const late = await rebill({ asOf: "2025-06-03", limit: 10 });
    expect(late.candidates.map((c) => c.externalEncounterId)).toEqual(["E8"]);
    const medicareOnly = await rebill({ asOf: "2025-04-01", payer: "Medicare" });
    expect(medicareOnly.candidates.map((c) => c.externalEncounterId)).toEqual(["E1"]);
    const paged = await rebill({ asOf: "2025-04-01", sort: "value", offset: 1, limit: 1 });
    expect(paged.total).toBe(2);
    expect(paged.candidates).toHaveLength(1);
    const pastTheEnd = await rebill({ asOf: "2025-04-01", offset: 5, limit: 1 });
    expect(pastTheEnd).toEqual({ total: 2, candidates: [] });
    const none = await rebill({ asOf: "2026-03-21" });
    expect(none).toEqual({ total: 0, candidates: [] });
    await setPayerTimelyFilingDays(db, orgId, "Medicare", null);
  });
});
