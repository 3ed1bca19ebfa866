"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel empty-state error-state" role="alert">
      <p>Something went wrong loading this page.</p>
      <p>
        If it keeps happening, check that the database is running (<code>/api/health</code> tells you) and look at the server
        log{error.digest ? <> for error <code>{error.digest}</code></> : null}.
      </p>
      <button type="button" className="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
