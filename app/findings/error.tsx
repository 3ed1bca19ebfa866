"use client";

export default function FindingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Findings</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The findings could not be loaded.</p>
        <p>
          Try again; if it keeps happening, check the database (<code>/api/health</code>) and the server log
          {error.digest ? <> for error <code>{error.digest}</code></> : null}.
        </p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </>
  );
}
