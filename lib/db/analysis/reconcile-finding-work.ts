import type { AnalysisConnection } from "./connection";
import type { Recovery } from "@/lib/analysis/detect-recoveries";
import { findingWorkKey, KEPT_WHEN_VANISHED } from "@/lib/worklist/finding-workflow";
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

type StoredRecovery = { id: unknown; recoveryOutcome: string | null; recoveredCents: unknown; recoveryClaimId: string | null; recoveredOn: string | null };

/**
 * Applies what the recompute detected from later remittances (lib/analysis/detect-recoveries.ts):
 * the finding's work moves to the outcome, with the amount, the paid date and the claim, creating
 * the work record when nobody had touched the finding yet. A detection already applied (same
 * outcome, amount, claim and date) changes nothing, so a person's later move (an appeal after a
 * second denial) survives the next recompute. Runs in the publishing transaction, before
 * `reconcileFindingWork`, which keeps these outcomes when their finding is gone.
 */
export async function applyDetectedRecoveries(connection: AnalysisConnection, organizationId: string, recoveries: readonly Recovery[], now: Date): Promise<{ workIds: number[] }> {
  const workIds: number[] = [];
  for (const recovery of recoveries) {
    const key = findingWorkKey({ externalEncounterId: recovery.encounterId, kind: recovery.kind, code: recovery.code });
    const [stored] = await connection.query<StoredRecovery>(
      `SELECT "id", "recoveryOutcome", "recoveredCents", "recoveryClaimId", "recoveredOn" FROM "FindingWork" WHERE "organizationId" = ? AND "externalEncounterId" = ? AND "kind" = ? AND "code" = ?`,
      [organizationId, key.externalEncounterId, key.kind, key.code],
    );
    const fields = [recovery.outcome, recovery.recoveredCents, recovery.paidDate, recovery.claimId] as const;
    if (stored) {
      const same =
        stored.recoveryOutcome === recovery.outcome &&
        Number(stored.recoveredCents) === recovery.recoveredCents &&
        stored.recoveryClaimId === recovery.claimId &&
        stored.recoveredOn === recovery.paidDate;
      if (same) continue;
      await connection.execute(
        `UPDATE "FindingWork" SET "status" = ?, "recoveredCents" = ?, "recoveredOn" = ?, "recoveryClaimId" = ?, "recoveryOutcome" = ?, "recoverySource" = 'remittance', "statusChangedAt" = ?, "updatedAt" = ? WHERE "id" = ?`,
        [...fields, recovery.outcome, now, now, Number(stored.id)],
      );
    } else {
      const [inserted] = await connection.query<{ id: unknown }>(
        `INSERT INTO "FindingWork" ("organizationId", "externalEncounterId", "kind", "code", "status", "recoveredCents", "recoveredOn", "recoveryClaimId", "recoveryOutcome", "recoverySource", "statusChangedAt", "createdAt", "updatedAt") ` +
          `VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'remittance', ?, ?, ?) RETURNING "id"`,
        [organizationId, key.externalEncounterId, key.kind, key.code, ...fields, recovery.outcome, now, now, now],
      );
      workIds.push(Number(inserted!.id));
      continue;
    }
    workIds.push(Number(stored.id));
  }
  return { workIds };
}
