import { OPTIONAL_FINDING_COLUMNS, toFindingSearchParams, type TFindingListQuery, type TOptionalFindingColumn } from "@/lib/db/findings/finding-list-query";

/** What each optional column is called on the checkbox (the Patient column's heading depends on the role). */
export function optionalColumnLabels(patientHeader: string): Record<TOptionalFindingColumn, string> {
  return { patient: patientHeader, source: "Source", payer: "Payer", status: "Status" };
}

/**
 * "Columns": which optional columns of the findings table show, as a plain GET form inside a
 * disclosure (keyboard and no-JavaScript friendly; the result is a URL, like the filters). It keeps
 * the page's query; the hidden "none" makes a form with every box cleared mean "no optional column"
 * rather than "no choice made" (which shows them all).
 */
export function ColumnsForm({ query, labels }: { query: TFindingListQuery; labels: Record<TOptionalFindingColumn, string> }) {
  const kept = [...toFindingSearchParams({ ...query, columns: undefined }).entries()];
  const shown = new Set<string>(query.columns ?? OPTIONAL_FINDING_COLUMNS);

  return (
    <details className="columns-disclosure">
      <summary>Columns</summary>
      <form method="get" action="/findings" className="columns-form" data-testid="columns-form">
        {kept.map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="cols" value="none" />
        <fieldset>
          <legend>Optional columns to show</legend>
          {OPTIONAL_FINDING_COLUMNS.map((column) => (
            <label key={column} className="columns-choice">
              <input type="checkbox" name="cols" value={column} defaultChecked={shown.has(column)} data-testid={`column-${column}`} /> {labels[column]}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-small">
          Show columns
        </button>
      </form>
    </details>
  );
}
