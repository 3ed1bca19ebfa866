/**
 * The Reports screen's choices, kept in the URL like the dashboard's filters (a report view can be
 * bookmarked or sent) and sent as JSON when a PDF or workbook is built. Pure: no clock, no database.
 *
 * Periods are whole weeks ending with the last week that has data, like the dashboard's presets,
 * so a report's figures equal the overview's for the same range: "last quarter" is 13 weeks and
 * "last 12 months" 52 weeks. A custom range is snapped to whole weeks by parseDashboardFilters.
 */
import { z } from "zod";
import { addDays, weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import { DASHBOARD_FILTER_KEYS, parseDashboardFilters, toSearchParams, type DashboardFilters, type TSearchParamsInput } from "@/lib/dashboard/filters";
import { REPORT_FORMATS, REPORT_SECTIONS, type TReportSection } from "./report-data";

export const REPORT_PERIODS = ["quarter", "year", "all", "custom"] as const;
export type TReportPeriod = (typeof REPORT_PERIODS)[number];

export const REPORT_PERIOD_LABELS: Readonly<Record<TReportPeriod, string>> = {
  quarter: "Last quarter (13 weeks)",
  year: "Last 12 months (52 weeks)",
  all: "All data",
  custom: "Custom range",
};

const PERIOD_WEEKS: Readonly<Record<"quarter" | "year", number>> = { quarter: 13, year: 52 };

export type TReportChoices = {
  period: TReportPeriod;
  /** The dashboard filters the report applies: the period's dates plus any carried-over payer, site… */
  filters: DashboardFilters;
  sections: TReportSection[];
  deidentify: boolean;
};

function firstValue(input: TSearchParamsInput, key: string): string | undefined {
  if (input instanceof URLSearchParams) return input.get(key) ?? undefined;
  const value = input[key];

  return Array.isArray(value) ? value[0] : value;
}

/** The whole-week range of a preset, ending with the week of the last date of service. */
export function presetRange(period: "quarter" | "year", lastDate: string, weekStartsOn: WeekStartsOn): { from: string; to: string } {
  const lastWeek = weekStartOf(lastDate, weekStartsOn);

  return { from: addDays(lastWeek, -7 * (PERIOD_WEEKS[period] - 1)), to: addDays(lastWeek, 6) };
}

function allValues(input: TSearchParamsInput, key: string): string[] {
  if (input instanceof URLSearchParams) return input.getAll(key);
  const value = input[key];

  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * The chosen sections: the screen's form sends one `section` per ticked box (and `sections=` to
 * say it was submitted), links send `sections=a,b`. None at all means every section.
 */
function parseSections(input: TSearchParamsInput): TReportSection[] {
  const chosen = new Set([...allValues(input, "section"), ...(firstValue(input, "sections") ?? "").split(",")].map((part) => part.trim()));
  const sections = REPORT_SECTIONS.filter((section) => chosen.has(section));

  return sections.length > 0 ? sections : [...REPORT_SECTIONS];
}

/**
 * Reads the choices from the URL. Without a period: a custom range when the URL carries dates (the
 * dashboard's filtered view opened the screen), else the last quarter. `deidentified=0` turns
 * de-identification off; it is on by default (the minimum necessary).
 */
export function parseReportChoices(input: TSearchParamsInput, options: { lastDate: string | null; weekStartsOn: WeekStartsOn }): TReportChoices {
  const carried = parseDashboardFilters(input, options.weekStartsOn);
  const rawPeriod = firstValue(input, "period");
  const period: TReportPeriod = REPORT_PERIODS.includes(rawPeriod as TReportPeriod) ? (rawPeriod as TReportPeriod) : carried.from || carried.to ? "custom" : "quarter";
  const { from: _from, to: _to, ...others } = carried;
  let filters: DashboardFilters = others;
  if (period === "custom") filters = carried;
  else if ((period === "quarter" || period === "year") && options.lastDate) filters = { ...others, ...presetRange(period, options.lastDate, options.weekStartsOn) };

  return { period, filters, sections: parseSections(input), deidentify: firstValue(input, "deidentified") !== "0" };
}

/** The choices as URL search params (the screen's links and its form). */
export function toReportSearchParams(choices: TReportChoices): URLSearchParams {
  const params = toSearchParams(choices.filters);
  params.set("period", choices.period);
  if (choices.sections.length !== REPORT_SECTIONS.length) params.set("sections", choices.sections.join(","));
  if (!choices.deidentify) params.set("deidentified", "0");

  return params;
}

/** The body of POST /api/reports: what to build. Filters are re-parsed (snapped) by the server. */
export const ZReportJobBody = z.object({
  format: z.enum(REPORT_FORMATS),
  filters: z.object(Object.fromEntries(DASHBOARD_FILTER_KEYS.map((key) => [key, z.string().max(200).optional()])) as Record<(typeof DASHBOARD_FILTER_KEYS)[number], z.ZodOptional<z.ZodString>>),
  sections: z.array(z.enum(REPORT_SECTIONS)).min(1, "Choose at least one section."),
  deidentify: z.boolean(),
  /** Optional: the practice the report is for (the portfolio builds any of the user's practices); checked against memberships. */
  organizationId: z.string().min(1).max(100).optional(),
});
export type TReportJobBody = z.infer<typeof ZReportJobBody>;
