import Link from "next/link";
import { IMPORT_ERRORS_PAGE_SIZE, importErrorQueryString, pageCount, type TImportErrorQuery } from "./import-error-query";

export type TImportErrorView = {
  id: number;
  line: number;
  column: string | null;
  code: string;
  message: string;
  severity: string;
  rawRow: string | null;
};

const countFormat = new Intl.NumberFormat("en-US");

/**
 * The row errors of one import, filtered by code and column and paged on the server (all state in
 * the URL). Raw rows are PHI: this renders only for the organization that owns the batch.
 */
export function ImportErrorsTable({
  batchId,
  batchStatus,
  query,
  total,
  rows,
}: {
  batchId: number;
  batchStatus: string;
  query: TImportErrorQuery;
  total: number;
  rows: TImportErrorView[];
}) {
  const base = `/imports/${batchId}`;
  const pages = pageCount(total);
  const page = Math.min(query.page, pages);
  const first = total === 0 ? 0 : (page - 1) * IMPORT_ERRORS_PAGE_SIZE + 1;
  const last = Math.min(total, page * IMPORT_ERRORS_PAGE_SIZE);
  const isFiltered = Boolean(query.code || query.column);
  const chips = [
    query.code ? { label: `Code: ${query.code}`, href: `${base}${importErrorQueryString({ ...query, code: undefined, page: 1 })}` } : null,
    query.column ? { label: `Column: ${query.column}`, href: `${base}${importErrorQueryString({ ...query, column: undefined, page: 1 })}` } : null,
  ].filter((chip): chip is { label: string; href: string } => chip !== null);

  return (
    <>
      {total === 0 && !isFiltered ? null : (
      <form className="filter-bar" method="get" action={base} aria-label="Filter row errors">
        <div className="field field-inline">
          <label htmlFor="filter-code">Code</label>
          <input id="filter-code" name="code" className="input mono" defaultValue={query.code ?? ""} placeholder="e.g. BAD_DATE" maxLength={100} />
        </div>
        <div className="field field-inline">
          <label htmlFor="filter-column">Column</label>
          <input id="filter-column" name="column" className="input mono" defaultValue={query.column ?? ""} placeholder="e.g. start" maxLength={100} />
        </div>
        <button type="submit" className="button">
          Filter
        </button>
      </form>
      )}
      {chips.length > 0 ? (
        <ul className="chips" aria-label="Active filters">
          {chips.map((chip) => (
            <li key={chip.label}>
              <Link href={chip.href} className="chip" aria-label={`Remove filter ${chip.label}`}>
                {chip.label} <span aria-hidden="true">×</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      {total === 0 ? (
        <div className="panel empty-state">
          {isFiltered ? (
            <>
              <p>No row errors match these filters.</p>
              <p>
                <Link href={base}>Show all row errors</Link>
              </p>
            </>
          ) : batchStatus === "failed" ? (
            <>
              <p>No row errors were recorded — the import stopped before its rows were read.</p>
              <p>The reason is shown above. Fix the file or its column match and upload it again.</p>
            </>
          ) : batchStatus === "running" || batchStatus === "pending" ? (
            <p>Row errors appear here when the import has finished.</p>
          ) : (
            <>
              <p>No row errors — every row of this file was read.</p>
              <p>Rows with problems would be listed here with their line number, column and the row as it was in the file.</p>
            </>
          )}
        </div>
      ) : (
        <div className="panel table-panel">
          <div className="table-scroll table-scroll-tall">
            <table className="table errors-table">
              <caption className="visually-hidden">Row errors, by line</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Code</th>
                  <th scope="col">Message</th>
                  <th scope="col">Row in the file</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-severity={row.severity}>
                    <td className="num">{countFormat.format(row.line)}</td>
                    <td>
                      {row.column ? (
                        <Link href={`${base}${importErrorQueryString({ ...query, column: row.column, page: 1 })}`} className="mono" title={`Only errors in column ${row.column}`}>
                          {row.column}
                        </Link>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td className="nowrap">
                      <Link href={`${base}${importErrorQueryString({ ...query, code: row.code, page: 1 })}`} className="mono" title={`Only ${row.code} errors`}>
                        {row.code}
                      </Link>
                      {row.severity === "warning" ? (
                        <>
                          {" "}
                          <span className="badge badge-documentation">warning</span>
                        </>
                      ) : null}
                    </td>
                    <td>{row.message}</td>
                    <td>{row.rawRow ? <code className="raw-row">{row.rawRow}</code> : <span className="muted">—</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Row error pages">
            <span className="muted">
              {countFormat.format(first)}–{countFormat.format(last)} of {countFormat.format(total)}
            </span>
            {page > 1 ? (
              <Link className="button button-small" href={`${base}${importErrorQueryString({ ...query, page: page - 1 })}`} rel="prev">
                Previous
              </Link>
            ) : (
              <span className="button button-small is-disabled" aria-disabled="true">
                Previous
              </span>
            )}
            <span className="muted">
              Page {countFormat.format(page)} of {countFormat.format(pages)}
            </span>
            {page < pages ? (
              <Link className="button button-small" href={`${base}${importErrorQueryString({ ...query, page: page + 1 })}`} rel="next">
                Next
              </Link>
            ) : (
              <span className="button button-small is-disabled" aria-disabled="true">
                Next
              </span>
            )}
          </nav>
        </div>
      )}
    </>
  );
}
