import type { DashboardFilters } from "@/lib/dashboard/filters";
import { weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import { visibleAt } from "../analysis/analysis-version";

/**
 * WHERE clauses for the rollup tables from the dashboard filters. Each rollup has only some of the
 * dimensions; a filter on a dimension a table lacks cannot narrow it, so callers report which
 * filters a panel ignores (`ignoredFilters`). Dates are whole weeks (filters are week-snapped), so
 * a range on `weekStart` is exact: weeks starting from `from` up to the week holding `to`.
 */
type TWeekRange = { gte?: string; lte?: string };

export function weekStartRange(filters: DashboardFilters, weekStartsOn: WeekStartsOn): TWeekRange | undefined {
  if (!filters.from && !filters.to) return undefined;

  return {
    ...(filters.from ? { gte: weekStartOf(filters.from, weekStartsOn) } : {}),
    ...(filters.to ? { lte: weekStartOf(filters.to, weekStartsOn) } : {}),
  };
}

type TDimension = "payer" | "site" | "nurse" | "setting" | "cause";

/** The columns each rollup table can be filtered on. */
export const ROLLUP_DIMENSIONS = {
  finding: ["payer", "site", "nurse", "setting", "cause"],
  findingSummary: ["payer", "site", "setting", "cause"],
  encounter: ["payer", "site", "nurse", "setting"],
  claim: ["payer", "site"],
  denialReason: ["payer"],
} as const satisfies Record<string, readonly TDimension[]>;

export type TRollupTable = keyof typeof ROLLUP_DIMENSIONS;

/** `{ organizationId, <visible at analysisVersion>, weekStart?, payer?, … }` for one rollup table. */
export function buildRollupWhere(
  table: TRollupTable,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn,
): Record<string, unknown> {
  const where: Record<string, unknown> = { organizationId, ...visibleAt(analysisVersion) };
  const weeks = weekStartRange(filters, weekStartsOn);
  if (weeks) where.weekStart = weeks;
  for (const dimension of ROLLUP_DIMENSIONS[table] as readonly TDimension[]) {
    const value = filters[dimension];
    if (value) where[dimension] = value;
  }

  return where;
}

/** The active filters (other than dates) that a rollup table cannot apply. */
export function ignoredFilters(table: TRollupTable, filters: DashboardFilters): TDimension[] {
  const supported = new Set<string>(ROLLUP_DIMENSIONS[table]);

  return (["payer", "site", "nurse", "setting", "cause"] as const).filter((dimension) => Boolean(filters[dimension]) && !supported.has(dimension));
}
