"use client";

import { useActionState } from "react";
import { setRequireTwoFactorAction } from "@/app/settings/users/actions";
import { INITIAL_USERS_ACTION_STATE } from "./users-action-state";

/** The owner switch "Require two-factor for everyone in this practice". */
export function RequireTwoFactorForm({ organizationId, isRequired, membersWithout }: { organizationId: string; isRequired: boolean; membersWithout: number }) {
  const [state, action, isPending] = useActionState(setRequireTwoFactorAction, INITIAL_USERS_ACTION_STATE);

  return (
    <form action={action} className="settings-form" aria-label="Two-factor requirement">
      <input type="hidden" name="organizationId" value={organizationId} />
      <div className="two-factor-form">
        <label className="checkbox">
          <input type="checkbox" name="requireTwoFactor" defaultChecked={isRequired} key={String(isRequired)} />
          Require two-factor sign-in for everyone in this practice
        </label>
        <button type="submit" className="button button-small" disabled={isPending}>
          {isPending ? "Saving…" : "Save"}
        </button>
      </div>
      <p className="form-help">
        Members without it are sent to their account page to turn it on before they can open this practice.
        {membersWithout > 0 ? ` ${membersWithout} ${membersWithout === 1 ? "member has" : "members have"} it off today.` : " Every member has it on."}
      </p>
      {state.message ? (
        <p className={state.ok ? "action-ok" : "action-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
