"use client";

import { useActionState, useId } from "react";
import { addPersonAction } from "@/app/settings/users/actions";
import { MEMBERSHIP_ROLES } from "@/lib/db/types";
import { PasswordLink } from "./password-link";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "./role-labels";
import { INITIAL_USERS_ACTION_STATE } from "./users-action-state";

/** Name, email and role of a person to add; answers with the one-time setup link to hand over. */
export function AddPersonForm({ organizationId }: { organizationId: string }) {
  const id = useId();
  const [state, action, isPending] = useActionState(addPersonAction, INITIAL_USERS_ACTION_STATE);

  return (
    <form action={action} className="settings-form add-person-form" aria-label="Add a person">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="form-grid">
        <label className="form-field">
          <span className="form-label">Name</span>
          <input name="name" required maxLength={100} autoComplete="off" />
        </label>
        <label className="form-field">
          <span className="form-label">Email</span>
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label className="form-field">
          <span className="form-label">Role</span>
          <select name="role" defaultValue="billing" aria-describedby={`${id}-roles`}>
            {MEMBERSHIP_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ul id={`${id}-roles`} className="role-help">
        {MEMBERSHIP_ROLES.map((role) => (
          <li key={role}>
            <strong>{ROLE_LABELS[role]}</strong>: {ROLE_DESCRIPTIONS[role]}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {isPending ? "Adding…" : "Add person"}
        </button>
        {state.message ? (
          <p className={state.ok ? "action-ok" : "action-error"} role={state.ok ? "status" : "alert"}>
            {state.message}
          </p>
        ) : null}
      </div>
      {state.link ? <PasswordLink link={state.link} /> : null}
    </form>
  );
}
