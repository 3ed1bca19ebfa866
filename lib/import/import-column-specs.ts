/**
 * The canonical columns of each CSV import kind, as plain data for the column-mapping form (the
 * 835 remittance has no columns to map). Reads the readers' own ColumnSpec lists so the form and
 * the importer never disagree.
 */
import type { TColumnSpecView } from "@/components/imports/guess-column-mapping";
import { CLAIMS_COLUMNS } from "./claims/claims-columns";
import type { ColumnSpec } from "./map-columns";
import { DRUG_CATALOG_COLUMNS } from "./read-drug-catalog";
import { FEE_SCHEDULE_COLUMNS } from "./read-fee-schedule";
import { SESSION_INTERVAL_COLUMNS, SESSION_MAR_COLUMNS } from "./sessions-columns";

export type TImportColumnSpecs = Record<"sessions" | "mar" | "claims" | "fee_schedule" | "drug_catalog", TColumnSpecView[]>;

const toView = (specs: readonly ColumnSpec[]): TColumnSpecView[] =>
  specs.map((spec) => ({ name: spec.name, required: spec.required === true, synonyms: [...(spec.synonyms ?? [])] }));

export function getImportColumnSpecs(): TImportColumnSpecs {
  return {
    sessions: toView(SESSION_INTERVAL_COLUMNS),
    mar: toView(SESSION_MAR_COLUMNS),
    claims: toView(CLAIMS_COLUMNS),
    fee_schedule: toView(FEE_SCHEDULE_COLUMNS),
    drug_catalog: toView(DRUG_CATALOG_COLUMNS),
  };
}
