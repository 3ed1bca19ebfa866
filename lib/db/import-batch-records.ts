import { getPublishedAnalysisVersion, visibleAt } from "./analysis/analysis-version";
import type { Db } from "./client";

/**
 * What an import put in the database, for its result page: encounters, administrations, claim
 * lines and the engine's coded lines that still come from this batch (a later import of the same
 * encounters or claims supersedes them, so these are current counts, not history; coded lines of the
 * published analysis version). Scoped to the organization.
 */
export type TImportBatchRecords = { encounters: number; administrations: number; claimLines: number; codedLines: number };

export async function countImportBatchRecords(db: Db, organizationId: string, batchId: number): Promise<TImportBatchRecords> {
  const analysisVersion = (await getPublishedAnalysisVersion(db, organizationId)) ?? 0;
  const [encounters, administrations, claimLines, codedLines] = await Promise.all([
    db.encounter.count({ where: { organizationId, importBatchId: batchId } }),
    db.administration.count({ where: { organizationId, importBatchId: batchId } }),
    db.claimLine.count({ where: { organizationId, importBatchId: batchId } }),
    db.codedLine.count({ where: { organizationId, ...visibleAt(analysisVersion), encounter: { importBatchId: batchId } } }),
  ]);

  return { encounters, administrations, claimLines, codedLines };
}
