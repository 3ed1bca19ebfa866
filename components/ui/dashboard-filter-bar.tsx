"use client";

import { usePathname, useRouter } from "next/navigation";
import { useId, useTransition, type FormEvent } from "react";
import { CAUSE_SHORT_LABELS, CAUSES } from "@/lib/dashboard/causes";
import { withFilters, type DashboardFilters } from "@/lib/dashboard/filters";
import "./ui.css";

export type DashboardFilterBarProps = {
  filters: DashboardFilters;
  options: { payers: string[]; sites: string[]; nurses: string[]; settings: string[]; firstDate: string | null; lastDate: string | null };
  /** Hide filters a page cannot use (e.g. cause on a screen without findings). */
  hide?: readonly ("payer" | "site" | "nurse" | "cause" | "setting")[];
  /** Quick date ranges, already computed on the server (week-snapped). */
  presets?: readonly { label: string; from?: string; to?: string }[];
};

type TSelectKey = "payer" | "site" | "nurse" | "cause" | "setting";

/**
 * The global filters as a GET form (works without JavaScript: "Apply" submits to the same page).
 * With JavaScript each change navigates at once. The server snaps dates to whole weeks and shows
 * the result as chips.
 */
export function DashboardFilterBar({ filters, options, hide = [], presets = [] }: DashboardFilterBarProps) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [isPending, startTransition] = useTransition();

  const navigate = (form: HTMLFormElement) => {
    const data = new FormData(form);
    const next: Record<string, string> = {};
    for (const [key, value] of data.entries()) if (typeof value === "string" && value) next[key] = value;
    startTransition(() => router.push(withFilters(pathname, next as DashboardFilters)));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(event.currentTarget);
  };

  const selects: { key: TSelectKey; label: string; values: { value: string; label: string }[] }[] = [
    { key: "payer", label: "Payer", values: options.payers.map((value) => ({ value, label: value })) },
    { key: "site", label: "Site", values: options.sites.map((value) => ({ value, label: value })) },
    { key: "nurse", label: "Nurse", values: options.nurses.map((value) => ({ value, label: value })) },
    { key: "cause", label: "Cause", values: CAUSES.map((value) => ({ value, label: CAUSE_SHORT_LABELS[value] })) },
    { key: "setting", label: "Setting", values: options.settings.map((value) => ({ value, label: value === "facility" ? "Facility" : value === "professional" ? "Professional" : value })) },
  ];

  return (
    <form className="filter-bar" method="get" action={pathname} onSubmit={onSubmit} aria-label="Filters" aria-busy={isPending}>
      <div className="filter-field">
        <label htmlFor={`${id}-from`}>From (week of)</label>
        <input
          id={`${id}-from`}
          type="date"
          name="from"
          defaultValue={filters.from ?? ""}
          min={options.firstDate ?? undefined}
          max={options.lastDate ?? undefined}
          onChange={(event) => event.currentTarget.form && navigate(event.currentTarget.form)}
          key={`from-${filters.from ?? ""}`}
        />
      </div>
      <div className="filter-field">
        <label htmlFor={`${id}-to`}>To (week of)</label>
        <input
          id={`${id}-to`}
          type="date"
          name="to"
          defaultValue={filters.to ?? ""}
          min={options.firstDate ?? undefined}
          onChange={(event) => event.currentTarget.form && navigate(event.currentTarget.form)}
          key={`to-${filters.to ?? ""}`}
        />
      </div>
      {selects
        .filter((select) => !hide.includes(select.key))
        .map((select) => (
          <div key={select.key} className="filter-field">
            <label htmlFor={`${id}-${select.key}`}>{select.label}</label>
            <select
              id={`${id}-${select.key}`}
              name={select.key}
              defaultValue={filters[select.key] ?? ""}
              key={`${select.key}-${filters[select.key] ?? ""}`}
              onChange={(event) => event.currentTarget.form && navigate(event.currentTarget.form)}
            >
              <option value="">All</option>
              {select.values.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
        ))}
      <button type="submit" className="button button-small filter-apply">
        {isPending ? "Updating…" : "Apply"}
      </button>
      {presets.length > 0 ? (
        <span className="filter-presets" aria-label="Quick date ranges">
          {presets.map((preset) => (
            <a
              key={preset.label}
              className="filter-preset"
              href={withFilters(pathname, { ...filters, from: preset.from, to: preset.to })}
              aria-current={filters.from === preset.from && filters.to === preset.to ? "true" : undefined}
              onClick={(event) => {
                event.preventDefault();
                startTransition(() => router.push(withFilters(pathname, { ...filters, from: preset.from, to: preset.to })));
              }}
            >
              {preset.label}
            </a>
          ))}
        </span>
      ) : null}
    </form>
  );
}
