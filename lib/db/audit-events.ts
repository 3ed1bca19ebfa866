import type { Db } from "./client";

/**
 * Appends one audit event (spec §8: imports, exports and report downloads are logged). `detail`
 * must not hold PHI: ids, counts and file names only.
 */
export async function recordAuditEvent(
  db: Db,
  event: { organizationId: string; action: string; userId?: string | null; subjectType?: string; subjectId?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.auditEvent.create({
    data: {
      organizationId: event.organizationId,
      userId: event.userId ?? null,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      ...(event.detail ? { detail: event.detail as object } : {}),
    },
  });
}
