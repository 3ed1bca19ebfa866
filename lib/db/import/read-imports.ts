/**
 * Read side of imports for the /imports screens: batch history, one batch, its row errors (paged
 * and filterable) and a CSV of its row errors. Every query is scoped to the organization: a batch
 * id from another organization reads as not found.
 */
import { neutralizeCsvCell } from "@/lib/cli/neutralize-csv-cell";
import { getDb, type Db } from "../client";

export type TImportBatchSummary = {
  id: number;
  fileName: string;
  kind: string;
  status: string;
  sourceName: string | null;
  contentHash: string;
  rowsTotal: number;
  rowsImported: number;
  rowsFailed: number;
  warningsCount: number;
  bytesTotal: number;
  failureMessage: string | null;
  userId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export type TImportErrorRow = {
  id: number;
  line: number;
  column: string | null;
  code: string;
  message: string;
  severity: string;
  rawRow: string | null;
};

export type TImportErrorFilter = { code?: string; column?: string; severity?: "error" | "warning" };

const batchSelect = {
  id: true,
  fileName: true,
  kind: true,
  status: true,
  sourceName: true,
  contentHash: true,
  rowsTotal: true,
  rowsImported: true,
  rowsFailed: true,
  warningsCount: true,
  bytesTotal: true,
  failureMessage: true,
  userId: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} as const;

/** The organization's imports, newest first. */
export async function listImportBatches(
  organizationId: string,
  options: { limit?: number; offset?: number } = {},
  db: Db = getDb().db,
): Promise<TImportBatchSummary[]> {
  return db.importBatch.findMany({
    where: { organizationId },
    select: batchSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(options.limit ?? 50, 1), 1000),
    skip: Math.max(options.offset ?? 0, 0),
  });
}

/** One import of the organization, or null (also when the id belongs to another organization). */
export async function getImportBatch(organizationId: string, batchId: number, db: Db = getDb().db): Promise<TImportBatchSummary | null> {
  if (!Number.isSafeInteger(batchId)) return null;
  return db.importBatch.findFirst({ where: { id: batchId, organizationId }, select: batchSelect });
}

function errorWhere(organizationId: string, batchId: number, filter: TImportErrorFilter) {
  return {
    organizationId,
    importBatchId: batchId,
    ...(filter.code ? { code: filter.code } : {}),
    ...(filter.column ? { column: filter.column } : {}),
    ...(filter.severity ? { severity: filter.severity } : {}),
  };
}

const errorSelect = { id: true, line: true, column: true, code: true, message: true, severity: true, rawRow: true } as const;

/** A page of a batch's row errors and warnings, by line, with the total matching the filter. */
export async function listImportErrors(
  organizationId: string,
  batchId: number,
  options: TImportErrorFilter & { offset?: number; limit?: number } = {},
  db: Db = getDb().db,
): Promise<{ total: number; rows: TImportErrorRow[] }> {
  const where = errorWhere(organizationId, batchId, options);
  const [total, rows] = await Promise.all([
    db.importError.count({ where }),
    db.importError.findMany({
      where,
      select: errorSelect,
      orderBy: [{ line: "asc" }, { id: "asc" }],
      skip: Math.max(options.offset ?? 0, 0),
      take: Math.min(Math.max(options.limit ?? 100, 1), 1000),
    }),
  ]);
  return { total, rows };
}

/** Every row error of a batch (matching the filter), in id order, fetched 1,000 at a time. */
export async function* iterateImportErrors(
  organizationId: string,
  batchId: number,
  filter: TImportErrorFilter = {},
  db: Db = getDb().db,
): AsyncGenerator<TImportErrorRow> {
  let after = 0;
  for (;;) {
    const page = await db.importError.findMany({
      where: { ...errorWhere(organizationId, batchId, filter), id: { gt: after } },
      select: errorSelect,
      orderBy: { id: "asc" },
      take: 1000,
    });
    for (const row of page) yield row;
    if (page.length < 1000) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * The batch's row errors as CSV text chunks (header first): line, column, code, severity,
 * message, raw_row. Cells are neutralized against formula injection (spec §8).
 */
export async function* streamImportErrorsCsv(
  organizationId: string,
  batchId: number,
  filter: TImportErrorFilter = {},
  db: Db = getDb().db,
): AsyncGenerator<string> {
  yield "line,column,code,severity,message,raw_row\r\n";
  let buffer = "";
  for await (const e of iterateImportErrors(organizationId, batchId, filter, db)) {
    buffer += `${[e.line, e.column ?? "", e.code, e.severity, e.message, e.rawRow ?? ""].map(neutralizeCsvCell).join(",")}\r\n`;
    if (buffer.length > 65_536) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer) yield buffer;
}

/** The saved column mappings of an organization's source, by kind. */
export async function getSavedColumnMappings(
  organizationId: string,
  sourceName: string,
  db: Db = getDb().db,
): Promise<Record<string, Record<string, string>>> {
  const rows = await db.columnMapping.findMany({ where: { organizationId, sourceName }, select: { kind: true, mapping: true } });
  const out: Record<string, Record<string, string>> = {};
  for (const row of rows) {
    const mapping = row.mapping;
    if (mapping && typeof mapping === "object" && !Array.isArray(mapping)) {
      out[row.kind] = Object.fromEntries(Object.entries(mapping).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    }
  }
  return out;
}
