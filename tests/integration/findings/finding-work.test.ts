import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { createPrismaClient, type Db } from "@/lib/db";
import { visibleAt } from "@/lib/db/analysis";
import { addFindingNote, assignFindings, changeFindingStatus, FindingWorkError, readFindingNotes, readFindingWork, setFindingDueDate } from "@/lib/db/findings";
import { readVanishedFindingWork } from "@/lib/db/findings/finding-work";
import { updateRuleSettings } from "@/lib/db/settings/organization-settings";
import { readRuleSettings } from "@/lib/db/settings/rule-options";
import { runImport, type ImportKind } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { publishedVersion } from "@/tests/helpers/published-version";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { CLAIMS_CSV, SESSIONS_CSV } from "../analysis/practice-fixture";

const providers = await resolveTestProviders();
const SEAL_KEY = Buffer.alloc(32, 9);
const SECRET = "finding-work-test-secret";

/** A finding's identity as the workflow keys it, for comparing across recomputes. */
const identityOf = (row: { kind: string; code: string | null; encounter: { externalEncounterId: string } | null }) => `${row.encounter?.externalEncounterId}/${row.kind}/${row.code ?? ""}`;

describe.each(providers)("finding workflow on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;
  let orgId: string;
  let otherOrgId: string;
  let billing: { userId: string; actorEmail: string; address: string };
  let colleagueId: string;

  const importFile = async (organizationId: string, name: string, text: string, kind: ImportKind) => {
    const filePath = path.join(dir, name);
    writeFileSync(filePath, text);
    const outcome = await runImport({ organizationId, filePath, fileName: name, kind, database: { db, target: testDb.target }, patientKeySecret: SECRET, patientIdKey: SEAL_KEY });
    expect(outcome.status, outcome.message).toBe("succeeded");
    await whenRecomputesIdle();
  };

  const findings = async (organizationId: string) =>
    db.finding.findMany({
      where: { organizationId, ...visibleAt(await publishedVersion(db, organizationId)) },
      select: { id: true, kind: true, code: true, filingDeadline: true, encounter: { select: { externalEncounterId: true } } },
      orderBy: { id: "asc" },
    });

  const write = async (findingIds: number[]) => ({ db, organizationId: orgId, analysisVersion: await publishedVersion(db, orgId), findingIds, actor: billing });

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-finding-work-"));
    orgId = (await db.organization.create({ data: { name: "Riverside Infusion", slug: "riverside", timeZone: "America/New_York" } })).id;
    otherOrgId = (await db.organization.create({ data: { name: "Other Practice", slug: "other", timeZone: "America/New_York" } })).id;
    const user = await db.user.create({ data: { email: "billing@riverside.test", name: "Billing" } });
    const colleague = await db.user.create({ data: { email: "colleague@riverside.test", name: "Colleague" } });
    const outsider = await db.user.create({ data: { email: "outsider@other.test", name: "Outsider" } });
    await db.membership.createMany({
      data: [
        { organizationId: orgId, userId: user.id, role: "billing" },
        { organizationId: orgId, userId: colleague.id, role: "billing" },
        { organizationId: otherOrgId, userId: outsider.id, role: "billing" },
      ],
    });
    billing = { userId: user.id, actorEmail: user.email, address: "127.0.0.1" };
    colleagueId = colleague.id;
    for (const organizationId of [orgId, otherOrgId]) {
      await importFile(organizationId, `sessions-${organizationId}.csv`, SESSIONS_CSV, "sessions");
      await importFile(organizationId, `claims-${organizationId}.csv`, CLAIMS_CSV, "claims");
    }
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("E4's claim, first billed an hour short and then corrected, is detected as recovered at import", async () => {
    const detected = await db.findingWork.findMany({ where: { organizationId: orgId, recoverySource: "remittance" }, select: { externalEncounterId: true, kind: true, code: true, status: true, recoveredCents: true, recoveryClaimId: true, recoveredOn: true } });
    expect(detected.map((row) => ({ ...row, recoveredCents: Number(row.recoveredCents) }))).toEqual([
      { externalEncounterId: "E4", kind: "missed_addon_hours", code: "96415", status: "recovered", recoveredCents: 6000, recoveryClaimId: "C4", recoveredOn: "2025-04-02" },
    ]);
    // The corrected claim leaves no finding: the encounter page reads the recovery as vanished work.
    expect(await readVanishedFindingWork(db, orgId, await publishedVersion(db, orgId), "E4")).toMatchObject([
      { kind: "missed_addon_hours", code: "96415", status: "recovered", recoveredCents: 6000, recoveredOn: "2025-04-02", recoverySource: "remittance", recoveryClaimId: "C4", notes: 0 },
    ]);
    expect(await readVanishedFindingWork(db, orgId, await publishedVersion(db, orgId), "E1")).toEqual([]);
  });

  test("a finding without work is open and due at its filing deadline; moves follow the workflow", async () => {
    const [first, second] = await findings(orgId);
    const before = await readFindingWork(db, orgId, await publishedVersion(db, orgId), [first!.id]);
    expect(before.get(first!.id)).toEqual({ status: "open", assigneeUserId: null, assigneeEmail: null, dueDate: first!.filingDeadline, notes: 0, recoveredCents: null, recoveredOn: null, recoverySource: null, recoveryClaimId: null });

    expect(await changeFindingStatus({ ...(await write([first!.id, second!.id])), change: { status: "rebilled" }, sealKey: SEAL_KEY })).toEqual({ changed: [first!.id, second!.id], refused: [] });
    // rebilled → open is not a move; a dismissal needs its reason, and "other" needs words.
    expect(await changeFindingStatus({ ...(await write([first!.id])), change: { status: "open" }, sealKey: SEAL_KEY })).toEqual({ changed: [], refused: [{ findingId: first!.id, reason: "not_allowed" }] });
    expect((await changeFindingStatus({ ...(await write([first!.id])), change: { status: "dismissed" }, sealKey: SEAL_KEY })).refused[0]?.reason).toBe("dismiss_reason_required");
    expect((await changeFindingStatus({ ...(await write([first!.id])), change: { status: "dismissed", dismissReason: "other", dismissNote: "  " }, sealKey: SEAL_KEY })).refused[0]?.reason).toBe("dismiss_note_required");

    const dismissed = await changeFindingStatus({ ...(await write([second!.id])), change: { status: "dismissed", dismissReason: "other", dismissNote: "Patient Jane Roe self-paid" }, sealKey: SEAL_KEY });
    expect(dismissed.changed).toEqual([second!.id]);
    const stored = await db.findingWork.findMany({ where: { organizationId: orgId, recoverySource: null }, orderBy: { id: "asc" } });
    expect(stored.map((work) => work.status)).toEqual(["rebilled", "dismissed"]);
    // Free text is sealed at rest.
    expect(stored[1]!.dismissNoteSealed).toMatch(/^pid1:/);
    expect(JSON.stringify(stored)).not.toContain("Jane Roe");

    const events = await db.auditEvent.findMany({ where: { organizationId: orgId, action: "finding.status_changed" }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(2);
    expect(events[0]!.userId).toBe(billing.userId);
    expect(events[0]!.detail).toMatchObject({ status: "rebilled", changes: [{ from: "open" }, { from: "open" }] });
    expect(JSON.stringify(events)).not.toContain("Jane Roe");

    // A payment seen before its 835 is recorded by hand: the amount, on the practice's local day.
    const partly = await changeFindingStatus({ ...(await write([first!.id])), change: { status: "partially_recovered", recoveredCents: 1234 }, sealKey: SEAL_KEY, now: new Date("2025-06-02T02:00:00Z") });
    expect(partly.changed).toEqual([first!.id]);
    expect((await readFindingWork(db, orgId, await publishedVersion(db, orgId), [first!.id])).get(first!.id)).toMatchObject({
      status: "partially_recovered",
      recoveredCents: 1234,
      recoveredOn: "2025-06-01",
      recoverySource: "person",
      recoveryClaimId: null,
    });
  });

  test("assignee, due date and notes: members only, sealed notes with author, audited", async () => {
    const [, , third] = await findings(orgId);
    await assignFindings({ ...(await write([third!.id])), assigneeUserId: colleagueId });
    const outsider = await db.user.findUniqueOrThrow({ where: { email: "outsider@other.test" } });
    await expect(assignFindings({ ...(await write([third!.id])), assigneeUserId: outsider.id })).rejects.toThrow(FindingWorkError);
    await setFindingDueDate({ ...(await write([third!.id])), dueDate: "2025-05-01" });
    await expect(setFindingDueDate({ ...(await write([third!.id])), dueDate: "May 1" })).rejects.toThrow(/YYYY-MM-DD/);
    await addFindingNote({ ...(await write([])), findingId: third!.id, text: "Called Aetna, ref 123", sealKey: SEAL_KEY });
    await expect(addFindingNote({ ...(await write([])), findingId: third!.id, text: "   ", sealKey: SEAL_KEY })).rejects.toThrow(/some text/);

    const work = (await readFindingWork(db, orgId, await publishedVersion(db, orgId), [third!.id])).get(third!.id);
    expect(work).toEqual({ status: "open", assigneeUserId: colleagueId, assigneeEmail: "colleague@riverside.test", dueDate: "2025-05-01", notes: 1, recoveredCents: null, recoveredOn: null, recoverySource: null, recoveryClaimId: null });
    const notes = await readFindingNotes(db, orgId, await publishedVersion(db, orgId), third!.id, SEAL_KEY);
    expect(notes).toMatchObject([{ authorEmail: "billing@riverside.test", text: "Called Aetna, ref 123" }]);
    expect(JSON.stringify(await db.findingNote.findMany())).not.toContain("Aetna, ref");
    expect((await db.auditEvent.findMany({ where: { organizationId: orgId, action: { in: ["finding.assigned", "finding.due_date_set", "finding.note_added"] } } })).map((event) => event.action).sort()).toEqual([
      "finding.assigned",
      "finding.due_date_set",
      "finding.note_added",
    ]);
  });

  test("another practice's finding ids resolve to nothing", async () => {
    const [foreign] = await findings(otherOrgId);
    const result = await changeFindingStatus({ ...(await write([foreign!.id])), change: { status: "in_progress" }, sealKey: SEAL_KEY });
    expect(result).toEqual({ changed: [], refused: [{ findingId: foreign!.id, reason: "not_found" }] });
    await expect(addFindingNote({ ...(await write([])), findingId: foreign!.id, text: "x", sealKey: SEAL_KEY })).rejects.toThrow(/not in the current analysis/);
    // Its only work is what its own recompute detected (E4's corrected claim, as in this practice).
    expect(await db.findingWork.findMany({ where: { organizationId: otherOrgId }, select: { externalEncounterId: true, recoverySource: true } })).toEqual([{ externalEncounterId: "E4", recoverySource: "remittance" }]);
  });

  test("a recompute after a settings change keeps the work of every finding still found and resolves the vanished by data", async () => {
    // An IVPB without a stop time coded as an infusion (missingStop "none") gives E5 two findings
    // that the default (treat it as a push, §2.2) does not: switching back makes them vanish.
    const rules = readRuleSettings((await db.organization.findUniqueOrThrow({ where: { id: orgId } })).ruleSettings);
    await updateRuleSettings(db, orgId, { ...rules, missingStop: "none" });
    await recomputeOrganization(orgId, { weeks: [], target: testDb.target, db });
    const before = await findings(orgId);
    // Work on every finding: in progress with a note each.
    await changeFindingStatus({ ...(await write(before.map((row) => row.id))), change: { status: "in_progress" }, sealKey: SEAL_KEY });
    for (const row of before) await addFindingNote({ ...(await write([])), findingId: row.id, text: `note on ${identityOf(row)}`, sealKey: SEAL_KEY });
    const workBefore = new Map((await db.findingWork.findMany({ where: { organizationId: orgId } })).map((work) => [`${work.externalEncounterId}/${work.kind}/${work.code}`, work]));

    await updateRuleSettings(db, orgId, { ...rules, missingStop: "push" });
    await recomputeOrganization(orgId, { weeks: [], target: testDb.target, db });

    const after = await findings(orgId);
    const stillFound = new Set(after.map(identityOf));
    const vanished = before.map(identityOf).filter((identity) => !stillFound.has(identity));
    expect(vanished.length, "the settings change must make some finding vanish for this test to mean anything").toBeGreaterThan(0);
    expect(vanished.length).toBeLessThan(before.length);

    const workAfter = new Map((await db.findingWork.findMany({ where: { organizationId: orgId } })).map((work) => [`${work.externalEncounterId}/${work.kind}/${work.code}`, work]));
    for (const [identity, work] of workBefore) {
      const now = workAfter.get(identity)!;
      const expected = !stillFound.has(identity) && !["dismissed", "recovered", "partially_recovered"].includes(work.status) ? "resolved_by_data" : work.status;
      expect(now.status, identity).toBe(expected);
      expect(now.assigneeUserId, identity).toBe(work.assigneeUserId);
      expect(now.dueDate, identity).toBe(work.dueDate);
      expect(await db.findingNote.count({ where: { workId: now.id } }), identity).toBe(await db.findingNote.count({ where: { workId: work.id } }));
    }
    // Notes are still read through the new analysis's finding ids.
    const kept = after.find((row) => workBefore.has(identityOf(row)))!;
    expect((await readFindingNotes(db, orgId, await publishedVersion(db, orgId), kept.id, SEAL_KEY)).map((note) => note.text)).toContain(`note on ${identityOf(kept)}`);

    expect(vanished.sort()).toEqual(["E5/missing_stop_time/96365", "E5/unsupported_line/96374"]);

    // Back to the first settings: the vanished findings return and start open again.
    await updateRuleSettings(db, orgId, { ...rules, missingStop: "none" });
    await recomputeOrganization(orgId, { weeks: [], target: testDb.target, db });
    const returned = await db.findingWork.findMany({ where: { organizationId: orgId } });
    for (const work of returned) {
      const identity = `${work.externalEncounterId}/${work.kind}/${work.code}`;
      if (vanished.includes(identity) && workBefore.get(identity)!.status === "in_progress") expect(work.status, identity).toBe("open");
    }
    expect(returned.some((work) => work.status === "resolved_by_data")).toBe(false);
  });
});
