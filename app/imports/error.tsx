"use client";

import { ServerErrorReference } from "@/components/server-error-reference";

export default function ImportsError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <>
      <h1>Imports</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The imports could not be loaded. Files you already imported are safe.</p>
        <ServerErrorReference error={error} />
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
      </div>
    </>
  );
}
