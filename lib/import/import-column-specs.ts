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

export const KIND_TITLES: Record<keyof TImportColumnSpecs, string> = {
  claims: "Claims CSV (§3.3)",
  sessions: "Sessions, interval form (§3.1)",
  mar: "Sessions, MAR event form (§3.2)",
  fee_schedule: "Fee schedule (§3.5)",
  drug_catalog: "Drug catalog (§3.6)",
};

const KIND_SPECS: Record<keyof TImportColumnSpecs, readonly ColumnSpec[]> = {
  claims: CLAIMS_COLUMNS,
  sessions: SESSION_INTERVAL_COLUMNS,
  mar: SESSION_MAR_COLUMNS,
  fee_schedule: FEE_SCHEDULE_COLUMNS,
  drug_catalog: DRUG_CATALOG_COLUMNS,
};

const code = (text: string) => "`" + text.replace(/`/g, "'") + "`";

/**
 * The "Recognised headers" section of docs/imports.md, generated from the readers' column specs
 * (a unit test keeps the doc equal to it; `UPDATE_DOCS=1` rewrites it). One table per file kind,
 * one row per canonical column: its names strongest first, tiers separated by "then".
 */
export function renderRecognisedHeaders(): string {
  const out: string[] = [];
  for (const kind of ["claims", "sessions", "mar", "fee_schedule", "drug_catalog"] as const) {
    out.push(`### ${KIND_TITLES[kind]}`, "", "| column | required | headers recognised (strongest first) |", "|---|---|---|");
    for (const spec of KIND_SPECS[kind]) {
      const tiers = spec.tiers ?? (spec.synonyms && spec.synonyms.length > 0 ? [spec.synonyms] : []);
      const ranked = tiers.length > 1 || spec.tiers !== undefined;
      const shown = [code(spec.name), ...tiers.map((tier, i) => (ranked && i > 0 ? "then " : "") + tier.map(code).join(", "))].join(ranked ? "; " : ", ");
      out.push(`| ${code(spec.name)} | ${spec.required ? "yes" : ""} | ${shown.replace(/\|/g, "\\|")} |`);
    }
    out.push("");
  }
  return out.join("\n").trimEnd() + "\n";
}
