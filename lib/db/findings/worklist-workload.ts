import type { Db } from "../client";
import { CLOSED_STATUSES } from "@/lib/worklist/finding-workflow";

/** Findings being worked (work not closed) per assignee; `assigneeEmail` null = unassigned. */
export type TAssigneeWorkload = { assigneeUserId: string | null; assigneeEmail: string | null; findings: number };

/**
 * The worklist's per-assignee counts: work records whose status is not closed (recovered,
 * dismissed, resolved by data), grouped by assignee, largest first, unassigned last. Only findings
 * someone touched have a work record: untouched open findings are the list itself.
 */
export async function readWorkloadByAssignee(db: Db, organizationId: string): Promise<TAssigneeWorkload[]> {
  const groups = await db.findingWork.groupBy({
    by: ["assigneeUserId"],
    where: { organizationId, status: { notIn: [...CLOSED_STATUSES] } },
    _count: { _all: true },
  });
  const userIds = groups.flatMap((group) => (group.assigneeUserId ? [group.assigneeUserId] : []));
  const users = userIds.length > 0 ? await db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(users.map((user) => [user.id, user.email]));

  return groups
    .map((group) => ({ assigneeUserId: group.assigneeUserId, assigneeEmail: group.assigneeUserId ? (emailOf.get(group.assigneeUserId) ?? null) : null, findings: group._count._all }))
    .sort((a, b) => Number(a.assigneeUserId === null) - Number(b.assigneeUserId === null) || b.findings - a.findings);
}
