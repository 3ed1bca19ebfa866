/** Read side of the client report (lib/report/load-report-data.ts): findings, valuation sources and import batches in scope. */
export {
  findTopLeakageFindings,
  iterateReportFindings,
  reportFindingWhere,
  sumLeakageByValueSource,
  type TReportFindingRecord,
  type TValuationSourceSum,
} from "./report-findings";
export { listReportImportBatches, type TReportImportRecord } from "./report-imports";
export { sumDocumentationBySite, sumLostAddOnHours } from "./report-rollups";
