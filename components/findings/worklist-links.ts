import {
  DEFAULT_SORT_DIRECTION,
  toFindingSearchParams,
  type TFindingListFilters,
  type TFindingListQuery,
  type TFindingSortKey,
} from "@/lib/db/findings/finding-list-query";

/** `/findings?…` for a query (cursor and all). */
export function findingsHref(query: Partial<TFindingListQuery> & { filters: TFindingListFilters }): string {
  const params = toFindingSearchParams(query).toString();

  return params ? `/findings?${params}` : "/findings";
}

/** The link a sortable column header points at: same filters, first page, direction toggled when already sorted. */
export function sortHref(query: TFindingListQuery, key: TFindingSortKey): string {
  const direction = query.sort === key ? (query.direction === "asc" ? "desc" : "asc") : DEFAULT_SORT_DIRECTION[key];

  return findingsHref({ filters: query.filters, sort: key, direction, limit: query.limit });
}

/** The CSV export of the current filter and order (every page, no cursor). */
export function exportHref(query: TFindingListQuery): string {
  const params = toFindingSearchParams({ filters: query.filters, sort: query.sort, direction: query.direction }).toString();

  return params ? `/api/findings/export?${params}` : "/api/findings/export";
}

/** The worklist's own params (everything but the dashboard filters), kept by the filter chips' links. */
export function worklistExtras(query: TFindingListQuery): Record<string, string | undefined> {
  const params = toFindingSearchParams({ filters: { ...pickWorklistFilters(query.filters) }, sort: query.sort, direction: query.direction });

  return Object.fromEntries(params.entries());
}

function pickWorklistFilters(filters: TFindingListFilters): TFindingListFilters {
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.code ? { code: filters.code } : {}),
    ...(filters.estimate !== undefined ? { estimate: filters.estimate } : {}),
    ...(filters.rebill ? { rebill: true } : {}),
  };
}
