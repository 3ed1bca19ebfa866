/** The tables the import pipeline writes with raw SQL (`BulkWriter.insert`). */
export type ImportTable =
  | "ImportError"
  | "Encounter"
  | "Administration"
  | "CodedLine"
  | "ClaimLine"
  | "ClaimAdjustment"
  | "ClaimRemark"
  | "ProviderAdjustment"
  | "FeeScheduleRate"
  | "DrugCatalogEntry";
