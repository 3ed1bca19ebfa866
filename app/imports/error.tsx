"use client";

import Link from "next/link";

export default function ImportsError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <>
      <h1>Imports</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The imports could not be loaded.</p>
        <p>
          Files you already imported are safe. Check that the database is running (<Link href="/api/health">/api/health</Link> tells you), then try
          again{digest ? (
            <>
              {" "}
              — the server log has error <code>{digest}</code>
            </>
          ) : null}
          .
        </p>
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
      </div>
    </>
  );
}
