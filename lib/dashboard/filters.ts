/**
 * Global dashboard filters, kept in the URL so a view can be bookmarked or sent (ui-guide §6).
 * Pure: no database, no React. Pages parse `searchParams` with parseDashboardFilters and build links
 * with toSearchParams / withFilters.
 *
 * Dates are snapped to whole weeks of the organization's week start: `from` back to the first day
 * of its week, `to` forward to the last day of its week. So a date filter always covers whole
 * weeks, the rollup tables (one row per week) answer it exactly, and "filter days ÷ 7" (spec §5.4)
 * is a whole number of weeks.
 */
import { z } from "zod";
import { addDays, weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import { CAUSES, type TCause } from "./causes";

export const DASHBOARD_SETTINGS = ["facility", "professional"] as const;
export type TDashboardSetting = (typeof DASHBOARD_SETTINGS)[number];

export type DashboardFilters = {
  /** First day of the first week in scope ('YYYY-MM-DD'). */
  from?: string;
  /** Last day of the last week in scope ('YYYY-MM-DD'). */
  to?: string;
  payer?: string;
  site?: string;
  nurse?: string;
  cause?: TCause;
  setting?: TDashboardSetting;
};

export type TDashboardFilterKey = keyof DashboardFilters;

/** URL order of the keys (stable links). */
export const DASHBOARD_FILTER_KEYS = ["from", "to", "payer", "site", "nurse", "cause", "setting"] as const satisfies readonly TDashboardFilterKey[];

export const DASHBOARD_FILTER_LABELS: Readonly<Record<TDashboardFilterKey, string>> = {
  from: "From",
  to: "To",
  payer: "Payer",
  site: "Site",
  nurse: "Nurse",
  cause: "Cause",
  setting: "Setting",
};

/** What Next gives a page as `searchParams`, or a URLSearchParams. */
export type TSearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

const MAX_TEXT = 200;

const ZIsoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);

    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  });

const ZText = z.string().trim().min(1).max(MAX_TEXT);

/** Each key is parsed on its own: a bad value drops that filter only, never the page. */
const ZDashboardFilterFields = {
  from: ZIsoDate,
  to: ZIsoDate,
  payer: ZText,
  site: ZText,
  nurse: ZText,
  cause: z.enum(CAUSES),
  setting: z.enum(DASHBOARD_SETTINGS),
} as const;

function firstValue(input: TSearchParamsInput, key: string): string | undefined {
  if (input instanceof URLSearchParams) return input.get(key) ?? undefined;
  const value = input[key];

  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the filters from URL search params: unknown keys and invalid values are ignored, dates are
 * snapped to whole weeks (`weekStartsOn`: 0 = Sunday … 6, Monday by default), and a reversed range
 * is put the right way round. One date alone is kept as an open-ended bound.
 *
 * @example
 * parseDashboardFilters({ from: "2025-03-05", to: "2025-03-12", payer: "Aetna" })
 * //=> { from: "2025-03-03", to: "2025-03-16", payer: "Aetna" }
 */
export function parseDashboardFilters(input: TSearchParamsInput, weekStartsOn: WeekStartsOn = 1): DashboardFilters {
  const filters: DashboardFilters = {};
  for (const key of DASHBOARD_FILTER_KEYS) {
    const raw = firstValue(input, key);
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = ZDashboardFilterFields[key].safeParse(raw);
    if (parsed.success) (filters as Record<string, string>)[key] = parsed.data;
  }
  if (filters.from && filters.to && filters.to < filters.from) [filters.from, filters.to] = [filters.to, filters.from];

  return snapToWeeks(filters, weekStartsOn);
}

/** `from` back to its week's first day, `to` forward to its week's last day. */
export function snapToWeeks(filters: DashboardFilters, weekStartsOn: WeekStartsOn = 1): DashboardFilters {
  const snapped = { ...filters };
  if (snapped.from) snapped.from = weekStartOf(snapped.from, weekStartsOn);
  if (snapped.to) snapped.to = addDays(weekStartOf(snapped.to, weekStartsOn), 6);

  return snapped;
}

/** The filters as URL search params, keys in a stable order, empty values left out. */
export function toSearchParams(filters: DashboardFilters, extra: Record<string, string | number | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of DASHBOARD_FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }

  return params;
}

/**
 * A link to `path` carrying the filters (and any extra params).
 *
 * @example
 * withFilters("/findings", { payer: "Aetna" }, { cause: "coding" }) //=> "/findings?payer=Aetna&cause=coding"
 */
export function withFilters(path: string, filters: DashboardFilters, extra: Record<string, string | number | undefined> = {}): string {
  const query = toSearchParams(filters, extra).toString();

  return query ? `${path}?${query}` : path;
}

/** The filters without some keys (a removed chip). Removing `from` or `to` removes the date range. */
export function withoutFilter(filters: DashboardFilters, key: TDashboardFilterKey): DashboardFilters {
  const next = { ...filters };
  if (key === "from" || key === "to") {
    delete next.from;
    delete next.to;
  } else delete next[key];

  return next;
}

export function hasDateFilter(filters: DashboardFilters): filters is DashboardFilters & { from: string; to: string } {
  return Boolean(filters.from && filters.to);
}

export function countActiveFilters(filters: DashboardFilters): number {
  return DASHBOARD_FILTER_KEYS.filter((key) => Boolean(filters[key])).length;
}
