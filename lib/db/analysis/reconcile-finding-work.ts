import type { AnalysisConnection } from "./connection";
import { KEPT_WHEN_VANISHED } from "@/lib/worklist/finding-workflow";
import { visibleAtSql } from "./analysis-version";

/**
 * Whether the analysis at the version bound by the caller still produces a work record's finding
 * (alias `w` is the FindingWork row): its encounter by the source's id, the same kind and code.
 */
function stillFoundSql(version: number): { sql: string; params: number[] } {
  const visible = visibleAtSql(version, "f");

  return {
    sql:
      `EXISTS (SELECT 1 FROM "Encounter" e JOIN "Finding" f ON f."encounterId" = e."id" AND f."organizationId" = e."organizationId" ` +
      `WHERE e."organizationId" = w."organizationId" AND e."externalEncounterId" = w."externalEncounterId" AND f."kind" = w."kind" AND COALESCE(f."code", '') = w."code" AND ${visible.sql})`,
    params: visible.params,
  };
}

/**
 * Carries the finding workflow across a recompute (lib/worklist/finding-workflow.ts
 * reconcileAfterRecompute), in the transaction that publishes `version`: work on a finding the new
 * analysis no longer produces is marked resolved by data (unless KEPT_WHEN_VANISHED: a dismissal
 * or a payment stays as people or remittances left it); work resolved by data whose finding is back starts
 * open again. Everything else — status, assignee, notes, due date — is untouched.
 */
export async function reconcileFindingWork(connection: AnalysisConnection, organizationId: string, version: number, now: Date): Promise<{ resolvedByData: number; reopened: number }> {
  const found = stillFoundSql(version);
  const resolvedByData = await connection.execute(
    `UPDATE "FindingWork" AS w SET "status" = 'resolved_by_data', "statusChangedAt" = ?, "updatedAt" = ? ` +
      `WHERE w."organizationId" = ? AND w."status" NOT IN (${[...KEPT_WHEN_VANISHED].map((status) => `'${status}'`).join(", ")}) AND NOT ${found.sql}`,
    [now, now, organizationId, ...found.params],
  );
  const reopened = await connection.execute(
    `UPDATE "FindingWork" AS w SET "status" = 'open', "statusChangedAt" = ?, "updatedAt" = ? WHERE w."organizationId" = ? AND w."status" = 'resolved_by_data' AND ${found.sql}`,
    [now, now, organizationId, ...found.params],
  );

  return { resolvedByData, reopened };
}
