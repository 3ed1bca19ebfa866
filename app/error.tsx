"use client";

import { ServerErrorReference } from "@/components/server-error-reference";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel empty-state error-state" role="alert">
      <p>Something went wrong loading this page.</p>
      <ServerErrorReference error={error} />
      <button type="button" className="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
