import { windowFromData, windowFromFilter, type AnalysisWindow } from "@/lib/analysis/annualize";
import { addDays, weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import type { DashboardFilters } from "./filters";

/**
 * The analysis window of spec §5.4 for the dashboard. Without a date filter: from the first to the
 * last date of service in scope (weeks counted week to week, inclusive: `windowFromData`). With a
 * date filter: the filter's days ÷ 7 (`windowFromFilter`); the filter is week-snapped, so that is a
 * whole number of weeks. One open end is closed by the data (to the end of the last data week, or
 * from the start of the first). Null when there is no data in scope and no full date filter.
 *
 * @example
 * resolveWindow({}, "2024-01-01", "2025-12-26") //=> { from: "2024-01-01", to: "2025-12-26", weeks: 104 }
 * resolveWindow({ from: "2025-03-03", to: "2025-03-30" }, null, null) //=> { from: "2025-03-03", to: "2025-03-30", weeks: 4 }
 */
export function resolveWindow(
  filters: Pick<DashboardFilters, "from" | "to">,
  firstDate: string | null,
  lastDate: string | null,
  weekStartsOn: WeekStartsOn = 1,
): AnalysisWindow | null {
  if (filters.from && filters.to) return windowFromFilter(filters.from, filters.to);
  if (filters.from) {
    if (!lastDate || lastDate < filters.from) return null;

    return windowFromFilter(filters.from, addDays(weekStartOf(lastDate, weekStartsOn), 6));
  }
  if (filters.to) {
    if (!firstDate || firstDate > filters.to) return null;

    return windowFromFilter(weekStartOf(firstDate, weekStartsOn), filters.to);
  }
  if (!firstDate || !lastDate) return null;

  return windowFromData(firstDate, lastDate, weekStartsOn);
}
