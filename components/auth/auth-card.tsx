import type { ReactNode } from "react";
import "./auth.css";

/** The one centred card of the signed-out screens (sign-in, setup, set-password). */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <section className="panel auth-card" aria-labelledby="auth-card-title">
        <h1 id="auth-card-title">{title}</h1>
        {intro ? <p className="page-intro">{intro}</p> : null}
        {children}
      </section>
    </div>
  );
}
