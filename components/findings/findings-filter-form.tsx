import { CAUSE_SHORT_LABELS, CAUSES } from "@/lib/dashboard/causes";
import { DEFAULT_SORT_DIRECTION, toFindingSearchParams, type TFindingListQuery } from "@/lib/db/findings/finding-list-query";
import { FINDING_KINDS, findingKindLabel } from "./finding-labels";

/**
 * The worklist filters as a plain GET form: it works with the keyboard and without JavaScript, and
 * the result is a URL (bookmarkable, ui-guide §6). Dates snap to whole weeks like every dashboard.
 */
export function FindingsFilterForm({ query }: { query: TFindingListQuery }) {
  const { filters } = query;
  const columnsParam = toFindingSearchParams({ filters, columns: query.columns }).get("cols");

  return (
    <form method="get" action="/findings" className="findings-filter-form" aria-label="Filter findings">
      {filters.rebill ? <input type="hidden" name="view" value="rebill" /> : null}
      {query.sort !== (filters.rebill ? "deadline" : "date") ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.direction !== DEFAULT_SORT_DIRECTION[query.sort] ? <input type="hidden" name="dir" value={query.direction} /> : null}
      {filters.site ? <input type="hidden" name="site" value={filters.site} /> : null}
      {filters.nurse ? <input type="hidden" name="nurse" value={filters.nurse} /> : null}
      {filters.setting ? <input type="hidden" name="setting" value={filters.setting} /> : null}
      {columnsParam !== null ? <input type="hidden" name="cols" value={columnsParam} /> : null}
      {filters.rebill ? (
        <div className="filter-bar">
          <label className="filter-field">
            Payer
            <input type="text" name="payer" defaultValue={filters.payer ?? ""} placeholder="Any" size={14} />
          </label>
          <button type="submit" className="button">
            Apply
          </button>
          <span className="muted" style={{ fontSize: "0.85rem", alignSelf: "center" }}>
            Rebill candidates are coding findings on claims still inside the payer&apos;s filing window; they filter by payer.
          </span>
        </div>
      ) : (
      <div className="filter-bar">
        <label className="filter-field">
          From
          <input type="date" name="from" defaultValue={filters.from ?? ""} />
        </label>
        <label className="filter-field">
          To
          <input type="date" name="to" defaultValue={filters.to ?? ""} />
        </label>
        <label className="filter-field">
          Payer
          <input type="text" name="payer" defaultValue={filters.payer ?? ""} placeholder="Any" size={12} />
        </label>
        <label className="filter-field">
          Cause
          <select name="cause" defaultValue={filters.cause ?? ""}>
            <option value="">Any</option>
            {CAUSES.map((cause) => (
              <option key={cause} value={cause}>
                {CAUSE_SHORT_LABELS[cause]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          Kind
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">Any</option>
            {FINDING_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {findingKindLabel(kind)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          Code
          <input type="text" name="code" defaultValue={filters.code ?? ""} placeholder="e.g. 96415" size={8} inputMode="numeric" pattern="[A-Za-z0-9]{1,10}" />
        </label>
        <label className="filter-field">
          Estimates
          <select name="estimate" defaultValue={filters.estimate === undefined ? "" : filters.estimate ? "yes" : "no"}>
            <option value="">Included</option>
            <option value="yes">Only estimates</option>
            <option value="no">Leave out estimates</option>
          </select>
        </label>
        <button type="submit" className="button">
          Apply
        </button>
      </div>
      )}
    </form>
  );
}
