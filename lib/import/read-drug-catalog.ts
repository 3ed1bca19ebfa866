/**
 * Drug catalog CSV (spec §3.6): `hcpcs` and/or `drug` (name, case-insensitive) → `category`.
 * Rows override the engine's built-in catalog for one organization. Every bad row becomes a
 * RowError; good rows are kept.
 */
import type { DrugCatalogEntry } from "@/lib/coding/types";
import type { ColumnSpec, ExplicitColumnMapping } from "./map-columns";
import { normalizeCategory } from "./normalize-category";
import type { CsvSource } from "./read-csv-rows";
import { readMappedRows } from "./read-mapped-rows";
import type { ImportNotice, RowError } from "./row-error";

export const DRUG_CATALOG_COLUMNS: readonly ColumnSpec[] = [
  { name: "hcpcs", synonyms: ["HCPCS Code", "J Code", "J-Code", "Code", "CPT/HCPCS"] },
  { name: "drug", synonyms: ["Drug Name", "Medication", "Name", "Generic Name"] },
  { name: "category", required: true, synonyms: ["Drug Category", "Class", "Type", "Admin Category"] },
];

export type DrugCatalogReadResult = { entries: DrugCatalogEntry[]; errors: RowError[]; notices: ImportNotice[]; rowCount: number };

export async function readDrugCatalog(
  source: CsvSource,
  options: { explicit?: ExplicitColumnMapping; label?: string } = {},
): Promise<DrugCatalogReadResult> {
  const entries: DrugCatalogEntry[] = [];
  const rowErrors: RowError[] = [];
  const read = await readMappedRows(source, DRUG_CATALOG_COLUMNS, { ...options, requireOneOf: [["hcpcs", "drug"]] }, ({ line, cell }) => {
    const hcpcs = cell("hcpcs").toUpperCase();
    const drug = cell("drug");
    const categoryText = cell("category");
    const category = normalizeCategory(categoryText);
    if (!hcpcs && !drug) {
      rowErrors.push({ line, column: "hcpcs", code: "MISSING_VALUE", message: "a catalog row needs an hcpcs code or a drug name" });
      return;
    }
    if (!category) {
      rowErrors.push({
        line,
        column: "category",
        code: categoryText ? "BAD_CATEGORY" : "MISSING_VALUE",
        message: categoryText ? `category ${JSON.stringify(categoryText)} is not chemo, therapeutic or hydration` : "category is empty",
        raw: categoryText,
      });
      return;
    }
    entries.push({ ...(hcpcs ? { hcpcs } : {}), ...(drug ? { drug } : {}), category });
  });
  return { entries, errors: [...read.errors, ...rowErrors].sort((a, b) => a.line - b.line), notices: read.notices, rowCount: read.rowCount };
}
