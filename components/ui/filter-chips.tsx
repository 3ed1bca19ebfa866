import Link from "next/link";
import {
  DASHBOARD_FILTER_LABELS,
  withFilters,
  withoutFilter,
  type DashboardFilters,
  type TDashboardFilterKey,
} from "@/lib/dashboard/filters";
import { CAUSE_SHORT_LABELS } from "@/lib/dashboard/causes";
import { formatDateRange, formatDate } from "@/lib/format/format-week";
import "./ui.css";

export type FilterChipsProps = {
  filters: DashboardFilters;
  /** The page the chips link back to (`/`, `/denials`, `/findings` …). */
  basePath: string;
  /** Extra params every link keeps (e.g. a sort order). */
  keep?: Record<string, string | undefined>;
};

type Chip = { key: TDashboardFilterKey; label: string; value: string };

function toChips(filters: DashboardFilters): Chip[] {
  const chips: Chip[] = [];
  if (filters.from && filters.to) chips.push({ key: "from", label: "Dates", value: formatDateRange(filters.from, filters.to) });
  else if (filters.from) chips.push({ key: "from", label: "From", value: formatDate(filters.from) });
  else if (filters.to) chips.push({ key: "to", label: "Until", value: formatDate(filters.to) });
  for (const key of ["payer", "site", "nurse", "setting"] as const) {
    const value = filters[key];
    if (value) chips.push({ key, label: DASHBOARD_FILTER_LABELS[key], value });
  }
  if (filters.cause) chips.push({ key: "cause", label: "Cause", value: CAUSE_SHORT_LABELS[filters.cause] });

  return chips;
}

/**
 * The active filters as removable chips. Each chip is a link to the same page without that filter,
 * so it works with the keyboard (Tab, Enter) and without JavaScript; "Clear all" removes every one.
 */
export function FilterChips({ filters, basePath, keep = {} }: FilterChipsProps) {
  const chips = toChips(filters);
  if (chips.length === 0) return null;

  return (
    <ul className="filter-chips" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.key} className="filter-chip">
          <span className="filter-chip-label">{chip.label}:</span> <span className="filter-chip-value">{chip.value}</span>
          <Link
            className="filter-chip-remove"
            href={withFilters(basePath, withoutFilter(filters, chip.key), keep)}
            aria-label={`Remove filter ${chip.label}: ${chip.value}`}
            title="Remove this filter"
          >
            <span aria-hidden="true">×</span>
          </Link>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <Link className="filter-chips-clear" href={withFilters(basePath, {}, keep)}>
            Clear all
          </Link>
        </li>
      ) : null}
    </ul>
  );
}
