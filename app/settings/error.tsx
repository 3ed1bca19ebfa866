"use client";

export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Settings</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The settings could not be loaded or saved.</p>
        <p>
          Nothing was changed by the failed request. Try again; if it keeps happening, check the database (<code>/api/health</code>)
          {error.digest ? <> and the server log for error <code>{error.digest}</code></> : null}.
        </p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </>
  );
}
