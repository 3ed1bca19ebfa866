export { getDashboardOrganization, type TAnalysisStatus, type TDashboardOrganization } from "./get-dashboard-organization";
export { getFilterOptions, type TFilterOptions } from "./get-filter-options";
export { getOverviewData, getOverviewDataCached, type TOverviewData, type TDenialReason, type TNurseDocumentation } from "./get-overview-data";
export { getDenialsData, getDenialsDataCached, type TDenialsData } from "./get-denials-data";
export { buildRollupWhere, ignoredFilters, weekStartRange } from "./rollup-where";
export { createResultCache, type TResultCache } from "./result-cache";
export { getRecoverySummary, type TRecoverySummary } from "./get-recovery-data";
export { findPreviousReportAt, getAnalysisChanges, getSnapshotsForComparison, sumRecoveredSince } from "./get-analysis-changes";
