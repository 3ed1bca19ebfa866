import type { Db } from "../client";
import type { DatabaseTarget } from "../database-target";
import { visibleAtSql } from "../analysis/analysis-version";
import { streamSqliteQuery } from "../sqlite-query-stream";
import { findClaimLineReasons } from "./find-claim-line-reasons";
import { iterateFindings, NULLABLE, SORT_COLUMNS } from "./find-findings-page";
import type { TFindingListFilters, TFindingListQuery } from "./finding-list-query";
import { exportRowFromCells, type TFindingExportRow } from "./export-row";

export type { TFindingExportRow } from "./export-row";

export type TExportQuery = Omit<TFindingListQuery, "limit" | "after" | "before">;

/**
 * Every finding matching the worklist query, in the list's order, a batch at a time, with each
 * row's claim-line reasons: what the CSV export writes.
 *
 * On SQLite one statement is read on a worker thread (streamSqliteQuery): at a million encounters
 * the keyset walk plus Prisma's row building cost the app's only thread ~2 s per weekly export of
 * ~9,000 rows, and every page request queued behind it. On PostgreSQL the work is the server's, so
 * the worklist's keyset pages are read as they are.
 */
export async function* iterateFindingsForExport(
  db: Db,
  target: DatabaseTarget,
  organizationId: string,
  analysisVersion: number,
  query: TExportQuery,
  options: { batchSize?: number } = {},
): AsyncGenerator<TFindingExportRow[]> {
  const batchSize = options.batchSize ?? 1000;
  if (target.provider === "sqlite") {
    const { sql, params } = exportSql(organizationId, analysisVersion, query);
    for await (const batch of streamSqliteQuery(target, sql, params, { batchSize })) yield batch.map(exportRowFromCells);
    return;
  }
  for await (const batch of iterateFindings(db, organizationId, analysisVersion, query, { batchSize })) {
    const reasons = await findClaimLineReasons(db, organizationId, batch.flatMap((row) => (row.claimLineId === null ? [] : [row.claimLineId])));
    yield batch.map((row) => ({ ...row, reasons: row.claimLineId === null ? null : (reasons.get(row.claimLineId) ?? null) }));
  }
}

const SELECTED = [
  `f."id"`, `f."dateOfService"`, `f."encounterId"`, `e."externalEncounterId"`, `e."patientKey"`, `e."patientIdSealed"`, `f."kind"`, `f."cause"`, `f."code"`,
  `f."units"`, `f."valueCents"`, `f."valueSource"`, `f."isEstimate"`, `f."explanation"`, `f."payer"`, `f."site"`, `f."nurse"`, `f."claimId"`,
  `f."filingDeadline"`, `f."claimLineId"`,
  // The line's CARC adjustments and RARC remarks in stored order, as JSON arrays (null without a line).
  `CASE WHEN f."claimLineId" IS NULL THEN NULL ELSE (SELECT json_group_array(json_array(a."group", a."reason") ORDER BY a."id") FROM "ClaimAdjustment" a WHERE a."claimLineId" = f."claimLineId" AND a."organizationId" = f."organizationId") END`,
  `CASE WHEN f."claimLineId" IS NULL THEN NULL ELSE (SELECT json_group_array(r."code" ORDER BY r."id") FROM "ClaimRemark" r WHERE r."claimLineId" = f."claimLineId" AND r."organizationId" = f."organizationId") END`,
].join(", ");

/** The worklist filters (buildFindingWhere) as SQLite SQL on alias `f`. */
function filterSql(filters: TFindingListFilters): { sql: string[]; params: (string | number)[] } {
  const sql: string[] = [];
  const params: (string | number)[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined || value === "") return;
    sql.push(`f."${column}" = ?`);
    params.push(value);
  };
  if (filters.from) {
    sql.push(`f."dateOfService" >= ?`);
    params.push(filters.from);
  }
  if (filters.to) {
    sql.push(`f."dateOfService" <= ?`);
    params.push(filters.to);
  }
  equal("payer", filters.payer);
  equal("site", filters.site);
  equal("nurse", filters.nurse);
  equal("setting", filters.setting);
  equal("cause", filters.cause);
  equal("kind", filters.kind);
  equal("code", filters.code);
  if (filters.estimate !== undefined) {
    sql.push(`f."isEstimate" = ?`);
    params.push(filters.estimate ? 1 : 0);
  }

  return { sql, params };
}

/** Exported for tests: the SQLite statement behind the export. */
export function exportSql(organizationId: string, analysisVersion: number, query: TExportQuery): { sql: string; params: (string | number)[] } {
  const visible = visibleAtSql(analysisVersion, "f");
  const filters = filterSql(query.filters);
  const direction = query.direction === "asc" ? "ASC" : "DESC";
  // The worklist's order: its sort columns, NULLs last in either direction, then id.
  const order = [...SORT_COLUMNS[query.sort].map((column) => `f."${column}" ${direction}${NULLABLE.has(column) ? " NULLS LAST" : ""}`), `f."id" ${direction}`];
  // A date range bounds the rows to sort: without planner statistics SQLite walked the sort
  // column's index over the whole organization instead (a week sorted by value read 3.75M entries).
  const index = query.filters.from || query.filters.to ? ` INDEXED BY "Finding_page_date_idx"` : "";

  return {
    sql:
      `SELECT ${SELECTED} FROM "Finding" f${index} LEFT JOIN "Encounter" e ON e."id" = f."encounterId" AND e."organizationId" = f."organizationId" ` +
      `WHERE ${[`f."organizationId" = ?`, visible.sql, ...filters.sql].join(" AND ")} ORDER BY ${order.join(", ")}`,
    params: [organizationId, ...visible.params, ...filters.params],
  };
}

