/** Read side of the findings worklist and its CSV export (organization-scoped, keyset-paged). */
export { buildFindingWhere } from "./build-finding-where";
export {
  countFindings,
  FINDING_COUNT_CAP,
  findFindingsPage,
  iterateFindings,
  type TFindingPage,
  type TFindingRow,
} from "./find-findings-page";
export * from "./finding-list-query";
export { findClaimLineReasons, type TClaimLineReasons } from "./find-claim-line-reasons";
export { iterateFindingsForExport, type TFindingExportRow } from "./export-findings";
export {
  addFindingNote,
  assignFindings,
  changeFindingStatus,
  FindingWorkError,
  readFindingNotes,
  readFindingWork,
  setFindingDueDate,
  type TFindingNote,
  type TFindingWorkSummary,
  type TWorkChangeResult,
} from "./finding-work";
