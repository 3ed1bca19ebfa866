/**
 * The database side of imports: raw-SQL bulk writers (better-sqlite3 / pg), the ImportBatch
 * lifecycle, supersede rules, and the read functions behind the /imports screens.
 * The orchestration (`runImport`) lives in lib/import/run-import.ts.
 */
export { openBulkWriter, placeholders, type BulkWriter, type SqlValue } from "./bulk-writer";
export {
  createRunningBatch,
  failBatch,
  findBatchWeeks,
  findSucceededBatchByHash,
  finishBatch,
  INTERRUPTED_MESSAGE,
  hasRunningBatches,
  recoverInterruptedBatches,
  releaseBatch,
  saveColumnMapping,
} from "./batches";
export { findOrCreateOrganization, loadCodingSettings, type TImportOrganization } from "./organizations";
export {
  getImportBatch,
  getSavedColumnMappings,
  iterateImportErrors,
  listImportBatches,
  listImportErrors,
  streamImportErrorsCsv,
  type TImportBatchSummary,
  type TImportErrorFilter,
  type TImportErrorRow,
} from "./read-imports";
export { ImportAbortedError, type ImportErrorRow, type WriteContext } from "./write-context";
export { supersedeEncounters, writeSessions } from "./write-sessions";
export { createClaimsAppender, writeClaims, writeProviderAdjustments, type ClaimsAppender } from "./write-claims";
export { writeDrugCatalog, writeFeeSchedule } from "./write-reference";
export { refreshPlannerStatistics, statisticsTablesFor } from "./statistics";
