/**
 * Drug catalog CSV (spec §3.6): `hcpcs` and/or `drug` (name, case-insensitive) → `category`.
 * Rows override the engine's built-in catalog for one organization. Every bad row becomes a
 * RowError; good rows are kept.
 */
import type { DrugCatalogEntry } from "@/lib/coding/types";
import { createHeaderDetector, mapColumns, type ColumnSpec, type ExplicitColumnMapping } from "./map-columns";
import { normalizeCategory } from "./normalize-category";
import { readCsvRows, type CsvSource } from "./read-csv-rows";
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
  const errors: RowError[] = [];
  const notices: ImportNotice[] = [];
  let rowCount = 0;
  let columns: Record<string, number> | undefined;
  const isHeaderRow = createHeaderDetector(DRUG_CATALOG_COLUMNS, options.explicit ? { explicit: options.explicit } : {});
  for await (const batch of readCsvRows(source, { isHeaderRow, ...(options.label ? { label: options.label } : {}) })) {
    columns ??= mapColumns(batch.headers, DRUG_CATALOG_COLUMNS, {
      requireOneOf: [["hcpcs", "drug"]],
      ...(options.explicit ? { explicit: options.explicit } : {}),
      ...(options.label ? { label: options.label } : {}),
    }).columns;
    errors.push(...batch.errors);
    notices.push(...batch.notices);
    for (const row of batch.rows) {
      rowCount += 1;
      const cell = (name: string) => {
        const index = columns?.[name];
        return index === undefined ? "" : (row.cells[index] ?? "").trim();
      };
      const hcpcs = cell("hcpcs").toUpperCase();
      const drug = cell("drug");
      const categoryText = cell("category");
      const category = normalizeCategory(categoryText);
      if (!hcpcs && !drug) {
        errors.push({ line: row.line, column: "hcpcs", code: "MISSING_VALUE", message: "a catalog row needs an hcpcs code or a drug name" });
        continue;
      }
      if (!category) {
        errors.push({
          line: row.line,
          column: "category",
          code: categoryText ? "BAD_CATEGORY" : "MISSING_VALUE",
          message: categoryText
            ? `category ${JSON.stringify(categoryText)} is not chemo, therapeutic or hydration`
            : "category is empty",
          raw: categoryText,
        });
        continue;
      }
      entries.push({ ...(hcpcs ? { hcpcs } : {}), ...(drug ? { drug } : {}), category });
    }
  }
  return { entries, errors, notices, rowCount };
}
