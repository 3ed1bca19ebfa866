/**
 * Deleting a practice: every row of its data goes, in one transaction, except its audit trail
 * (AuditEvent has no foreign key to Organization and is never deleted). Tables are emptied
 * children first with explicit deletes instead of relying on the cascade from Organization alone,
 * so the delete does not depend on SQLite's foreign_keys pragma and each table is one indexed
 * DELETE; the final Organization delete still cascades to anything a later model adds.
 */
import type { Db } from "./client";

export type TPracticeDeletion = {
  /** False when no such practice existed (nothing was deleted). */
  deleted: boolean;
  /** Rows deleted per model (ids and counts only: safe for the audit trail). */
  rows: Record<string, number>;
};

/** A practice with millions of rows takes minutes to delete; the default 5 s would roll it back. */
const DELETE_TIMEOUT_MS = 30 * 60_000;

export async function deletePracticeData(db: Db, organizationId: string): Promise<TPracticeDeletion> {
  return db.$transaction(
    async (tx) => {
      const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
      if (!organization) return { deleted: false, rows: {} };
      const where = { organizationId };
      const rows: Record<string, number> = {};
      // Children before parents: findings and lines before the claim lines and encounters they point at.
      rows.ClaimAdjustment = (await tx.claimAdjustment.deleteMany({ where })).count;
      rows.ClaimRemark = (await tx.claimRemark.deleteMany({ where })).count;
      rows.Finding = (await tx.finding.deleteMany({ where })).count;
      rows.FindingNote = (await tx.findingNote.deleteMany({ where })).count;
      rows.FindingWork = (await tx.findingWork.deleteMany({ where })).count;
      rows.CodedLine = (await tx.codedLine.deleteMany({ where })).count;
      rows.Administration = (await tx.administration.deleteMany({ where })).count;
      rows.ProviderAdjustment = (await tx.providerAdjustment.deleteMany({ where })).count;
      rows.ClaimLine = (await tx.claimLine.deleteMany({ where })).count;
      rows.Encounter = (await tx.encounter.deleteMany({ where })).count;
      rows.FindingRollup = (await tx.findingRollup.deleteMany({ where })).count;
      rows.FindingSummaryRollup = (await tx.findingSummaryRollup.deleteMany({ where })).count;
      rows.EncounterRollup = (await tx.encounterRollup.deleteMany({ where })).count;
      rows.ClaimRollup = (await tx.claimRollup.deleteMany({ where })).count;
      rows.DenialReasonRollup = (await tx.denialReasonRollup.deleteMany({ where })).count;
      rows.AnalysisSnapshot = (await tx.analysisSnapshot.deleteMany({ where })).count;
      rows.ImportError = (await tx.importError.deleteMany({ where })).count;
      rows.ImportBatch = (await tx.importBatch.deleteMany({ where })).count;
      rows.FeeScheduleRate = (await tx.feeScheduleRate.deleteMany({ where })).count;
      rows.DrugCatalogEntry = (await tx.drugCatalogEntry.deleteMany({ where })).count;
      rows.ColumnMapping = (await tx.columnMapping.deleteMany({ where })).count;
      rows.PayerSetting = (await tx.payerSetting.deleteMany({ where })).count;
      rows.SavedView = (await tx.savedView.deleteMany({ where })).count;
      rows.Membership = (await tx.membership.deleteMany({ where })).count;
      rows.Organization = (await tx.organization.deleteMany({ where: { id: organizationId } })).count;

      return { deleted: true, rows };
    },
    { timeout: DELETE_TIMEOUT_MS, maxWait: 60_000 },
  );
}
