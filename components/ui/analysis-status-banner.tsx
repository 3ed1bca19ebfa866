import type { TAnalysisStatus } from "@/lib/db/dashboard/get-dashboard-organization";
import { AutoRefresh } from "./auto-refresh";
import "./ui.css";

/** Says when the figures are not final: a recompute is queued or running, or the last one failed. */
export function AnalysisStatusBanner({ status, error, isDemoLoading = false }: { status: TAnalysisStatus; error?: string | null; isDemoLoading?: boolean }) {
  if (status === "pending" || status === "running") {
    return (
      <div className="status-banner" role="status" aria-live="polite" data-testid="analysis-status">
        <span className="spinner" aria-hidden="true" />
        {isDemoLoading ? (
          <span>
            <strong>Loading the demo practice…</strong> Two years of a synthetic three-site practice go through the import and the analysis; this
            takes a minute or two. The page updates by itself.
          </span>
        ) : (
          <span>
            <strong>Numbers are being recomputed…</strong> The figures below may change when the analysis finishes; the page updates by itself.
          </span>
        )}
        <AutoRefresh />
      </div>
    );
  }
  if (status === "failed") {
    return (
      <div className="status-banner status-banner-error" role="alert" data-testid="analysis-status">
        <span>
          <strong>The last analysis failed</strong>
          {error ? <>: {error}</> : null}. The figures below may be out of date; re-import a file or check the server log.
        </span>
      </div>
    );
  }

  return null;
}
