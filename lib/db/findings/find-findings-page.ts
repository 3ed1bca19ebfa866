import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../client";
import { buildFindingWhere } from "./build-finding-where";
import type { TFindingCursor, TFindingListQuery, TFindingSortKey, TSortDirection } from "./finding-list-query";

/** One worklist row: what the table and the CSV export show. */
export type TFindingRow = {
  id: number;
  dateOfService: string;
  encounterId: number | null;
  encounterLabel: string | null;
  /** The encounter's pseudonymous patient key; null when the finding has no encounter. */
  patientKey: string | null;
  /** The encounter's sealed MRN (lib/security/patient-id-seal), opened only for roles that may identify patients. */
  patientIdSealed: string | null;
  kind: string;
  cause: string;
  code: string | null;
  units: number;
  valueCents: number;
  valueSource: string;
  isEstimate: boolean;
  explanation: string;
  payer: string | null;
  site: string | null;
  nurse: string | null;
  claimId: string | null;
  filingDeadline: string | null;
  /** The claim line the finding is about (its CARC/RARC reasons: findClaimLineReasons), when there is one. */
  claimLineId: number | null;
};

export type TFindingPage = {
  rows: TFindingRow[];
  /** Cursor for the next page, when there is one. */
  nextCursor: TFindingCursor | null;
  /** Cursor for the previous page, when this is not the first page. */
  previousCursor: TFindingCursor | null;
};

type TSortColumn = "dateOfService" | "valueCents" | "kind" | "cause" | "payer" | "filingDeadline";

/**
 * Sort columns per sort key, each followed by id as the tie-breaker. Each list is the column order
 * of an (organizationId, …) index of Finding (SQLite keeps the rowid, our id, at the end of every
 * index), so a page is an index range scan, never a sort of the organization's rows. Kinds belong
 * to one cause each (spec §5.2), so "kind" sorts by cause then kind: the (organizationId, cause,
 * kind) index, which groups the kinds of a cause together.
 */
const SORT_COLUMNS: Record<TFindingSortKey, readonly TSortColumn[]> = {
  date: ["dateOfService"],
  value: ["valueCents"],
  kind: ["cause", "kind"],
  cause: ["cause", "kind"],
  payer: ["payer"],
  deadline: ["filingDeadline"],
};

/**
 * Columns that may hold NULL. NULLs come last (after every value, in either direction). Rather than
 * `NULLS LAST`, which no index serves, the rows are read in two phases: the non-null ones in index
 * order, then the NULL ones by id.
 */
const NULLABLE = new Set<TSortColumn>(["payer", "filingDeadline"]);

const rowSelect = {
  id: true,
  dateOfService: true,
  encounterId: true,
  kind: true,
  cause: true,
  code: true,
  units: true,
  valueCents: true,
  valueSource: true,
  isEstimate: true,
  explanation: true,
  payer: true,
  site: true,
  nurse: true,
  claimId: true,
  filingDeadline: true,
  claimLineId: true,
  encounter: { select: { externalEncounterId: true, patientKey: true, patientIdSealed: true } },
} as const;

type TSelectedRow = Prisma.FindingGetPayload<{ select: typeof rowSelect }>;

function toRow(row: TSelectedRow): TFindingRow {
  const { encounter, ...rest } = row;

  return { ...rest, encounterLabel: encounter?.externalEncounterId ?? null, patientKey: encounter?.patientKey ?? null, patientIdSealed: encounter?.patientIdSealed ?? null };
}

function cursorOf(row: TSelectedRow, columns: readonly TSortColumn[]): TFindingCursor {
  return { values: columns.map((column) => row[column]), id: row.id };
}

type TPhase = "values" | "nulls";

/**
 * "Strictly beyond `cursor`" in the order (columns…, id), all `direction`: a range bound on the
 * first column (so the planner sees an index range) and the classic keyset OR of equal prefixes.
 */
function keysetWhere(columns: readonly TSortColumn[], cursor: TFindingCursor, direction: TSortDirection): Prisma.FindingWhereInput {
  const beyond = direction === "asc" ? "gt" : "lt";
  const bound = direction === "asc" ? "gte" : "lte";
  const branches: Prisma.FindingWhereInput[] = [];
  const equalPrefix: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const value = cursor.values[index] ?? null;
    branches.push({ ...equalPrefix, [column]: { [beyond]: value } });
    equalPrefix[column] = value;
  });
  branches.push({ ...equalPrefix, id: { [beyond]: cursor.id } });
  const first = columns[0] as TSortColumn;

  return { [first]: { [bound]: cursor.values[0] }, OR: branches };
}

/**
 * One page of an organization's findings, sorted and filtered, paged by keyset (a cursor holds the
 * sort values and id of the row at the page edge), so page 1,000 costs what page 1 does.
 */
export async function findFindingsPage(db: Db, organizationId: string, query: TFindingListQuery): Promise<TFindingPage> {
  const columns = SORT_COLUMNS[query.sort];
  const limit = Math.min(Math.max(query.limit, 1), 1000);
  const isBackward = !query.after && Boolean(query.before);
  // Walking backwards is the same walk with every direction flipped, then reversed.
  const direction: TSortDirection = isBackward ? (query.direction === "asc" ? "desc" : "asc") : query.direction;
  const cursor = query.after ?? query.before;
  const base = buildFindingWhere(organizationId, query.filters);
  const nullable = columns.length === 1 && NULLABLE.has(columns[0] as TSortColumn);
  const isNullCursor = cursor !== undefined && (cursor.values[0] ?? null) === null;

  // Phases in walking order: NULLs last going forward, so first going backward.
  let phases: TPhase[] = nullable ? (isBackward ? ["nulls", "values"] : ["values", "nulls"]) : ["values"];
  // A cursor inside one phase skips the phases before it.
  if (nullable && cursor) phases = phases.slice(phases.indexOf(isNullCursor ? "nulls" : "values"));

  const fetched: TSelectedRow[] = [];
  for (const [index, phase] of phases.entries()) {
    const isCursorPhase = index === 0 && cursor !== undefined;
    const column = columns[0] as TSortColumn;
    const conditions: Prisma.FindingWhereInput[] = [base];
    if (phase === "nulls") {
      conditions.push({ [column]: null });
      if (isCursorPhase) conditions.push({ id: { [direction === "asc" ? "gt" : "lt"]: cursor.id } });
    } else {
      if (nullable) conditions.push({ NOT: { [column]: null } });
      if (isCursorPhase) conditions.push(keysetWhere(columns, cursor, direction));
    }
    const orderBy: Prisma.FindingOrderByWithRelationInput[] =
      phase === "nulls" ? [{ id: direction }] : [...columns.map((name) => ({ [name]: direction })), { id: direction }];
    const rows = await db.finding.findMany({
      where: conditions.length === 1 ? base : { AND: conditions },
      orderBy,
      take: limit + 1 - fetched.length,
      select: rowSelect,
    });
    fetched.push(...rows);
    if (fetched.length > limit) break;
  }

  const hasMore = fetched.length > limit;
  const pageRows = fetched.slice(0, limit);
  if (isBackward) pageRows.reverse();
  const first = pageRows[0];
  const last = pageRows.at(-1);

  return {
    rows: pageRows.map(toRow),
    nextCursor: last && (isBackward || hasMore) ? cursorOf(last, columns) : null,
    previousCursor: first && (isBackward ? hasMore : Boolean(cursor)) ? cursorOf(first, columns) : null,
  };
}

/** The most rows a count reads; above it the worklist says "10,000+" instead of scanning on. */
export const FINDING_COUNT_CAP = 10_000;

/**
 * How many findings match, counted up to `cap`: at most cap + 1 ids are read (in id order, so the
 * primary key drives the scan), and a million-row organization costs what ten thousand rows do.
 * `capped` is true when there are more.
 */
export async function countFindings(
  db: Db,
  organizationId: string,
  query: Pick<TFindingListQuery, "filters">,
  options: { cap?: number } = {},
): Promise<{ count: number; capped: boolean }> {
  const cap = options.cap ?? FINDING_COUNT_CAP;
  const ids = await db.finding.findMany({ where: buildFindingWhere(organizationId, query.filters), select: { id: true }, take: cap + 1 });
  const count = ids.length;

  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

/**
 * Every matching finding in the list's order, a batch at a time (keyset, `batchSize` rows per
 * query): the CSV export streams these without holding the result in memory.
 */
export async function* iterateFindings(
  db: Db,
  organizationId: string,
  query: Omit<TFindingListQuery, "limit" | "after" | "before">,
  options: { batchSize?: number } = {},
): AsyncGenerator<TFindingRow[]> {
  const batchSize = options.batchSize ?? 1000;
  let after: TFindingCursor | undefined;
  for (;;) {
    const page = await findFindingsPage(db, organizationId, { ...query, limit: batchSize, ...(after ? { after } : {}) });
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}

/**
 * The exact number of findings for filters the FindingRollup table can answer (week range, payer,
 * site, nurse, setting, cause, kind, code: every dashboard filter, dates already whole weeks), read
 * from a few rows per week instead of the findings. Null when it cannot answer (the estimate
 * filter): the caller counts with countFindings then. Dates must be whole weeks, as
 * parseDashboardFilters makes them.
 */
export async function countFindingsFromRollups(db: Db, organizationId: string, filters: TFindingListQuery["filters"]): Promise<number | null> {
  if (filters.estimate !== undefined || filters.rebill) return null;
  const result = await db.findingRollup.aggregate({
    where: {
      organizationId,
      ...(filters.from || filters.to ? { weekStart: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } } : {}),
      ...(filters.payer ? { payer: filters.payer } : {}),
      ...(filters.site ? { site: filters.site } : {}),
      ...(filters.nurse ? { nurse: filters.nurse } : {}),
      ...(filters.setting ? { setting: filters.setting } : {}),
      ...(filters.cause ? { cause: filters.cause } : {}),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.code ? { code: filters.code } : {}),
    },
    _sum: { findings: true },
  });

  return result._sum.findings ?? 0;
}
