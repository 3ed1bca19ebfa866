import Link from "next/link";
import type { TFindingListQuery } from "@/lib/db/findings/finding-list-query";
import { findingKindLabel } from "./finding-labels";
import { findingsHref } from "./worklist-links";

/**
 * Chips for the worklist's own filters (kind, code, estimate), in the same style as the dashboard
 * filter chips; each removes its filter with a plain link.
 */
export function WorklistChips({ query }: { query: TFindingListQuery }) {
  const { filters } = query;
  const chips: { key: "kind" | "code" | "estimate"; label: string; value: string }[] = [];
  if (filters.kind) chips.push({ key: "kind", label: "Kind", value: findingKindLabel(filters.kind) });
  if (filters.code) chips.push({ key: "code", label: "Code", value: filters.code });
  if (filters.estimate !== undefined) chips.push({ key: "estimate", label: "Estimates", value: filters.estimate ? "only" : "left out" });
  if (chips.length === 0) return null;

  return (
    <ul className="filter-chips" aria-label="Active worklist filters">
      {chips.map((chip) => {
        const next = { ...filters };
        delete next[chip.key];

        return (
          <li key={chip.key} className="filter-chip">
            <span className="filter-chip-label">{chip.label}:</span> <span className="filter-chip-value">{chip.value}</span>
            <Link
              className="filter-chip-remove"
              href={findingsHref({ filters: next, sort: query.sort, direction: query.direction, limit: query.limit, columns: query.columns })}
              aria-label={`Remove filter ${chip.label}: ${chip.value}`}
              title="Remove this filter"
            >
              <span aria-hidden="true">×</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
