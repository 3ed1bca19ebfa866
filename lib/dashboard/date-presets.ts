import { addDays, weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";

export type TDatePreset = { label: string; from?: string; to?: string };

/**
 * Quick whole-week ranges ending with the last week that has data: 4, 13 and 52 weeks, and all.
 *
 * @example
 * buildDatePresets("2025-12-26")[0] //=> { label: "Last 4 weeks", from: "2025-12-01", to: "2025-12-28" }
 */
export function buildDatePresets(lastDate: string | null, weekStartsOn: WeekStartsOn = 1): TDatePreset[] {
  if (!lastDate) return [];
  const lastWeek = weekStartOf(lastDate, weekStartsOn);
  const to = addDays(lastWeek, 6);
  const lastWeeks = (weeks: number): TDatePreset => ({ label: `Last ${weeks} weeks`, from: addDays(lastWeek, -7 * (weeks - 1)), to });

  return [lastWeeks(4), lastWeeks(13), lastWeeks(52), { label: "All weeks" }];
}
