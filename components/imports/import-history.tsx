import Link from "next/link";
import { formatImportTime } from "./format-import-time";
import { importKindLabel, importStatusBadge } from "./import-labels";

export type TImportHistoryRow = {
  id: number;
  fileName: string;
  kind: string;
  status: string;
  rowsTotal: number;
  rowsImported: number;
  rowsFailed: number;
  warningsCount: number;
  createdAt: string;
};

const countFormat = new Intl.NumberFormat("en-US");

/** The practice's imports, newest first; each file links to its result page. */
export function ImportHistory({ batches, timeZone, isTruncated }: { batches: TImportHistoryRow[]; timeZone: string; isTruncated: boolean }) {
  return (
    <section aria-labelledby="history-heading" className="import-history">
      <h2 id="history-heading">Import history</h2>
      {batches.length === 0 ? (
        <div className="panel empty-state">
          <p>No files imported yet — drop a sessions export, a claims CSV or an 835 remittance above.</p>
          <p>Each import shows up here with its rows and any row errors.</p>
        </div>
      ) : (
        <div className="panel table-panel">
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col" className="num">
                    Errors
                  </th>
                  <th scope="col" className="num">
                    Warnings
                  </th>
                  <th scope="col">Imported</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((batch) => {
                  const badge = importStatusBadge(batch.status);

                  return (
                    <tr key={batch.id}>
                      <td className="cell-file">
                        <Link href={`/imports/${batch.id}`} className="mono">
                          {batch.fileName}
                        </Link>
                      </td>
                      <td>{importKindLabel(batch.kind)}</td>
                      <td>
                        <span className={`badge ${badge.className}`}>{badge.label}</span>
                      </td>
                      <td className="num">{countFormat.format(batch.rowsTotal)}</td>
                      <td className="num">{batch.rowsFailed ? countFormat.format(batch.rowsFailed) : <span className="muted">0</span>}</td>
                      <td className="num">{batch.warningsCount ? countFormat.format(batch.warningsCount) : <span className="muted">0</span>}</td>
                      <td className="muted nowrap">{formatImportTime(batch.createdAt, timeZone)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {isTruncated ? <p className="muted table-note">Showing the {batches.length} most recent imports.</p> : null}
        </div>
      )}
    </section>
  );
}
