"use client";

import { useActionState, useRef } from "react";
import { ActionMessage } from "./action-message";
import { INITIAL_ACTION_STATE, type TSettingsActionState } from "./settings-action-state";

/** A CSV upload through a server action; shows saved/replaced counts and the rows that were skipped. */
export function UploadForm({
  action: serverAction,
  label,
  help,
  testId,
}: {
  action: (previous: TSettingsActionState, formData: FormData) => Promise<TSettingsActionState>;
  label: string;
  help: string;
  testId: string;
}) {
  const [state, action, isPending] = useActionState(serverAction, INITIAL_ACTION_STATE);
  const formRef = useRef<HTMLFormElement>(null);

  return (
    <form ref={formRef} action={action} className="inline-form upload-form" aria-label={label} data-testid={testId}>
      <label className="form-field">
        <span className="form-label">{label}</span>
        <input type="file" name="file" accept=".csv,text/csv" required />
        <span className="form-help">{help}</span>
      </label>
      <button type="submit" className="button" disabled={isPending}>
        {isPending ? "Uploading…" : "Upload"}
      </button>
      <div className="upload-result">
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
