"use client";

export default function DenialsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Denials</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The denials could not be loaded.</p>
        <p>
          Check that the database is running (<code>/api/health</code> tells you) and look at the server log
          {error.digest ? (
            <>
              {" "}
              for error <code>{error.digest}</code>
            </>
          ) : null}
          .
        </p>
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </>
  );
}
