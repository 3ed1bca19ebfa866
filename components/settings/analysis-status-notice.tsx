"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { RECOMPUTE_EVENT } from "./action-message";

const POLL_MS = 1500;

type TStatus = { status: string; error?: string | null };

/**
 * "Numbers are being recomputed" while the practice's analysis is pending or running: polls
 * /api/settings/analysis-status and refreshes the page's data once it is idle again. Shows the
 * failure message when the recompute failed. Renders nothing when the numbers are current.
 */
export function AnalysisStatusNotice({ organizationId, initialStatus }: { organizationId: string; initialStatus: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<TStatus>({ status: initialStatus });
  const [justFinished, setJustFinished] = useState(false);
  const wasBusy = useRef(initialStatus === "pending" || initialStatus === "running");

  // A server render with a new status (after a save) restarts polling.
  useEffect(() => {
    setStatus({ status: initialStatus });
    if (initialStatus === "pending" || initialStatus === "running") wasBusy.current = true;
  }, [initialStatus, organizationId]);

  // A settings form saved a change that queued a recompute.
  useEffect(() => {
    const onRecompute = () => {
      wasBusy.current = true;
      setJustFinished(false);
      setStatus({ status: "pending" });
    };
    window.addEventListener(RECOMPUTE_EVENT, onRecompute);

    return () => window.removeEventListener(RECOMPUTE_EVENT, onRecompute);
  }, []);

  const isBusy = status.status === "pending" || status.status === "running";

  useEffect(() => {
    if (!isBusy) return;
    let isActive = true;
    const timer = setInterval(async () => {
      try {
        const response = await fetch("/api/settings/analysis-status", { cache: "no-store" });
        if (!response.ok || !isActive) return;
        const body = (await response.json()) as { organizationId: string; status: string; error: string | null };
        if (body.organizationId !== organizationId) return;
        setStatus({ status: body.status, error: body.error });
        if (body.status === "idle" || body.status === "failed") {
          if (wasBusy.current && body.status === "idle") setJustFinished(true);
          wasBusy.current = false;
          router.refresh();
        }
      } catch {
        // offline for a moment: try again on the next tick
      }
    }, POLL_MS);

    return () => {
      isActive = false;
      clearInterval(timer);
    };
  }, [isBusy, organizationId, router]);

  if (isBusy) {
    return (
      <div className="status-banner analysis-notice" role="status" aria-live="polite" data-testid="recompute-notice">
        <span className="spinner" aria-hidden="true" />
        <span>
          <strong>Numbers are being recomputed</strong> with the new settings. This page updates by itself when they are ready.
        </span>
      </div>
    );
  }
  if (status.status === "failed") {
    return (
      <div className="status-banner status-banner-error" role="alert">
        The last recompute failed{status.error ? `: ${status.error}` : ""}. The numbers shown may be out of date — save the settings again or re-import.
      </div>
    );
  }
  if (justFinished) {
    return (
      <div className="status-banner" role="status" aria-live="polite" data-testid="recompute-done" style={{ background: "var(--color-ok-soft)", borderColor: "var(--color-ok-soft)" }}>
        Numbers are up to date.
      </div>
    );
  }

  return null;
}
