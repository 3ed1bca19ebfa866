import type { TPortfolioRow } from "@/lib/db/portfolio";

/**
 * The portfolio's order, kept in the URL (`?sort=annualized&dir=desc`, the default): by name or by
 * any numeric column. Sorting is on the server and stable: ties, and practices without a value
 * (no claim lines, no import yet), keep the name order, and the valueless ones always come last.
 */
export const PORTFOLIO_SORT_KEYS = ["name", "annualized", "weekly", "hours", "denials", "imported"] as const;
export type TPortfolioSortKey = (typeof PORTFOLIO_SORT_KEYS)[number];
export type TSortDirection = "asc" | "desc";
export type TPortfolioSort = { key: TPortfolioSortKey; direction: TSortDirection };

export const DEFAULT_PORTFOLIO_SORT: TPortfolioSort = { key: "annualized", direction: "desc" };

/** The direction a column sorts in when first chosen: names A→Z, figures largest (or latest) first. */
const FIRST_DIRECTION: Record<TPortfolioSortKey, TSortDirection> = {
  name: "asc",
  annualized: "desc",
  weekly: "desc",
  hours: "desc",
  denials: "desc",
  imported: "desc",
};

const SORT_VALUE: Record<Exclude<TPortfolioSortKey, "name">, (row: TPortfolioRow) => number | null> = {
  annualized: (row) => row.figures.annualizedLeakageCents,
  weekly: (row) => row.figures.weeklyLeakageCents,
  hours: (row) => row.figures.lostAddOnHoursPerWeek,
  denials: (row) => row.figures.denialRate,
  imported: (row) => row.lastImport?.finishedAt.getTime() ?? null,
};

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isSortKey(value: string | undefined): value is TPortfolioSortKey {
  return (PORTFOLIO_SORT_KEYS as readonly string[]).includes(value ?? "");
}

/** Reads `sort` and `dir`; an unknown column falls back to the default, a missing direction to the column's own. */
export function parsePortfolioSort(searchParams: Record<string, string | string[] | undefined>): TPortfolioSort {
  const key = first(searchParams.sort);
  if (!isSortKey(key)) return DEFAULT_PORTFOLIO_SORT;
  const direction = first(searchParams.dir);

  return { key, direction: direction === "asc" || direction === "desc" ? direction : FIRST_DIRECTION[key] };
}

/** The link a column header points at: the other direction when already sorted by it, else its first direction. */
export function portfolioSortHref(current: TPortfolioSort, key: TPortfolioSortKey): string {
  const direction = current.key === key ? (current.direction === "asc" ? "desc" : "asc") : FIRST_DIRECTION[key];

  return `/practices?sort=${key}&dir=${direction}`;
}

function byName(a: TPortfolioRow, b: TPortfolioRow): number {
  return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
}

/** A sorted copy of the rows (the input is left as it is). */
export function sortPortfolioRows(rows: readonly TPortfolioRow[], sort: TPortfolioSort): TPortfolioRow[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  if (sort.key === "name") return [...rows].sort((a, b) => sign * byName(a, b));
  const valueOf = SORT_VALUE[sort.key];

  return [...rows].sort((a, b) => {
    const [left, right] = [valueOf(a), valueOf(b)];
    if (left === null || right === null) return left === right ? byName(a, b) : left === null ? 1 : -1;

    return sign * (left - right) || byName(a, b);
  });
}
