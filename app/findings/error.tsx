"use client";

import { ServerErrorReference } from "@/components/server-error-reference";
export default function FindingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Findings</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The findings could not be loaded.</p>
        <ServerErrorReference error={error} />
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </>
  );
}
