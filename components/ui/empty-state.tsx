import type { ReactNode } from "react";
import "./ui.css";

export type EmptyStateProps = {
  /** What is missing, in plain words ("No encounters yet — import sessions and claims"). */
  title: ReactNode;
  /** What to do next. */
  children?: ReactNode;
  /** Buttons or links. */
  action?: ReactNode;
  /** "panel" (a page-level state) or "inline" (inside a card). */
  variant?: "panel" | "inline";
  role?: "status" | "alert";
};

/** Empty, loading-failed or nothing-matches states, written as what to do next (ui-guide §7). */
export function EmptyState({ title, children, action, variant = "panel", role }: EmptyStateProps) {
  return (
    <div className={variant === "panel" ? "panel empty-state" : "empty-state empty-inline"} role={role}>
      <p className="empty-title">{title}</p>
      {children ? <div className="empty-body">{children}</div> : null}
      {action ? <div className="empty-action">{action}</div> : null}
    </div>
  );
}
