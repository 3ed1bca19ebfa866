/**
 * The query behind the findings worklist and its CSV export: the dashboard filters from the URL,
 * the worklist's own filters (kind, code, estimate), a sort and a keyset cursor. Pure (no DB) so
 * pages, route handlers and tests share one parser.
 */
import { z } from "zod";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { DASHBOARD_FILTER_KEYS, parseDashboardFilters, type DashboardFilters } from "@/lib/dashboard/filters";

export const FINDING_SORT_KEYS = ["date", "value", "kind", "cause", "payer", "deadline"] as const;

/** The findings table's columns a person may hide (`cols` in the URL); the others always show. */
export const OPTIONAL_FINDING_COLUMNS = ["patient", "source", "payer", "status"] as const;
export type TOptionalFindingColumn = (typeof OPTIONAL_FINDING_COLUMNS)[number];
export type TFindingSortKey = (typeof FINDING_SORT_KEYS)[number];
export type TSortDirection = "asc" | "desc";

/** The global dashboard filters (lib/dashboard/filters.ts) plus the worklist's own. */
export type TFindingListFilters = DashboardFilters & {
  kind?: string;
  code?: string;
  /** true = only estimates (documentation), false = only non-estimates. */
  estimate?: boolean;
  /**
   * The rebill view: candidates from findRebillCandidates (lib/db/analysis/rebill.ts), one per
   * encounter + claim still inside the timely-filing window; only the payer filter applies there.
   */
  rebill?: boolean;
};

/** A position in the sorted list: the sort columns' values of the last (or first) row shown, then its id. */
export type TFindingCursor = { values: (string | number | null)[]; id: number };

export type TFindingListQuery = {
  filters: TFindingListFilters;
  sort: TFindingSortKey;
  direction: TSortDirection;
  /** Rows after this cursor (next page) … */
  after?: TFindingCursor;
  /** … or rows before it (previous page). */
  before?: TFindingCursor;
  /** Page size, 1–200. */
  limit: number;
  /** The rebill view pages by number (1-based; its candidate set is small and grouped in SQL). */
  page?: number;
  /**
   * The optional columns shown, in OPTIONAL_FINDING_COLUMNS order; absent when all show (and
   * always in the rebill view, whose table has no optional columns).
   */
  columns?: readonly TOptionalFindingColumn[];
};

export const DEFAULT_FINDING_PAGE_SIZE = 50;

/** Default direction for each sort: newest and largest first, names A→Z. */
export const DEFAULT_SORT_DIRECTION: Record<TFindingSortKey, TSortDirection> = {
  date: "desc",
  value: "desc",
  kind: "asc",
  cause: "asc",
  payer: "asc",
  deadline: "asc",
};

const ZCursorPayload = z.object({ v: z.array(z.union([z.string(), z.number(), z.null()])).max(3), i: z.number().int() });

/** Encodes a cursor for a URL (base64url of a small JSON). */
export function encodeFindingCursor(cursor: TFindingCursor): string {
  return Buffer.from(JSON.stringify({ v: cursor.values, i: cursor.id }), "utf8").toString("base64url");
}

/** Decodes a cursor from a URL; undefined when it is missing or malformed (the list then starts over). */
export function decodeFindingCursor(text: string | undefined | null): TFindingCursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = ZCursorPayload.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? { values: parsed.data.v, id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}

const ZFindingSearchParams = z.object({
  kind: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/)
    .optional()
    .catch(undefined),
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,10}$/)
    .optional()
    .catch(undefined),
  estimate: z.enum(["yes", "no"]).optional().catch(undefined),
  view: z.enum(["all", "rebill"]).optional().catch(undefined),
  sort: z.enum(FINDING_SORT_KEYS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  after: z.string().max(500).optional().catch(undefined),
  before: z.string().max(500).optional().catch(undefined),
  size: z.coerce.number().int().min(10).max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

type TSearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** `cols` spells "no optional column" with this word: an empty value is dropped by some link builders. */
const NO_COLUMNS = "none";

/**
 * The optional columns a `cols` value names (comma-joined, or repeated as a GET form of checkboxes
 * sends it), in OPTIONAL_FINDING_COLUMNS order; unknown names are dropped.
 * @example parseFindingColumns(["payer,patient", "bogus"]) //=> ["patient", "payer"]
 */
export function parseFindingColumns(values: string | readonly string[]): TOptionalFindingColumn[] {
  const named = new Set((typeof values === "string" ? [values] : values).flatMap((value) => value.split(",")).map((name) => name.trim()));

  return OPTIONAL_FINDING_COLUMNS.filter((column) => named.has(column));
}

/** Every `cols` value of the input; undefined when there is none (all columns show). */
function readColumnsParam(input: TSearchParamsInput): string[] | undefined {
  const values = input instanceof URLSearchParams ? input.getAll("cols") : [input.cols ?? []].flat();

  return values.length > 0 ? values : undefined;
}

function toRecord(input: TSearchParamsInput): Record<string, string | undefined> {
  if (input instanceof URLSearchParams) return Object.fromEntries(input.entries());
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

/**
 * Reads the worklist query from URL search params. Anything malformed is dropped rather than
 * rejected, so an old or hand-edited link still shows a list.
 * @example parseFindingListQuery(new URLSearchParams("cause=coding&sort=value")).sort //=> "value"
 */
export function parseFindingListQuery(input: TSearchParamsInput, weekStartsOn: WeekStartsOn = 1): TFindingListQuery {
  const parsed = ZFindingSearchParams.parse(toRecord(input));
  const dashboard = parseDashboardFilters(input, weekStartsOn);
  const isRebill = parsed.view === "rebill";
  const sort = parsed.sort ?? (isRebill ? "deadline" : "date");
  const filters: TFindingListFilters = {
    ...dashboard,
    ...(parsed.kind ? { kind: parsed.kind } : {}),
    ...(parsed.code ? { code: parsed.code } : {}),
    ...(parsed.estimate ? { estimate: parsed.estimate === "yes" } : {}),
    ...(isRebill ? { rebill: true } : {}),
  };
  const after = decodeFindingCursor(parsed.after);
  const before = after ? undefined : decodeFindingCursor(parsed.before);
  const columnsParam = isRebill ? undefined : readColumnsParam(input);
  const columns = columnsParam ? parseFindingColumns(columnsParam) : undefined;

  return {
    filters,
    sort,
    direction: parsed.dir ?? DEFAULT_SORT_DIRECTION[sort],
    ...(after ? { after } : {}),
    ...(before ? { before } : {}),
    limit: parsed.size ?? DEFAULT_FINDING_PAGE_SIZE,
    ...(isRebill && parsed.page && parsed.page > 1 ? { page: parsed.page } : {}),
    ...(columns && columns.length < OPTIONAL_FINDING_COLUMNS.length ? { columns } : {}),
  };
}

/** The URL search params for a query (the inverse of parseFindingListQuery; defaults left out). */
export function toFindingSearchParams(query: Partial<TFindingListQuery> & { filters: TFindingListFilters }): URLSearchParams {
  const params = new URLSearchParams();
  const { filters } = query;
  for (const key of [...DASHBOARD_FILTER_KEYS, "kind", "code"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.estimate !== undefined) params.set("estimate", filters.estimate ? "yes" : "no");
  if (filters.rebill) params.set("view", "rebill");
  const defaultSort = filters.rebill ? "deadline" : "date";
  if (query.sort && query.sort !== defaultSort) params.set("sort", query.sort);
  if (query.sort && query.direction && query.direction !== DEFAULT_SORT_DIRECTION[query.sort]) params.set("dir", query.direction);
  else if (!query.sort && query.direction && query.direction !== "desc") params.set("dir", query.direction);
  const columns = filters.rebill || !query.columns ? undefined : parseFindingColumns(query.columns);
  if (columns && columns.length < OPTIONAL_FINDING_COLUMNS.length) params.set("cols", columns.length > 0 ? columns.join(",") : NO_COLUMNS);
  if (query.after) params.set("after", encodeFindingCursor(query.after));
  if (query.before) params.set("before", encodeFindingCursor(query.before));
  if (query.limit && query.limit !== DEFAULT_FINDING_PAGE_SIZE) params.set("size", String(query.limit));
  if (filters.rebill && query.page && query.page > 1) params.set("page", String(query.page));

  return params;
}

/** A query's URL search string (toFindingSearchParams), with the commas of `cols` left readable. */
export function toFindingSearchString(query: Partial<TFindingListQuery> & { filters: TFindingListFilters }): string {
  return toFindingSearchParams(query).toString().replaceAll("%2C", ",");
}

/**
 * What a saved view keeps of a worklist search string: its filters, sort and direction, canonical
 * (as toFindingSearchString writes them). Cursors, page, page size, columns (kept beside it) and
 * anything the parser drops are left out, and so is the rebill view: a saved view is a view of the
 * findings list.
 * @example toSavedViewQuery("?sort=value&bogus=1&after=xyz&cause=coding") //=> "cause=coding&sort=value"
 */
export function toSavedViewQuery(search: string, weekStartsOn: WeekStartsOn = 1): string {
  const query = parseFindingListQuery(new URLSearchParams(search.replace(/^\?/, "")), weekStartsOn);
  const { rebill: _rebill, ...filters } = query.filters;

  return toFindingSearchString({ filters, sort: query.sort, direction: query.direction });
}
