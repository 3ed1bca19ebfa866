import type { ReactNode } from "react";
import { useId } from "react";
import "./ui.css";

export type CardProps = {
  title: ReactNode;
  /** A short line under the title (what the panel shows, its unit or period). */
  description?: ReactNode;
  /** Right-aligned header content, e.g. a "See rows" link. */
  actions?: ReactNode;
  /** Footer content, e.g. notes on estimates. */
  footer?: ReactNode;
  className?: string;
  children: ReactNode;
};

/** A titled panel: a `<section>` labelled by its heading. */
export function Card({ title, description, actions, footer, className, children }: CardProps) {
  const headingId = useId();

  return (
    <section className={`panel card${className ? ` ${className}` : ""}`} aria-labelledby={headingId}>
      <header className="card-header">
        <div>
          <h2 id={headingId} className="card-title">
            {title}
          </h2>
          {description ? <p className="card-description">{description}</p> : null}
        </div>
        {actions ? <div className="card-actions">{actions}</div> : null}
      </header>
      <div className="card-body">{children}</div>
      {footer ? <footer className="card-footer">{footer}</footer> : null}
    </section>
  );
}
