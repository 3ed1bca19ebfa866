/**
 * Recovery detected from remittances (issue [11/12]), on both databases: a practice is imported
 * with claims billed short (tests/fixtures/recovery), its findings are marked rebilled, then the
 * corrected claims' 835 is imported. The recompute moves each finding by itself — recovered,
 * partially recovered, denied again — with the paid amount, its date and the claim, exactly as
 * `analyze` reports for the same files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { runCli } from "@/lib/cli/run-cli";
import { createPrismaClient, type Db } from "@/lib/db";
import { visibleAt } from "@/lib/db/analysis";
import { RECOVERABLE_KINDS } from "@/lib/analysis/detect-recoveries";
import { getRecoverySummary } from "@/lib/db/dashboard";
import { changeFindingStatus } from "@/lib/db/findings";
import { runImport, type ImportKind } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { publishedVersion } from "@/tests/helpers/published-version";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const FIXTURES = path.join(import.meta.dirname, "../../fixtures/recovery");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const providers = await resolveTestProviders();
const SEAL_KEY = Buffer.alloc(32, 7);
const SECRET = "finding-recovery-test-secret";

/** What the corrected claims' 835 recovers (the fee schedule values a 96415 hour at $60). */
const EXPECTED = [
  { encounterId: "R1", kind: "missed_addon_hours", code: "96415", units: 1, recoveredCents: 6000, claimId: "RC1", paidDate: "2025-04-15", outcome: "recovered" },
  { encounterId: "R2", kind: "missed_addon_hours", code: "96415", units: 2, recoveredCents: 6000, claimId: "RC2", paidDate: "2025-04-15", outcome: "partially_recovered" },
  { encounterId: "R3", kind: "missed_addon_hours", code: "96415", units: 1, recoveredCents: 0, claimId: "RC3", paidDate: "2025-04-15", outcome: "denied_again" },
];

async function analyzeFiles(args: string[]): Promise<{ recovered: unknown[]; summary: { recoveredCents: number }; findings: { encounterId: string; kind: string; code: string }[] }> {
  let out = "";
  const sink = (write: (text: string) => void) => new Writable({ write: (chunk, _encoding, done) => (write(String(chunk)), done()) });
  const code = await runCli(["analyze", ...args], { stdout: sink((text) => (out += text)), stderr: sink(() => undefined), env: {} });
  expect(code).toBe(0);
  return JSON.parse(out);
}

test("analyze: the original claims and their 835 correction report what the correction recovered, and the findings still open", async () => {
  const claims = ["--claims", path.join(FIXTURES, "claims-original.csv"), "--claims", path.join(FIXTURES, "corrected.835")];
  const output = await analyzeFiles(["--sessions", path.join(FIXTURES, "sessions.csv"), ...claims, "--rates", path.join(FIXTURES, "rates.csv")]);
  expect(output.recovered).toEqual(EXPECTED);
  expect(output.summary.recoveredCents).toBe(12_000);
  expect(output.findings.map((finding) => `${finding.encounterId}/${finding.kind}/${finding.code}`).sort()).toEqual(["R2/unit_cut/96415", "R3/denied_line/96415", "R4/missed_addon_hours/96415"]);

  // Without the correction nothing is recovered and all four missing hours are open.
  const before = await analyzeFiles(["--sessions", path.join(FIXTURES, "sessions.csv"), "--claims", path.join(FIXTURES, "claims-original.csv"), "--rates", path.join(FIXTURES, "rates.csv")]);
  expect(before.recovered).toEqual([]);
  expect(before.summary.recoveredCents).toBe(0);
  expect(before.findings.map((finding) => finding.encounterId).sort()).toEqual(["R1", "R2", "R3", "R4"]);
});

describe.each(providers)("recovery from remittances on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let orgId: string;
  let actor: { userId: string; actorEmail: string; address: string };

  const importFile = async (name: string, kind: ImportKind) => {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, fixture(name));
    const outcome = await runImport({ organizationId: orgId, filePath, fileName: name, kind, database: { db, target: testDb.target }, patientKeySecret: SECRET, patientIdKey: SEAL_KEY });
    expect(outcome.status, outcome.message).toBe("succeeded");
    await whenRecomputesIdle();
  };

  const openFindings = async () =>
    db.finding.findMany({
      where: { organizationId: orgId, ...visibleAt(await publishedVersion(db, orgId)) },
      select: { id: true, kind: true, code: true, encounter: { select: { externalEncounterId: true } } },
      orderBy: { id: "asc" },
    });

  const work = async () =>
    (
      await db.findingWork.findMany({
        where: { organizationId: orgId },
        select: { externalEncounterId: true, kind: true, code: true, status: true, recoveredCents: true, recoveredOn: true, recoveryClaimId: true, recoverySource: true },
        orderBy: { externalEncounterId: "asc" },
      })
    ).map((row) => ({ ...row, recoveredCents: row.recoveredCents === null ? null : Number(row.recoveredCents) }));

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-recovery-"));
    orgId = (await db.organization.create({ data: { name: "Recovery Infusion", slug: "recovery", timeZone: "America/New_York" } })).id;
    const user = await db.user.create({ data: { email: "billing@recovery.test", name: "Billing" } });
    await db.membership.create({ data: { organizationId: orgId, userId: user.id, role: "billing" } });
    actor = { userId: user.id, actorEmail: user.email, address: "127.0.0.1" };
    await importFile("rates.csv", "fee_schedule");
    await importFile("sessions.csv", "sessions");
    await importFile("claims-original.csv", "claims");
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("rebilled findings become recovered, partially recovered or denied again when the corrected claims' 835 is imported", async () => {
    const before = await openFindings();
    expect(before.map((finding) => `${finding.encounter?.externalEncounterId}/${finding.kind}/${finding.code}`)).toEqual(
      ["R1", "R2", "R3", "R4"].map((id) => `${id}/missed_addon_hours/96415`),
    );
    const version = await publishedVersion(db, orgId);
    const rebilled = await changeFindingStatus({ db, organizationId: orgId, analysisVersion: version, findingIds: before.map((finding) => finding.id), actor, change: { status: "rebilled" }, sealKey: SEAL_KEY });
    expect(rebilled.refused).toEqual([]);

    await importFile("corrected.835", "remittance_835");

    const common = { kind: "missed_addon_hours", code: "96415", recoveredOn: "2025-04-15", recoverySource: "remittance" };
    expect(await work()).toEqual([
      { externalEncounterId: "R1", ...common, status: "recovered", recoveredCents: 6000, recoveryClaimId: "RC1" },
      { externalEncounterId: "R2", ...common, status: "partially_recovered", recoveredCents: 6000, recoveryClaimId: "RC2" },
      { externalEncounterId: "R3", ...common, status: "denied_again", recoveredCents: 0, recoveryClaimId: "RC3" },
      { externalEncounterId: "R4", kind: "missed_addon_hours", code: "96415", status: "rebilled", recoveredCents: null, recoveredOn: null, recoveryClaimId: null, recoverySource: null },
    ]);
    // The payer moved them, not a person: one audit event without a user names the three work records.
    const events = await db.auditEvent.findMany({ where: { organizationId: orgId, action: "finding.recovery_detected" }, select: { userId: true, detail: true } });
    expect(events).toHaveLength(1);
    expect(events[0]!.userId).toBeNull();
    expect((events[0]!.detail as { workIds: number[] }).workIds).toHaveLength(3);
    // What is still open after the correction: R2's unpaid hour (a unit cut), R3's denial, R4 untouched.
    expect((await openFindings()).map((finding) => `${finding.encounter?.externalEncounterId}/${finding.kind}/${finding.code}`).sort()).toEqual(["R2/unit_cut/96415", "R3/denied_line/96415", "R4/missed_addon_hours/96415"]);
  });

  test("a full recompute detects the same outcomes again and changes nothing; a person's move on the new denial line stays", async () => {
    const [denied] = await db.finding.findMany({ where: { organizationId: orgId, kind: "denied_line", ...visibleAt(await publishedVersion(db, orgId)) }, select: { id: true } });
    const appealed = await changeFindingStatus({ db, organizationId: orgId, analysisVersion: await publishedVersion(db, orgId), findingIds: [denied!.id], actor, change: { status: "appealed" }, sealKey: SEAL_KEY });
    expect(appealed.refused).toEqual([]);
    const stamps = async () => (await db.findingWork.findMany({ where: { organizationId: orgId }, select: { id: true, status: true, statusChangedAt: true }, orderBy: { id: "asc" } })).map((row) => `${row.id}/${row.status}/${row.statusChangedAt.toISOString()}`);
    const before = await stamps();

    await recomputeOrganization(orgId, { weeks: "all", target: testDb.target, db });

    expect(await stamps()).toEqual(before);
    expect(await db.auditEvent.count({ where: { organizationId: orgId, action: "finding.recovery_detected" } })).toBe(1);
    expect(before.some((stamp) => stamp.includes("/appealed/"))).toBe(true);
  });

  test("the overview's recovery figures: recovered by month, quarter and week; open recoverable and expiring exactly as the Finding rows say; dismissed apart", async () => {
    const version = await publishedVersion(db, orgId);
    const summaryAt = (today: string) => getRecoverySummary(db, { organizationId: orgId, analysisVersion: version, today, weekStartsOn: 1 });

    const april = await summaryAt("2025-04-20");
    expect(april).toMatchObject({ recoveredTotalCents: 12_000, recoveredFindings: 2, recoveredMonthCents: 12_000, recoveredQuarterCents: 12_000 });
    expect(april.weekly).toEqual([{ weekStart: "2025-04-14", recoveredCents: 12_000 }]);
    expect(await summaryAt("2025-07-01")).toMatchObject({ recoveredTotalCents: 12_000, recoveredMonthCents: 0, recoveredQuarterCents: 0 });

    // Dismiss R4's missed hour: its value leaves the open recoverable and shows as dismissed.
    const [r4] = await db.finding.findMany({ where: { organizationId: orgId, ...visibleAt(version), encounter: { externalEncounterId: "R4" } }, select: { id: true } });
    await changeFindingStatus({ db, organizationId: orgId, analysisVersion: version, findingIds: [r4!.id], actor, change: { status: "dismissed", dismissReason: "not_worth_it" }, sealKey: SEAL_KEY });

    const leakage = await db.finding.findMany({
      where: { organizationId: orgId, ...visibleAt(version), kind: { in: [...RECOVERABLE_KINDS] }, NOT: { id: r4!.id } },
      select: { valueCents: true, filingDeadline: true },
    });
    // Medicare's default window is 365 days: deadlines 2026-03-04 (R2) and 2026-03-05 (R3). Today
    // before both, on the first (the week straddles today) and 30 days before.
    for (const today of ["2025-06-01", "2026-02-03", "2026-03-05", "2026-03-06"]) {
      const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
      const inside = leakage.filter((row) => row.filingDeadline! >= today);
      const expiring = inside.filter((row) => row.filingDeadline! <= soon);
      expect(await summaryAt(today), today).toMatchObject({
        openRecoverableCents: inside.reduce((sum, row) => sum + row.valueCents, 0),
        openRecoverableFindings: inside.length,
        expiringSoonCents: expiring.reduce((sum, row) => sum + row.valueCents, 0),
        expiringSoonFindings: expiring.length,
        dismissedCents: 6000,
        dismissedFindings: 1,
      });
    }
  });
});
