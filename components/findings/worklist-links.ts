import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import {
  DEFAULT_SORT_DIRECTION,
  parseFindingListQuery,
  toFindingSearchParams,
  toFindingSearchString,
  type TFindingListFilters,
  type TFindingListQuery,
  type TFindingSortKey,
  type TOptionalFindingColumn,
} from "@/lib/db/findings/finding-list-query";

/** `/findings?…` for a query (cursor, columns and all). */
export function findingsHref(query: Partial<TFindingListQuery> & { filters: TFindingListFilters }): string {
  const params = toFindingSearchString(query);

  return params ? `/findings?${params}` : "/findings";
}

/**
 * The link of a view of the worklist: its filters, sort, direction and columns, first page. A
 * saved view's link and the current page's are equal exactly when the page shows that view.
 */
export function viewHref(query: Pick<TFindingListQuery, "filters" | "sort" | "direction" | "columns">): string {
  return findingsHref({ filters: query.filters, sort: query.sort, direction: query.direction, columns: query.columns });
}

/** The link of a saved view (its canonical query and its columns). */
export function savedViewHref(view: { query: string; columns: readonly TOptionalFindingColumn[] }, weekStartsOn: WeekStartsOn): string {
  return viewHref({ ...parseFindingListQuery(new URLSearchParams(view.query), weekStartsOn), columns: view.columns });
}

/** The link a sortable column header points at: same filters, first page, direction toggled when already sorted. */
export function sortHref(query: TFindingListQuery, key: TFindingSortKey): string {
  const direction = query.sort === key ? (query.direction === "asc" ? "desc" : "asc") : DEFAULT_SORT_DIRECTION[key];

  return findingsHref({ filters: query.filters, sort: key, direction, limit: query.limit, columns: query.columns });
}

/** The CSV export of the current filter and order (every page, no cursor). */
export function exportHref(query: TFindingListQuery): string {
  const params = toFindingSearchParams({ filters: query.filters, sort: query.sort, direction: query.direction }).toString();

  return params ? `/api/findings/export?${params}` : "/api/findings/export";
}

/** The worklist's own params (everything but the dashboard filters), kept by the filter chips' links. */
export function worklistExtras(query: TFindingListQuery): Record<string, string | undefined> {
  const params = toFindingSearchParams({
    filters: { ...pickWorklistFilters(query.filters) },
    sort: query.sort,
    direction: query.direction,
    columns: query.columns,
  });

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
