import type { Db } from "../client";

export type TReportImportRecord = {
  id: number;
  fileName: string;
  kind: string;
  rowsTotal: number;
  rowsImported: number;
  rowsFailed: number;
  contentHash: string;
  importedAt: Date;
  /** First and last date of service of the rows this batch still holds (encounters or claim lines); null for reference files. */
  firstDate: string | null;
  lastDate: string | null;
};

/**
 * Every succeeded import of the practice, oldest first, with the dates of service it brought: the
 * encounters and claim lines that still come from it (a later import of the same encounters or
 * claims supersedes them, as on the import's result page).
 */
export async function listReportImportBatches(db: Db, organizationId: string): Promise<TReportImportRecord[]> {
  const [batches, encounterSpans, claimSpans] = await Promise.all([
    db.importBatch.findMany({
      where: { organizationId, status: "succeeded" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, fileName: true, kind: true, rowsTotal: true, rowsImported: true, rowsFailed: true, contentHash: true, createdAt: true, finishedAt: true },
    }),
    db.encounter.groupBy({ by: ["importBatchId"], where: { organizationId, importBatchId: { not: null } }, _min: { dateOfService: true }, _max: { dateOfService: true } }),
    db.claimLine.groupBy({ by: ["importBatchId"], where: { organizationId, importBatchId: { not: null } }, _min: { dateOfService: true }, _max: { dateOfService: true } }),
  ]);
  const spans = new Map<number, { first: string; last: string }>();
  for (const row of [...encounterSpans, ...claimSpans]) {
    if (row.importBatchId === null || !row._min.dateOfService || !row._max.dateOfService) continue;
    const known = spans.get(row.importBatchId);
    spans.set(row.importBatchId, {
      first: known && known.first < row._min.dateOfService ? known.first : row._min.dateOfService,
      last: known && known.last > row._max.dateOfService ? known.last : row._max.dateOfService,
    });
  }

  return batches.map((batch) => ({
    id: batch.id,
    fileName: batch.fileName,
    kind: batch.kind,
    rowsTotal: batch.rowsTotal,
    rowsImported: batch.rowsImported,
    rowsFailed: batch.rowsFailed,
    contentHash: batch.contentHash,
    importedAt: batch.finishedAt ?? batch.createdAt,
    firstDate: spans.get(batch.id)?.first ?? null,
    lastDate: spans.get(batch.id)?.last ?? null,
  }));
}
