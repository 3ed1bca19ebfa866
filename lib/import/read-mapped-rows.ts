/**
 * The skeleton of the small reference-data readers (fee schedule, drug catalog): stream a CSV,
 * find the header among preamble rows, map its columns once, and hand each data row over with a
 * cell accessor by canonical column name. Reader-level row problems and notices are collected.
 */
import { createHeaderDetector, mapColumns, type ColumnSpec, type ExplicitColumnMapping } from "./map-columns";
import { readCsvRows, type CsvSource } from "./read-csv-rows";
import type { ImportNotice, RowError } from "./row-error";

export type MappedRow = { line: number; cell: (name: string) => string };

export type ReadMappedRowsOptions = {
  explicit?: ExplicitColumnMapping;
  label?: string;
  /** Groups of columns of which at least one must be mapped (see `mapColumns`). */
  requireOneOf?: readonly (readonly string[])[];
};

/**
 * Calls `onRow` for every data row, cells trimmed ("" when the column is not mapped). Throws
 * `ImportFileError` for whole-file problems (unreadable, empty, binary, missing columns).
 */
export async function readMappedRows(
  source: CsvSource,
  specs: readonly ColumnSpec[],
  options: ReadMappedRowsOptions,
  onRow: (row: MappedRow) => void,
): Promise<{ errors: RowError[]; notices: ImportNotice[]; rowCount: number }> {
  const errors: RowError[] = [];
  const notices: ImportNotice[] = [];
  let rowCount = 0;
  let columns: Record<string, number> | undefined;
  const isHeaderRow = createHeaderDetector(specs, options.explicit ? { explicit: options.explicit } : {});
  for await (const batch of readCsvRows(source, { isHeaderRow, ...(options.label ? { label: options.label } : {}) })) {
    columns ??= mapColumns(batch.headers, specs, {
      ...(options.requireOneOf ? { requireOneOf: options.requireOneOf } : {}),
      ...(options.explicit ? { explicit: options.explicit } : {}),
      ...(options.label ? { label: options.label } : {}),
    }).columns;
    const mapped = columns;
    for (const error of batch.errors) errors.push(error);
    for (const notice of batch.notices) notices.push(notice);
    for (const row of batch.rows) {
      rowCount += 1;
      onRow({
        line: row.line,
        cell: (name) => {
          const index = mapped[name];
          return index === undefined ? "" : (row.cells[index] ?? "").trim();
        },
      });
    }
  }
  return { errors, notices, rowCount };
}
