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
 * Sort columns per sort key, each followed by id as the tie-breaker. Each list, then id, is the
 * column order of a page index of Finding (Finding_page_*_idx), so a page is an index range scan,
 * never a sort of the organization's rows. Kinds belong
 * to one cause each (spec §5.2), so "kind" sorts by cause then kind: the (organizationId, cause,
 * kind) index, which groups the kinds of a cause together.
 */
export const SORT_COLUMNS: Record<TFindingSortKey, readonly TSortColumn[]> = {
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
export const NULLABLE: ReadonlySet<TSortColumn> = new Set<TSortColumn>(["payer", "filingDeadline"]);

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

/** What the walk reads: the id and the sort columns (every one is in the page indexes). */
const keySelect = { id: true, dateOfService: true, valueCents: true, cause: true, kind: true, payer: true, filingDeadline: true } as const;

type TKeyRow = Prisma.FindingGetPayload<{ select: typeof keySelect }>;

function toRow(row: TSelectedRow): TFindingRow {
  const { encounter, ...rest } = row;

  return { ...rest, encounterLabel: encounter?.externalEncounterId ?? null, patientKey: encounter?.patientKey ?? null, patientIdSealed: encounter?.patientIdSealed ?? null };
}

function cursorOf(row: TKeyRow, columns: readonly TSortColumn[]): TFindingCursor {
  return { values: columns.map((column) => row[column]), id: row.id };
}

type TPhase = "values" | "nulls";

/**
 * "Strictly beyond `cursor`" in the order (columns…, id), all `direction`, as the keyset's ranges in
 * walking order: the same sort values and a further id first, then each shorter equal prefix with
 * the next column further. Each is one range of the page index (equalities, then one bound), so a
 * far page seeks straight to its rows; the single OR of them bounded only the first column, and
 * page 2,000 of a payer or kind sort read every row of that payer or kind before the cursor.
 */
function keysetRanges(columns: readonly TSortColumn[], cursor: TFindingCursor, direction: TSortDirection): Prisma.FindingWhereInput[] {
  const beyond = direction === "asc" ? "gt" : "lt";
  const ranges: Prisma.FindingWhereInput[] = [];
  const equalPrefix: Record<string, unknown> = {};
  columns.forEach((column, index) => {
    const value = cursor.values[index] ?? null;
    ranges.push({ ...equalPrefix, [column]: { [beyond]: value } });
    equalPrefix[column] = value;
  });
  ranges.push({ ...equalPrefix, id: { [beyond]: cursor.id } });

  return ranges.reverse();
}

/**
 * One page of an organization's findings, sorted and filtered, paged by keyset (a cursor holds the
 * sort values and id of the row at the page edge), so page 1,000 costs what page 1 does.
 *
 * Two reads: the walk selects only ids and sort columns, which the page indexes of Finding hold
 * together with every filter column and the version columns (prisma/schema.prisma), so whichever
 * index the planner walks, it never reads a table row to test a filter or to sort; then the page's
 * rows are read by id. Without that, a filter correlated with the sort order (code 96375 sorted by
 * value, estimates sorted by kind) read most of the organization's rows for one page.
 */
export async function findFindingsPage(db: Db, organizationId: string, analysisVersion: number, query: TFindingListQuery): Promise<TFindingPage> {
  const columns = SORT_COLUMNS[query.sort];
  const limit = Math.min(Math.max(query.limit, 1), 1000);
  const isBackward = !query.after && Boolean(query.before);
  // Walking backwards is the same walk with every direction flipped, then reversed.
  const direction: TSortDirection = isBackward ? (query.direction === "asc" ? "desc" : "asc") : query.direction;
  const cursor = query.after ?? query.before;
  const base = buildFindingWhere(organizationId, analysisVersion, query.filters);
  // A payer filter under the payer sort pins the sort column to one value: the NULL phase and the
  // ranges past that value hold no row. PostgreSQL does not see that `payer IS NULL` contradicts
  // `payer = …` and walked every NULL-payer entry of the index (470 ms for page 2,000 at 1M).
  const pinned = query.sort === "payer" && Boolean(query.filters.payer);
  const nullable = columns.length === 1 && NULLABLE.has(columns[0] as TSortColumn) && !pinned;
  const isNullCursor = cursor !== undefined && (cursor.values[0] ?? null) === null;

  // Phases in walking order: NULLs last going forward, so first going backward.
  let phases: TPhase[] = nullable ? (isBackward ? ["nulls", "values"] : ["values", "nulls"]) : ["values"];
  // A cursor inside one phase skips the phases before it.
  if (nullable && cursor) phases = phases.slice(phases.indexOf(isNullCursor ? "nulls" : "values"));

  const fetched: TKeyRow[] = [];
  for (const [index, phase] of phases.entries()) {
    const isCursorPhase = index === 0 && cursor !== undefined;
    const column = columns[0] as TSortColumn;
    const phaseWhere: Prisma.FindingWhereInput = phase === "nulls" ? { [column]: null } : nullable ? { NOT: { [column]: null } } : {};
    const ranges: Prisma.FindingWhereInput[] = !isCursorPhase
      ? [{}]
      : phase === "nulls"
        ? [{ id: { [direction === "asc" ? "gt" : "lt"]: cursor.id } }]
        : keysetRanges(columns, cursor, direction).slice(0, pinned ? 1 : undefined);
    const orderBy: Prisma.FindingOrderByWithRelationInput[] =
      phase === "nulls" ? [{ id: direction }] : [...columns.map((name) => ({ [name]: direction })), { id: direction }];
    for (const range of ranges) {
      const rows = await db.finding.findMany({
        where: { AND: [base, phaseWhere, range] },
        orderBy,
        take: limit + 1 - fetched.length,
        select: keySelect,
      });
      fetched.push(...rows);
      if (fetched.length > limit) break;
    }
    if (fetched.length > limit) break;
  }

  const hasMore = fetched.length > limit;
  const pageRows = fetched.slice(0, limit);
  if (isBackward) pageRows.reverse();
  const first = pageRows[0];
  const last = pageRows.at(-1);
  const ids = pageRows.map((row) => row.id);
  // By id alone: with `organizationId` in the WHERE, SQLite (no planner statistics) walked the
  // organization's (organizationId, weekStart) index instead of the primary key — every finding of
  // the practice for 50 rows, 0.6–1.2 s at 1M encounters. The ids came from this organization's
  // walk; the organization is checked on each row all the same.
  const byId = new Map(
    (await db.finding.findMany({ where: { id: { in: ids } }, select: { ...rowSelect, organizationId: true } }))
      .filter((row) => row.organizationId === organizationId)
      .map(({ organizationId: _organizationId, ...row }) => [row.id, row]),
  );

  return {
    // A row retired and deleted between the two reads (a recompute published meanwhile) is left out.
    rows: ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toRow(row)] : [];
    }),
    nextCursor: last && (isBackward || hasMore) ? cursorOf(last, columns) : null,
    previousCursor: first && (isBackward ? hasMore : Boolean(cursor)) ? cursorOf(first, columns) : null,
  };
}

/** The most rows a count reads; above it the worklist says "10,000+" instead of scanning on. */
export const FINDING_COUNT_CAP = 10_000;

/**
 * How many findings match, counted up to `cap`: at most cap + 1 rows are counted, walking the date
 * page index (it holds every filter column, so no table row is read), and a million-row
 * organization costs what ten thousand rows do.
 * `capped` is true when there are more.
 */
export async function countFindings(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  query: Pick<TFindingListQuery, "filters">,
  options: { cap?: number } = {},
): Promise<{ count: number; capped: boolean; valueCents: number }> {
  const cap = options.cap ?? FINDING_COUNT_CAP;
  // COUNT over a LIMITed subquery: one row comes back, not cap + 1 (building 10,001 rows cost a
  // first view hundreds of milliseconds). The order makes the planner walk the date page index,
  // which holds every filter column: left to itself, SQLite picked the narrower (organizationId,
  // weekStart) index and read a table row per candidate (350 ms for a site filter at 1M encounters).
  const where = buildFindingWhere(organizationId, analysisVersion, query.filters);
  // Estimates are the documentation findings' values (spec §5.2: a missing stop time is valued at
  // the practice's median duration), so `cause = documentation` changes no count and lets the count
  // seek the (organizationId, cause, …) page index. Without it PostgreSQL scanned the whole table for
  // the few estimates among the organization's rows (130 ms at 200,000 encounters instead of 12 ms).
  if (query.filters.estimate === true && !query.filters.cause) where.cause = "documentation";
  const result = await db.finding.aggregate({
    where,
    orderBy: [{ dateOfService: "desc" }, { id: "desc" }],
    take: cap + 1,
    _count: { _all: true },
    _sum: { valueCents: true },
  });
  const count = result._count._all;
  const valueCents = result._sum.valueCents ?? 0;

  // Past the cap the sum covers the cap + 1 newest matches only: the page says so.
  return count > cap ? { count: cap, capped: true, valueCents } : { count, capped: false, valueCents };
}

/**
 * Every matching finding in the list's order, a batch at a time (keyset, `batchSize` rows per
 * query): the CSV export streams these without holding the result in memory.
 */
export async function* iterateFindings(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  query: Omit<TFindingListQuery, "limit" | "after" | "before">,
  options: { batchSize?: number } = {},
): AsyncGenerator<TFindingRow[]> {
  const batchSize = options.batchSize ?? 1000;
  let after: TFindingCursor | undefined;
  for (;;) {
    const page = await findFindingsPage(db, organizationId, analysisVersion, { ...query, limit: batchSize, ...(after ? { after } : {}) });
    if (page.rows.length > 0) yield page.rows;
    if (!page.nextCursor) return;
    after = page.nextCursor;
  }
}
