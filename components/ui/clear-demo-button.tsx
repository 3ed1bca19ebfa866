"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

/**
 * "Clear demo data" with a confirmation step: deletes the demo practice (DELETE /api/demo), then
 * goes to /imports so the user can bring their own files.
 */
export function ClearDemoButton() {
  const router = useRouter();
  const [step, setStep] = useState<"idle" | "confirm" | "deleting">("idle");
  const [error, setError] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  const clear = async () => {
    setStep("deleting");
    setError(null);
    const response = await fetch("/api/demo", { method: "DELETE" }).catch(() => null);
    if (!response?.ok) {
      setStep("confirm");
      setError("Could not clear the demo data — try again, or check the server log.");
      return;
    }
    startTransition(() => {
      router.push("/imports");
      router.refresh();
    });
  };

  if (step === "idle") {
    return (
      <button type="button" className="button button-small button-danger" onClick={() => setStep("confirm")}>
        Clear demo data
      </button>
    );
  }

  return (
    <span className="confirm-inline" role="group" aria-label="Confirm clearing the demo data">
      <span>Delete the demo practice and all its data?</span>
      <button type="button" className="button button-small button-danger" onClick={() => void clear()} disabled={step === "deleting"} autoFocus>
        {step === "deleting" ? "Deleting…" : "Yes, delete it"}
      </button>
      <button type="button" className="button button-small" onClick={() => setStep("idle")} disabled={step === "deleting"}>
        Cancel
      </button>
      {error ? (
        <span role="alert" className="confirm-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
