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
  listPracticeMembers,
  readFindingNotes,
  readVanishedFindingWork,
  readFindingWork,
  setFindingDueDate,
  type TFindingNote,
  type TFindingWorkSummary,
  type TPracticeMember,
  type TWorkChangeResult,
} from "./finding-work";
export { readWorkloadByAssignee, type TAssigneeWorkload } from "./worklist-workload";
export { listRecoveredWork, type TRecoveredWork } from "./recovered-work";
export {
  deleteSavedView,
  listSavedViews,
  normalizeSavedViewName,
  SAVED_VIEW_NAME_MAX,
  SAVED_VIEWS_PER_USER_MAX,
  SavedViewError,
  saveView,
  type TSavedView,
} from "./saved-views";
