/**
 * The audit trail (HIPAA audit controls, spec §8). Append-only in code: this module creates and
 * reads events and nothing anywhere updates or deletes them (tests/unit/audit/append-only.test.ts
 * greps lib/ and app/ for such a path). `detail` holds ids, counts and settings values, never PHI.
 */
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditSpoolOf } from "./audit-spool";
import type { Db } from "./client";
import { isDatabaseBusyError } from "./database-target";

/** Who acted and from where: the signed-in user (or the email typed at a failed sign-in) and the client address. */
export type TAuditActor = {
  userId: string | null;
  actorEmail: string | null;
  address: string | null;
};

export type TAuditEventInput = TAuditActor & {
  /** The practice touched; null for events of the install (sign-in, sign-out, failed sign-in). */
  organizationId: string | null;
  /** dot.snake, e.g. "auth.signed_in", "users.role_changed", "settings.rules.updated". */
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
};

const ACTION_PATTERN = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;

/** An action name the trail accepts: dot-separated lower snake case words, at least two. */
export function isAuditActionName(action: string): boolean {
  return ACTION_PATTERN.test(action);
}

/**
 * Appends one audit event. On the app's SQLite database an event that finds the write lock taken
 * for more than AUDIT_LOCK_WAIT_MS (200 ms) is written to the audit spool (durable at once, in AuditEvent as
 * soon as the lock frees, with this moment as its time); while events wait there, the next ones go
 * straight to it (an import holds the lock for seconds: no request should wait 200 ms each time).
 */
export async function recordAuditEvent(db: Db, event: TAuditEventInput): Promise<void> {
  if (!isAuditActionName(event.action)) throw new Error(`audit action "${event.action}" is not dot.snake case`);
  const row = {
    organizationId: event.organizationId,
    userId: event.userId,
    actorEmail: event.actorEmail,
    address: event.address,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    ...(event.detail ? { detail: event.detail } : {}),
  };
  const toData = ({ detail, ...rest }: typeof row & { createdAt?: Date }) => ({ ...rest, ...(detail ? { detail: detail as Prisma.InputJsonObject } : {}) });
  const spool = auditSpoolOf(db);
  if (!spool) {
    await db.auditEvent.create({ data: toData(row) });
    return;
  }
  const createdAt = new Date();
  if (spool.waiting) {
    await spool.append({ ...row, createdAt });
    return;
  }
  try {
    await spool.impatient.auditEvent.create({ data: toData({ ...row, createdAt }) });
  } catch (error) {
    if (!isDatabaseBusyError(error)) throw error;
    await spool.append({ ...row, createdAt });
  }
}

/** Spooled events reach the table before the trail is read (best effort: during an import they may not yet). */
async function flushSpool(db: Db): Promise<void> {
  await auditSpoolOf(db)?.flush().catch(() => 0);
}

export type TAuditEventFilter = {
  /** The practice whose trail is read: its events plus the install events (sign-ins) of its members. */
  organizationId: string;
  userId?: string | undefined;
  action?: string | undefined;
  /** Inclusive lower bound of createdAt. */
  from?: Date | undefined;
  /** Exclusive upper bound of createdAt. */
  to?: Date | undefined;
};

export type TAuditEventRow = {
  id: number;
  createdAt: Date;
  organizationId: string | null;
  userId: string | null;
  /** The email recorded with the event, else the user's current email. */
  actorEmail: string | null;
  address: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  detail: unknown;
};

function whereFor(filter: TAuditEventFilter): Prisma.AuditEventWhereInput {
  const { organizationId } = filter;

  return {
    OR: [{ organizationId }, { organizationId: null, user: { memberships: { some: { organizationId } } } }],
    ...(filter.userId ? { userId: filter.userId } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

const ROW_SELECT = {
  id: true,
  createdAt: true,
  organizationId: true,
  userId: true,
  actorEmail: true,
  address: true,
  action: true,
  subjectType: true,
  subjectId: true,
  detail: true,
  user: { select: { email: true } },
} as const;

type TSelected = Prisma.AuditEventGetPayload<{ select: typeof ROW_SELECT }>;

function toRow({ user, ...event }: TSelected): TAuditEventRow {
  return { ...event, actorEmail: event.actorEmail ?? user?.email ?? null };
}

export const AUDIT_PAGE_SIZE = 50;

export type TAuditEventPage = { rows: TAuditEventRow[]; total: number; page: number; pageCount: number; pageSize: number };

/** One page (1-based, newest first) of the practice's trail under the filter, with the total. */
export async function listAuditEvents(db: Db, filter: TAuditEventFilter & { page?: number; pageSize?: number }): Promise<TAuditEventPage> {
  await flushSpool(db);
  const pageSize = Math.min(Math.max(1, filter.pageSize ?? AUDIT_PAGE_SIZE), 500);
  const where = whereFor(filter);
  const total = await db.auditEvent.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const events = await db.auditEvent.findMany({ where, select: ROW_SELECT, orderBy: { id: "desc" }, skip: (page - 1) * pageSize, take: pageSize });

  return { rows: events.map(toRow), total, page, pageCount, pageSize };
}

/** The whole trail under the filter, newest first, read in keyset batches (the CSV export). */
export async function* iterateAuditEvents(db: Db, filter: TAuditEventFilter, options: { batchSize?: number } = {}): AsyncGenerator<TAuditEventRow[]> {
  await flushSpool(db);
  const batchSize = options.batchSize ?? 1_000;
  const where = whereFor(filter);
  let beforeId: number | undefined;
  for (;;) {
    const events = await db.auditEvent.findMany({
      where: beforeId === undefined ? where : { AND: [where, { id: { lt: beforeId } }] },
      select: ROW_SELECT,
      orderBy: { id: "desc" },
      take: batchSize,
    });
    if (events.length === 0) return;
    yield events.map(toRow);
    if (events.length < batchSize) return;
    beforeId = events[events.length - 1]!.id;
  }
}

export type TAuditFilterChoices = {
  /** Members of the practice and anyone else who acted in it. */
  users: { id: string; email: string }[];
  actions: string[];
};

/** What the Audit screen's user and action filters offer for the practice. */
export async function listAuditFilterChoices(db: Db, organizationId: string): Promise<TAuditFilterChoices> {
  const where = whereFor({ organizationId });
  const [actions, actors, members] = await Promise.all([
    db.auditEvent.findMany({ where, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ where: { AND: [where, { userId: { not: null } }] }, distinct: ["userId"], select: { userId: true } }),
    db.membership.findMany({ where: { organizationId }, select: { userId: true } }),
  ]);
  const ids = [...new Set([...members.map((member) => member.userId), ...actors.flatMap((actor) => (actor.userId ? [actor.userId] : []))])];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true }, orderBy: { email: "asc" } });

  return { users, actions: actions.map((event) => event.action) };
}
