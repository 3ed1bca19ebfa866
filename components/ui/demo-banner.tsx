import Link from "next/link";
import { ClearDemoButton } from "./clear-demo-button";
import { DemoBadge } from "./demo-badge";
import "./ui.css";

/** Shown on dashboard screens while the synthetic demo practice is the current one. */
export function DemoBanner() {
  return (
    <div className="demo-banner" data-testid="demo-banner">
      <DemoBadge />
      <p>
        This is a synthetic demo practice (no real patients), loaded through the normal import path. Explore it, then clear it and{" "}
        <Link href="/imports">import your own files</Link>.
      </p>
      <span className="no-print">
        <ClearDemoButton />
      </span>
    </div>
  );
}
