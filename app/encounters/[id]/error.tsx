"use client";

import Link from "next/link";

export default function EncounterError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel empty-state error-state" role="alert">
      <p>This encounter could not be loaded.</p>
      <p>
        Try again, or go <Link href="/findings">back to the findings</Link>. If it keeps happening, check the database (<code>/api/health</code>)
        {error.digest ? <> and the server log for error <code>{error.digest}</code></> : null}.
      </p>
      <button type="button" className="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
