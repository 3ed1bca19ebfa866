"use client";

import Link from "next/link";
import { ServerErrorReference } from "@/components/server-error-reference";

export default function EncounterError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel empty-state error-state" role="alert">
      <p>
        This encounter could not be loaded. <Link href="/findings">Back to the findings</Link>
      </p>
      <ServerErrorReference error={error} />
      <button type="button" className="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
