"use client";

import { ServerErrorReference } from "@/components/server-error-reference";
export default function SettingsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <>
      <h1>Settings</h1>
      <div className="panel empty-state error-state" role="alert">
        <p>The settings could not be loaded or saved. Nothing was changed by the failed request.</p>
        <ServerErrorReference error={error} />
        <button type="button" className="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </>
  );
}
