import Link from "next/link";
import type { ReactNode } from "react";
import "./ui.css";

export type KpiCardProps = {
  label: string;
  /** The formatted figure (formatDollars, formatHours, formatPercent …). */
  value: string;
  /** A line under the value: the period, the definition or a comparison. */
  detail?: ReactNode;
  /** The rows behind the number (ui-guide §1: nothing is a dead end). */
  href?: string;
  /** Link text for screen readers and the visible "See rows" link. */
  linkLabel?: string;
  /** "primary" = the one big number; "muted" = shown apart (compliance exposure); "positive" = money recovered. */
  tone?: "default" | "primary" | "muted" | "positive";
  /** Marks an estimate ("est." badge). */
  isEstimate?: boolean;
  /** Stable hook for tests, e.g. "annualized-leakage". */
  testId?: string;
};

/** One headline figure with its label, detail and a link to the rows behind it. */
export function KpiCard({ label, value, detail, href, linkLabel = "See rows", tone = "default", isEstimate = false, testId }: KpiCardProps) {
  return (
    <div className={`panel kpi-card kpi-${tone}`} data-testid={testId}>
      <p className="kpi-label">
        {label}
        {isEstimate ? <span className="badge badge-documentation kpi-est">est.</span> : null}
      </p>
      <p className="kpi-value" data-kpi-value>
        {value}
      </p>
      {detail ? <p className="kpi-detail">{detail}</p> : null}
      {href ? (
        <Link href={href} className="kpi-link" aria-label={`${linkLabel}: ${label}`}>
          {linkLabel} →
        </Link>
      ) : null}
    </div>
  );
}
