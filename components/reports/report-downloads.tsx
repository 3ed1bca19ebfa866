"use client";

import { useEffect, useRef, useState } from "react";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import type { TReportFormat, TReportSection } from "@/lib/report/report-data";
import type { TReportJobView } from "@/lib/report/report-jobs";

type ReportDownloadsProps = {
  filters: DashboardFilters;
  sections: readonly TReportSection[];
  deidentify: boolean;
  /** Null when the server has Chromium; else what to do instead (install it, or print the preview). */
  pdfUnavailable: string | null;
};

type TBuild = { format: TReportFormat; job: TReportJobView | null; error: string | null };

const FORMAT_LABELS: Record<TReportFormat, string> = { pdf: "PDF", xlsx: "Excel workbook", html: "HTML" };
const POLL_MS = 700;

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

/**
 * Builds the PDF or the workbook in a background job on the server, shows its progress, then
 * downloads the file. The choices are the preview's (the URL's), so the file matches what is shown.
 */
export function ReportDownloads({ filters, sections, deidentify, pdfUnavailable }: ReportDownloadsProps) {
  const [build, setBuild] = useState<TBuild | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const poll = async (format: TReportFormat, jobId: string) => {
    const response = await fetch(`/api/reports/jobs/${jobId}`, { cache: "no-store" });
    if (!response.ok) return setBuild({ format, job: null, error: await readError(response) });
    const job = (await response.json()) as TReportJobView;
    setBuild({ format, job, error: null });
    if (job.state !== "finished") {
      timer.current = window.setTimeout(() => void poll(format, jobId), POLL_MS);
    } else if (job.outcome?.status === "done") {
      window.location.assign(`/api/reports/jobs/${jobId}/file`);
    }
  };

  const start = async (format: TReportFormat) => {
    window.clearTimeout(timer.current);
    setBuild({ format, job: null, error: null });
    const response = await fetch("/api/reports", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ format, filters, sections, deidentify }),
    });
    if (!response.ok) return setBuild({ format, job: null, error: await readError(response) });
    const job = (await response.json()) as TReportJobView;
    setBuild({ format, job, error: null });
    void poll(format, job.jobId);
  };

  const isBusy = build !== null && build.error === null && build.job?.state !== "finished";
  const fraction = build?.job?.progress?.fraction ?? 0;
  const outcome = build?.job?.outcome ?? null;

  return (
    <div className="report-downloads" data-testid="report-downloads">
      <div className="report-downloads-buttons">
        <button type="button" className="button button-primary" onClick={() => void start("pdf")} disabled={isBusy || pdfUnavailable !== null}>
          Download PDF
        </button>
        <button type="button" className="button" onClick={() => void start("xlsx")} disabled={isBusy}>
          Download Excel
        </button>
      </div>
      <p className="form-help">Built from the choices of the preview shown — after changing them below, update the preview first.</p>
      {pdfUnavailable ? <p className="form-help" data-testid="pdf-unavailable">{pdfUnavailable}</p> : null}
      {build ? (
        <div className="report-build" role="status" aria-live="polite" data-testid="report-build">
          {build.error ? (
            <p className="action-error">{build.error}</p>
          ) : outcome?.status === "failed" ? (
            <p className="action-error">{outcome.message}</p>
          ) : outcome?.status === "done" ? (
            <p className="action-ok">
              {FORMAT_LABELS[build.format]} ready ({Math.max(1, Math.round(outcome.summary.bytes / 1024)).toLocaleString("en-US")} KB) —{" "}
              <a href={`/api/reports/jobs/${build.job?.jobId}/file`} data-testid="report-file-link">
                download {outcome.summary.fileName}
              </a>
            </p>
          ) : (
            <>
              <progress max={1} value={fraction} aria-label={`Building the ${FORMAT_LABELS[build.format]}`} />
              <span className="form-help">
                Building the {FORMAT_LABELS[build.format]}: {build.job?.progress?.label ?? (build.job?.state === "queued" ? "waiting for the report before it" : "starting")}…
              </span>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
