import Link from "next/link";
import type { ReactNode } from "react";
import "./ui.css";

export type DataTableColumn<TRow> = {
  key: string;
  header: ReactNode;
  /** Cell content; defaults to `String(row[key])`. */
  cell?: (row: TRow) => ReactNode;
  /** Numbers are right-aligned with tabular digits (ui-guide §8). */
  align?: "left" | "right";
  /** Codes and ids in a monospace font. */
  isMono?: boolean;
  /** Server-side sorting: the link that sorts by this column (the page reads it from the URL). */
  sortHref?: string;
  /** Hidden at tablet width and below. */
  isSecondary?: boolean;
};

export type DataTableProps<TRow> = {
  columns: readonly DataTableColumn<TRow>[];
  rows: readonly TRow[];
  rowKey: (row: TRow, index: number) => string;
  /** Visually hidden caption naming the table (for screen readers). */
  caption: string;
  /** Shown in place of the table when there are no rows. */
  empty?: ReactNode;
  /** Current sort (column key and direction), for aria-sort and the arrow. */
  sort?: { key: string; direction: "asc" | "desc" };
  /** A totals row (already formatted cells keyed by column). */
  footer?: Partial<Record<string, ReactNode>>;
  /** Max height in px before the body scrolls under a sticky header. */
  maxHeight?: number;
  testId?: string;
};

/** A plain, accessible table: sticky header, right-aligned numbers, optional server-side sort links. */
export function DataTable<TRow>({ columns, rows, rowKey, caption, empty, sort, footer, maxHeight, testId }: DataTableProps<TRow>) {
  if (rows.length === 0 && empty) return <>{empty}</>;

  return (
    <div className="data-table-wrap" style={maxHeight ? { maxHeight, overflowY: "auto" } : undefined} data-testid={testId}>
      <table className="table data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const isSorted = sort?.key === column.key;
              const ariaSort = isSorted ? (sort.direction === "asc" ? "ascending" : "descending") : undefined;
              const className = [column.align === "right" ? "num" : "", column.isSecondary ? "secondary-col" : ""].filter(Boolean).join(" ");

              return (
                <th key={column.key} scope="col" className={className || undefined} aria-sort={ariaSort}>
                  {column.sortHref ? (
                    <Link href={column.sortHref} className="sort-link">
                      {column.header}
                      <span aria-hidden="true">{isSorted ? (sort.direction === "asc" ? " ▲" : " ▼") : ""}</span>
                    </Link>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => {
                const className = [column.align === "right" ? "num" : "", column.isMono ? "mono" : "", column.isSecondary ? "secondary-col" : ""]
                  .filter(Boolean)
                  .join(" ");

                return (
                  <td key={column.key} className={className || undefined}>
                    {column.cell ? column.cell(row) : String((row as Record<string, unknown>)[column.key] ?? "")}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {footer ? (
          <tfoot>
            <tr>
              {columns.map((column) => (
                <td key={column.key} className={[column.align === "right" ? "num" : "", column.isSecondary ? "secondary-col" : ""].filter(Boolean).join(" ") || undefined}>
                  {footer[column.key] ?? ""}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
