"use client";

import { ServerErrorReference } from "@/components/server-error-reference";
import "./globals.css";

/** Replaces the root layout when the layout itself fails, so it renders its own document. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main>
          <div className="panel empty-state error-state" role="alert">
            <p>DripAudit could not load this page.</p>
            <ServerErrorReference error={error} />
            <button type="button" className="button" onClick={() => reset()}>
              Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
