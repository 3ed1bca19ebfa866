import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { Db } from "../client";
import type { TMembershipRole } from "../types";
import { recordAuditEvent, type TAuditActor } from "../audit-events";
import { visibleAt } from "../analysis/analysis-version";
import { openPatientId, sealPatientId } from "@/lib/security/patient-id-seal";
import {
  checkStatusChange,
  findingWorkKey,
  isFindingStatus,
  RECOVERED_STATUSES,
  WORK_TEXT_MAX,
  type TFindingIdentity,
  type TFindingStatus,
  type TStatusChange,
  type TStatusChangeCheck,
} from "@/lib/worklist/finding-workflow";

/**
 * The finding workflow's writes and reads (issue [11/12]). Callers pass finding ids of the
 * published analysis; each is resolved inside the organization to its stable identity (encounter,
 * kind, code), so work survives the recomputes that rewrite Finding rows, and an id of another
 * practice resolves to nothing. Every change writes one audit event naming the work records.
 * Free text (dismissal words, notes) is sealed like patient ids: people type names into it.
 */

/** A finding of the published analysis, as its work is keyed, with the default due date. */
type TWorkTarget = { findingId: number; identity: TFindingIdentity; filingDeadline: string | null; valueCents: number };

async function resolveFindings(db: Db, organizationId: string, version: number, findingIds: readonly number[]): Promise<TWorkTarget[]> {
  if (findingIds.length === 0) return [];
  const rows = await db.finding.findMany({
    where: { organizationId, id: { in: [...new Set(findingIds)] }, ...visibleAt(version), encounterId: { not: null } },
    select: { id: true, kind: true, code: true, filingDeadline: true, valueCents: true, encounter: { select: { externalEncounterId: true } } },
  });

  return rows.flatMap((row) =>
    row.encounter
      ? [{ findingId: row.id, identity: { externalEncounterId: row.encounter.externalEncounterId, kind: row.kind, code: row.code }, filingDeadline: row.filingDeadline, valueCents: row.valueCents }]
      : [],
  );
}

/** One string per work key, to match work rows to findings. */
const keyText = (key: { externalEncounterId: string; kind: string; code: string }): string => `${key.externalEncounterId}\u0000${key.kind}\u0000${key.code}`;

/** Work rows of the targets, by the target's finding id (absent: no work yet, i.e. open). */
async function readWorkRows(db: Db, organizationId: string, targets: readonly TWorkTarget[]) {
  if (targets.length === 0) return new Map<number, { id: number; status: string }>();
  const rows = await db.findingWork.findMany({
    where: { organizationId, OR: targets.map((target) => findingWorkKey(target.identity)) },
    select: { id: true, status: true, externalEncounterId: true, kind: true, code: true },
  });
  const byKey = new Map(rows.map((row) => [keyText(row), row]));
  const byFinding = new Map<number, { id: number; status: string }>();
  for (const target of targets) {
    const row = byKey.get(keyText(findingWorkKey(target.identity)));
    if (row) byFinding.set(target.findingId, row);
  }

  return byFinding;
}

/** The work record of a finding, created (open) if it has none, with `fields` written. */
async function upsertWork(tx: Db, organizationId: string, identity: TFindingIdentity, fields: Record<string, unknown>): Promise<{ id: number }> {
  const key = findingWorkKey(identity);

  return tx.findingWork.upsert({
    where: { organizationId_externalEncounterId_kind_code: { organizationId, ...key } },
    create: { organizationId, ...key, ...fields },
    update: fields,
    select: { id: true },
  });
}

export type TWorkChangeResult = {
  /** Finding ids whose work changed. */
  changed: number[];
  /** Finding ids left as they were, and why (a move the workflow does not allow, a missing reason). */
  refused: { findingId: number; reason: Exclude<TStatusChangeCheck, { ok: true }>["reason"] | "not_found" }[];
};

type TWorkWrite = { db: Db; organizationId: string; analysisVersion: number; findingIds: readonly number[]; actor: TAuditActor; now?: Date };

const notFound = (findingIds: readonly number[], targets: readonly TWorkTarget[]): TWorkChangeResult["refused"] => {
  const found = new Set(targets.map((target) => target.findingId));
  return [...new Set(findingIds)].filter((id) => !found.has(id)).map((findingId) => ({ findingId, reason: "not_found" as const }));
};

/**
 * Moves findings to a status (bulk: every finding of the selection that may make the move does;
 * the others are listed as refused). A dismissal keeps its reason and sealed free text.
 */
export async function changeFindingStatus(write: TWorkWrite & { change: TStatusChange; sealKey: Buffer }): Promise<TWorkChangeResult> {
  const { db, organizationId, change, actor } = write;
  const now = write.now ?? new Date();
  const dismissNote = change.dismissNote?.trim().slice(0, WORK_TEXT_MAX) || null;
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { timeZone: true } });
  const localDay = format(new TZDate(now, organization?.timeZone ?? "UTC"), "yyyy-MM-dd");
  const result = await db.$transaction(async (tx) => {
    const targets = await resolveFindings(tx as Db, organizationId, write.analysisVersion, write.findingIds);
    const existing = await readWorkRows(tx as Db, organizationId, targets);
    const outcome: TWorkChangeResult & { changes: { workId: number; from: string }[] } = { changed: [], refused: notFound(write.findingIds, targets), changes: [] };
    for (const target of targets) {
      const from = existing.get(target.findingId)?.status ?? "open";
      const check = checkStatusChange(isFindingStatus(from) ? from : "open", change);
      if (!check.ok) {
        outcome.refused.push({ findingId: target.findingId, reason: check.reason });
        continue;
      }
      const fields = {
        status: change.status,
        dismissReason: change.status === "dismissed" ? (change.dismissReason ?? null) : null,
        dismissNoteSealed: change.status === "dismissed" && dismissNote ? sealPatientId(write.sealKey, organizationId, dismissNote) : null,
        ...(RECOVERED_STATUSES.has(change.status)
          ? { recoveredCents: change.recoveredCents ?? target.valueCents, recoveredOn: localDay, recoverySource: "person", recoveryClaimId: null }
          : { recoveredCents: null, recoveredOn: null, recoverySource: null, recoveryClaimId: null }),
        statusChangedAt: now,
      };
      const work = await upsertWork(tx as Db, organizationId, target.identity, fields);
      outcome.changed.push(target.findingId);
      outcome.changes.push({ workId: work.id, from });
    }

    return outcome;
  });
  if (result.changes.length > 0) {
    await recordAuditEvent(db, {
      ...actor,
      organizationId,
      action: "finding.status_changed",
      subjectType: "finding_work",
      subjectId: result.changes.length === 1 ? String(result.changes[0]!.workId) : null,
      detail: {
        status: change.status,
        ...(change.dismissReason ? { dismissReason: change.dismissReason } : {}),
        ...(change.recoveredCents !== undefined ? { recoveredCents: change.recoveredCents } : {}),
        changes: result.changes,
      },
    });
  }

  return { changed: result.changed, refused: result.refused };
}

/** Assigns findings to a member of the practice, or unassigns them (null). */
export async function assignFindings(write: TWorkWrite & { assigneeUserId: string | null }): Promise<TWorkChangeResult> {
  const { db, organizationId, assigneeUserId, actor } = write;
  if (assigneeUserId !== null) {
    const member = await db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId: assigneeUserId } }, select: { id: true } });
    if (!member) throw new FindingWorkError("assignee_not_member", "That person is not a member of this practice.");
  }

  return upsertWorkFields(write, { assigneeUserId }, "finding.assigned", { assigneeUserId });
}

/** Sets findings' due date ('YYYY-MM-DD'), or back to the timely-filing deadline (null). */
export async function setFindingDueDate(write: TWorkWrite & { dueDate: string | null }): Promise<TWorkChangeResult> {
  if (write.dueDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(write.dueDate)) throw new FindingWorkError("invalid_due_date", "A due date is a day (YYYY-MM-DD).");

  return upsertWorkFields(write, { dueDate: write.dueDate }, "finding.due_date_set", { dueDate: write.dueDate });
}

async function upsertWorkFields(write: TWorkWrite, fields: { assigneeUserId?: string | null; dueDate?: string | null }, action: string, detail: Record<string, unknown>): Promise<TWorkChangeResult> {
  const { db, organizationId, actor } = write;
  const result = await db.$transaction(async (tx) => {
    const targets = await resolveFindings(tx as Db, organizationId, write.analysisVersion, write.findingIds);
    const workIds: number[] = [];
    for (const target of targets) {
      const work = await upsertWork(tx as Db, organizationId, target.identity, fields);
      workIds.push(work.id);
    }

    return { targets, workIds };
  });
  if (result.workIds.length > 0) {
    await recordAuditEvent(db, { ...actor, organizationId, action, subjectType: "finding_work", subjectId: result.workIds.length === 1 ? String(result.workIds[0]) : null, detail: { ...detail, workIds: result.workIds } });
  }

  return { changed: result.targets.map((target) => target.findingId), refused: notFound(write.findingIds, result.targets) };
}

/** Adds a note to a finding's work (text sealed at rest); returns the note's id. */
export async function addFindingNote(write: Omit<TWorkWrite, "findingIds"> & { findingId: number; text: string; sealKey: Buffer }): Promise<number> {
  const { db, organizationId, actor } = write;
  const text = write.text.trim();
  if (!text) throw new FindingWorkError("empty_note", "A note needs some text.");
  if (text.length > WORK_TEXT_MAX) throw new FindingWorkError("note_too_long", `A note holds at most ${WORK_TEXT_MAX.toLocaleString("en-US")} characters.`);
  if (!actor.userId || !actor.actorEmail) throw new FindingWorkError("no_author", "A note needs a signed-in author.");
  const [target] = await resolveFindings(db, organizationId, write.analysisVersion, [write.findingId]);
  if (!target) throw new FindingWorkError("not_found", "That finding is not in the current analysis (any more) — reload the page.");
  const note = await db.$transaction(async (tx) => {
    const work = await upsertWork(tx as Db, organizationId, target.identity, {});
    return tx.findingNote.create({
      data: { organizationId, workId: work.id, authorUserId: actor.userId, authorEmail: actor.actorEmail!, textSealed: sealPatientId(write.sealKey, organizationId, text) },
      select: { id: true, workId: true },
    });
  });
  await recordAuditEvent(db, { ...actor, organizationId, action: "finding.note_added", subjectType: "finding_work", subjectId: String(note.workId), detail: { noteId: note.id } });

  return note.id;
}

/** A finding's work as the worklist shows it; `dueDate` falls back to the filing deadline. */
export type TFindingWorkSummary = {
  status: TFindingStatus;
  assigneeUserId: string | null;
  assigneeEmail: string | null;
  dueDate: string | null;
  notes: number;
  /** What was recovered, integer cents (0 when denied again); null before any outcome. */
  recoveredCents: number | null;
  /** 'YYYY-MM-DD': the correcting remittance's paid date, or the day a person recorded it. */
  recoveredOn: string | null;
  /** "remittance" (detected from a later claim version) | "person" (recorded by hand). */
  recoverySource: string | null;
  /** The claim whose later version paid (or denied) the code, for a detected outcome. */
  recoveryClaimId: string | null;
};

/** The columns of a work record both work reads show (readFindingWork, readVanishedFindingWork). */
const WORK_SUMMARY_SELECT = {
  externalEncounterId: true,
  kind: true,
  code: true,
  status: true,
  assigneeUserId: true,
  recoveredCents: true,
  recoveredOn: true,
  recoverySource: true,
  recoveryClaimId: true,
  assignee: { select: { email: true } },
  _count: { select: { notes: true } },
} as const;

type TWorkSummaryRow = {
  status: string;
  assigneeUserId: string | null;
  recoveredCents: number | bigint | null;
  recoveredOn: string | null;
  recoverySource: string | null;
  recoveryClaimId: string | null;
  assignee: { email: string } | null;
  _count: { notes: number };
};

function toWorkSummary(row: TWorkSummaryRow): Omit<TFindingWorkSummary, "dueDate"> {
  return {
    status: isFindingStatus(row.status) ? row.status : "open",
    assigneeUserId: row.assigneeUserId,
    assigneeEmail: row.assignee?.email ?? null,
    notes: row._count.notes,
    recoveredCents: row.recoveredCents === null ? null : Number(row.recoveredCents),
    recoveredOn: row.recoveredOn,
    recoverySource: row.recoverySource,
    recoveryClaimId: row.recoveryClaimId,
  };
}

const NO_RECOVERY = { recoveredCents: null, recoveredOn: null, recoverySource: null, recoveryClaimId: null } as const;

/** The work of each finding id given (findings without work are open, due at their deadline). */
export async function readFindingWork(db: Db, organizationId: string, analysisVersion: number, findingIds: readonly number[]): Promise<Map<number, TFindingWorkSummary>> {
  const targets = await resolveFindings(db, organizationId, analysisVersion, findingIds);
  const summaries = new Map<number, TFindingWorkSummary>(targets.map((target) => [target.findingId, { status: "open", assigneeUserId: null, assigneeEmail: null, dueDate: target.filingDeadline, notes: 0, ...NO_RECOVERY }]));
  if (targets.length === 0) return summaries;
  const rows = await db.findingWork.findMany({
    where: { organizationId, OR: targets.map((target) => findingWorkKey(target.identity)) },
    select: { ...WORK_SUMMARY_SELECT, dueDate: true },
  });
  const byKey = new Map(rows.map((row) => [keyText(row), row]));
  for (const target of targets) {
    const row = byKey.get(keyText(findingWorkKey(target.identity)));
    if (!row) continue;
    summaries.set(target.findingId, { ...toWorkSummary(row), dueDate: row.dueDate ?? target.filingDeadline });
  }

  return summaries;
}

/**
 * Work on an encounter's findings that the published analysis no longer produces: a payer paid
 * the correction (the finding is gone, the recovery is the point), a person's dismissal, a
 * setting that resolved it. Kept apart from readFindingWork, which is keyed by current finding ids.
 */
export type TVanishedFindingWork = Omit<TFindingWorkSummary, "dueDate"> & { workId: number; kind: string; code: string | null };

/** The work records of one encounter (the source's id) that match none of its current findings, oldest first. */
export async function readVanishedFindingWork(db: Db, organizationId: string, analysisVersion: number, externalEncounterId: string): Promise<TVanishedFindingWork[]> {
  const [rows, current] = await Promise.all([
    db.findingWork.findMany({
      where: { organizationId, externalEncounterId },
      orderBy: { id: "asc" },
      select: { ...WORK_SUMMARY_SELECT, id: true },
    }),
    db.finding.findMany({ where: { organizationId, ...visibleAt(analysisVersion), encounter: { organizationId, externalEncounterId } }, select: { kind: true, code: true } }),
  ]);
  const found = new Set(current.map((finding) => keyText(findingWorkKey({ externalEncounterId, kind: finding.kind, code: finding.code }))));

  return rows
    .filter((row) => !found.has(keyText(row)))
    .map((row) => ({ ...toWorkSummary(row), workId: row.id, kind: row.kind, code: row.code || null }));
}

export type TFindingNote = { id: number; authorEmail: string; createdAt: Date; text: string };

/** A finding's notes, oldest first, opened for display (a note whose key is lost reads as such). */
export async function readFindingNotes(db: Db, organizationId: string, analysisVersion: number, findingId: number, sealKey: Buffer): Promise<TFindingNote[]> {
  const [target] = await resolveFindings(db, organizationId, analysisVersion, [findingId]);
  if (!target) return [];
  const notes = await db.findingNote.findMany({
    where: { organizationId, work: { organizationId, ...findingWorkKey(target.identity) } },
    orderBy: { id: "asc" },
    select: { id: true, authorEmail: true, createdAt: true, textSealed: true },
  });

  return notes.map((note) => ({ id: note.id, authorEmail: note.authorEmail, createdAt: note.createdAt, text: openPatientId(sealKey, organizationId, note.textSealed) ?? "(this note cannot be opened with the current key)" }));
}

/** A member of the practice as the assignee menus list them. */
export type TPracticeMember = { userId: string; email: string; name: string; role: TMembershipRole };

/** The practice's members (the people a finding may be assigned to), by email. */
export async function listPracticeMembers(db: Db, organizationId: string): Promise<TPracticeMember[]> {
  const rows = await db.membership.findMany({ where: { organizationId }, select: { role: true, user: { select: { id: true, email: true, name: true } } } });

  return rows
    .map((row) => ({ userId: row.user.id, email: row.user.email, name: row.user.name, role: row.role as TMembershipRole }))
    .sort((a, b) => a.email.localeCompare(b.email));
}

/** A refused workflow write, with words for the person. */
export class FindingWorkError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "FindingWorkError";
  }
}
