"use client";

import { useActionState, useState } from "react";
import { deletePracticeAction } from "@/app/settings/practice-actions";
import { ActionMessage, FieldError } from "./action-message";
import { INITIAL_ACTION_STATE } from "./settings-action-state";

/**
 * The danger zone: deleting the practice's data takes typing its name exactly (the button stays
 * disabled until it matches; the action checks again).
 */
export function DeletePracticeForm({ name }: { name: string }) {
  const [state, action, isPending] = useActionState(deletePracticeAction, INITIAL_ACTION_STATE);
  const [typed, setTyped] = useState("");
  const error = state.fieldErrors?.confirmation;

  return (
    <form action={action} className="settings-form" aria-label="Delete this practice">
      <p className="danger-zone-text">
        Deletes every import, encounter, claim, finding, setting and membership of <strong>{name}</strong> from this install. The audit trail
        is kept. This cannot be undone — make a backup first if you may need the data again.
      </p>
      <label className="form-field">
        <span className="form-label">Type the practice&apos;s name to confirm</span>
        <input
          name="confirmation"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          {...(error ? { "aria-invalid": true, "aria-describedby": "delete-confirmation-error" } : {})}
        />
        <FieldError id="delete-confirmation-error" message={error} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-danger" disabled={isPending || typed !== name}>
          {isPending ? "Deleting…" : "Delete this practice"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
