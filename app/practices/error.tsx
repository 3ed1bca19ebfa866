"use client";

import { ServerErrorReference } from "@/components/server-error-reference";

export default function PracticesError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Practices</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>Your practices could not be loaded.</p>
        <ServerErrorReference error={error} />
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </>
  );
}
