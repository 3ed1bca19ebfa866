import type { ReactNode } from "react";
import { REPORT_SECTION_TITLES, type TReportSection } from "@/lib/report/report-data";
import { formatCents } from "@/lib/format/format-money";
import { causeTagLabel } from "@/lib/report/report-words";

/**
 * Small building blocks of the printed report. Plain server-rendered markup styled only by
 * REPORT_CSS (no app CSS, no client code), so it renders the same in the app and under node.
 */

/**
 * A major section titled as in REPORT_SECTION_TITLES. It starts a new printed page, unless it is a
 * short one that `continues` the page before (so no page stands nearly empty).
 */
export function ReportSection({ id, lead, continues = false, children }: { id: TReportSection; lead?: ReactNode; continues?: boolean; children: ReactNode }) {
  return (
    <section className={`report-section${continues ? " report-section-continues" : ""}`} data-section={id} aria-labelledby={`report-${id}`}>
      <h2 id={`report-${id}`}>{REPORT_SECTION_TITLES[id]}</h2>
      {lead ? <p className="report-lead">{lead}</p> : null}
      {children}
    </section>
  );
}

/** The cause in words with its colour mark (colour is never the only signal; documentation hatched). */
export function CauseTag({ cause, short = false }: { cause: string; short?: boolean }) {
  const label = causeTagLabel(cause, short);

  return (
    <span className={`report-cause report-cause-${cause}`}>
      <span className="report-swatch" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Dollars and cents; estimates carry "est.". */
export function Money({ cents, isEstimate = false }: { cents: number; isEstimate?: boolean }) {
  if (!isEstimate) return <>{formatCents(cents)}</>;

  return (
    <span className="report-estimate">
      {formatCents(cents)} <span className="report-est">est.</span>
    </span>
  );
}

export type TReportColumn<T> = {
  key: string;
  header: ReactNode;
  align?: "right";
  isMono?: boolean;
  /** Keep on one line (dates). */
  isNowrap?: boolean;
  cell: (row: T) => ReactNode;
};

/**
 * A table that prints well: header repeated on every page, rows never split, numbers right-aligned.
 * `footer` cells are keyed by column.
 */
export function ReportTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  footer,
  empty,
  className,
}: {
  caption: string;
  columns: readonly TReportColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  footer?: Partial<Record<string, ReactNode>>;
  empty?: string;
  className?: string;
}) {
  if (rows.length === 0 && empty) {
    return (
      <p className="report-empty">
        <strong>{caption}:</strong> {empty}
      </p>
    );
  }
  const cellClass = (column: TReportColumn<T>) => [column.align === "right" ? "num" : "", column.isMono ? "mono" : "", column.isNowrap ? "nowrap" : ""].filter(Boolean).join(" ") || undefined;

  return (
    <table className={["report-table", className].filter(Boolean).join(" ")}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col" className={column.align === "right" ? "num" : undefined}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {columns.map((column) => (
              <td key={column.key} className={cellClass(column)}>
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer ? (
        <tfoot>
          <tr>
            {columns.map((column) => (
              <td key={column.key} className={cellClass(column)}>
                {footer[column.key] ?? null}
              </td>
            ))}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/** Figures side by side, KPI style (`$156,000`), the first one large. */
export function ReportFigures({ figures }: { figures: readonly { label: string; value: string; detail?: ReactNode; tone?: "primary" | "muted"; testId?: string }[] }) {
  return (
    <dl className="report-figures">
      {figures.map((figure) => (
        <div key={figure.label} className={`report-figure${figure.tone ? ` report-figure-${figure.tone}` : ""}`} data-testid={figure.testId}>
          <dt>{figure.label}</dt>
          <dd className="report-figure-value">{figure.value}</dd>
          {figure.detail ? <dd className="report-figure-detail">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
