import Link from "next/link";
import { ClearDemoButton } from "./clear-demo-button";
import { DemoBadge } from "./demo-badge";
import "./ui.css";

/**
 * Shown on dashboard screens while the synthetic demo practice is the current one. `canClear`:
 * whether the member's role may clear it (DELETE /api/demo checks again).
 */
export function DemoBanner({ canClear = true }: { canClear?: boolean }) {
  return (
    <div className="demo-banner" data-testid="demo-banner">
      <DemoBadge />
      <p>
        This is a synthetic demo practice (no real patients), loaded through the normal import path. Explore it, then clear it and{" "}
        <Link href="/imports">import your own files</Link>.
      </p>
      {canClear ? (
        <span className="no-print">
          <ClearDemoButton />
        </span>
      ) : null}
    </div>
  );
}
