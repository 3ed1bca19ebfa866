"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { TImportJobView } from "@/lib/import/import-jobs";
import type { TImportColumnSpecs } from "@/lib/import/import-column-specs";
import { ColumnMappingForm } from "./column-mapping-form";
import type { TUploadItem } from "./import-uploader";
import { importKindLabel, importStatusBadge } from "./import-labels";
import { computeImportProgress, formatBytes } from "./import-progress";
import { progressInputOf } from "./import-uploader";

const POLL_MS = 300;
const countFormat = new Intl.NumberFormat("en-US");

function OutcomeDetails({ job }: { job: TImportJobView }) {
  const outcome = job.outcome;
  if (!outcome) return null;
  const counts = outcome.counts;
  const resultLink = outcome.batchId !== null ? `/imports/${outcome.batchId}` : null;

  switch (outcome.status) {
    case "succeeded": {
      const parts = [
        `${countFormat.format(counts.rowsImported)} of ${countFormat.format(counts.rowsTotal)} rows imported`,
        counts.rowsFailed ? `${countFormat.format(counts.rowsFailed)} with errors` : null,
        counts.warnings ? `${countFormat.format(counts.warnings)} warnings` : null,
        counts.encounters ? `${countFormat.format(counts.encounters)} encounters` : null,
        counts.claimLines ? `${countFormat.format(counts.claimLines)} claim lines` : null,
      ].filter(Boolean);

      return (
        <p className="import-outcome">
          {parts.join(" · ")}.{" "}
          {resultLink ? (
            <Link href={resultLink}>{counts.rowsFailed || counts.warnings ? "See the rows with problems" : "See the result"}</Link>
          ) : null}
        </p>
      );
    }
    case "duplicate":
      return (
        <p className="import-outcome">
          Already imported, nothing changed.{" "}
          {resultLink ? <Link href={resultLink}>See the earlier import</Link> : null}
        </p>
      );
    case "failed":
      return (
        <p className="import-outcome import-outcome-failed">
          {outcome.message || "The import failed and nothing was saved."}{" "}
          {resultLink ? <Link href={resultLink}>Details</Link> : null}
        </p>
      );
    case "needs_mapping":
      return null;
  }
}

export function ImportFileCard({
  item,
  organizationId,
  columnSpecs,
  onJob,
  onJobLost,
}: {
  item: TUploadItem;
  organizationId: string;
  columnSpecs: TImportColumnSpecs;
  onJob: (job: TImportJobView, restart?: boolean) => void;
  onJobLost: (message: string) => void;
}) {
  const router = useRouter();
  const jobId = item.job?.jobId ?? null;
  const isFinished = item.job?.state === "finished";
  const callbacks = useRef({ onJob, onJobLost });
  useEffect(() => {
    callbacks.current = { onJob, onJobLost };
  });

  useEffect(() => {
    if (!jobId || isFinished) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    const poll = async () => {
      try {
        const response = await fetch(`/api/imports/jobs/${jobId}`, { cache: "no-store" });
        if (cancelled) return;
        if (response.status === 404) {
          callbacks.current.onJobLost("This import is no longer tracked — see the import history below for its result.");
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        const job = (await response.json()) as TImportJobView;
        if (cancelled) return;
        failures = 0;
        callbacks.current.onJob(job);
        if (job.state === "finished") {
          router.refresh();
          return;
        }
      } catch {
        if (cancelled) return;
        if (++failures >= 20) {
          callbacks.current.onJobLost("Lost contact with DripAudit while the file was importing — reload the page to see the import history.");
          return;
        }
      }
      timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);

    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, isFinished, router]);

  const progress = computeImportProgress(progressInputOf(item));
  const outcome = item.job?.outcome ?? null;
  const badge = outcome
    ? importStatusBadge(outcome.status)
    : item.stage === "upload_failed"
      ? { label: "Upload failed", className: "badge-payer" }
      : { label: item.stage === "waiting" ? "Waiting" : "Importing", className: "badge-neutral" };
  const isFailure = item.stage === "upload_failed" || outcome?.status === "failed";
  const needsAttention = outcome?.status === "needs_mapping";
  const kind = outcome?.kind ?? item.job?.kind ?? null;

  return (
    <li className="import-file" aria-label={item.fileName} data-testid="import-file">
      <div className="import-file-head">
        <span className="import-file-name mono">{item.fileName}</span>
        <span className="muted import-file-meta">
          {formatBytes(item.size)}
          {kind ? ` · ${importKindLabel(kind)}` : ""}
        </span>
        <span className={`badge ${badge.className}`} data-testid="import-status">
          {badge.label}
        </span>
      </div>
      <div
        className={`progress${isFailure ? " progress-failed" : needsAttention ? " progress-attention" : item.percent >= 100 ? " progress-done" : ""}`}
        role="progressbar"
        aria-label={`Progress of ${item.fileName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={item.percent}
        aria-valuetext={`${item.percent}% — ${progress.label}`}
      >
        <div className="progress-fill" style={{ width: `${item.percent}%` }} />
      </div>
      <p className="import-file-progress muted">
        <span className="num">{item.percent}%</span> · {progress.label}
      </p>
      <div aria-live="polite">
        {item.error ? <p className="import-outcome import-outcome-failed">{item.error}</p> : null}
        {item.job ? <OutcomeDetails job={item.job} /> : null}
      </div>
      {item.job && outcome?.status === "needs_mapping" && outcome.missingColumns ? (
        <ColumnMappingForm
          job={item.job}
          organizationId={organizationId}
          missing={outcome.missingColumns}
          message={outcome.message}
          columnSpecs={columnSpecs}
          onRetry={(job) => onJob(job, true)}
        />
      ) : null}
    </li>
  );
}
