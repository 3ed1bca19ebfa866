"use client";

import { useActionState, useId } from "react";
import { changeRoleAction, passwordLinkAction, removeMemberAction } from "@/app/settings/users/actions";
import { MEMBERSHIP_ROLES, type TMembershipRole } from "@/lib/db/types";
import { PasswordLink } from "./password-link";
import { ROLE_LABELS } from "./role-labels";
import { INITIAL_USERS_ACTION_STATE, type TUsersActionState } from "./users-action-state";

type TMemberRef = { organizationId: string; userId: string; name: string; isSelf: boolean };

function RowMessage({ state, id }: { state: TUsersActionState; id: string }) {
  if (!state.message) return null;

  return (
    <p id={id} className={`row-message ${state.ok ? "action-ok" : "action-error"}`} role={state.ok ? "status" : "alert"}>
      {state.message}
    </p>
  );
}

/** The member's role as a select with its own Save button. */
export function RoleForm({ member, role }: { member: TMemberRef; role: TMembershipRole }) {
  const id = useId();
  const [state, action, isPending] = useActionState(changeRoleAction, INITIAL_USERS_ACTION_STATE);

  return (
    <form action={action} aria-label={`Role of ${member.name}`}>
      <input type="hidden" name="organizationId" value={member.organizationId} />
      <input type="hidden" name="userId" value={member.userId} />
      <div className="role-form">
        <label htmlFor={`${id}-role`} className="visually-hidden">
          Role of {member.name}
        </label>
        <select id={`${id}-role`} name="role" className="input input-compact" defaultValue={role} key={role} aria-describedby={state.message ? `${id}-message` : undefined}>
          {MEMBERSHIP_ROLES.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </select>
        <button type="submit" className="button button-small" disabled={isPending}>
          {isPending ? "Saving…" : "Change"}
        </button>
      </div>
      <RowMessage state={state} id={`${id}-message`} />
    </form>
  );
}

/** "Reset link" and "Remove" for one member. */
export function MemberActions({ member }: { member: TMemberRef }) {
  const id = useId();
  const [linkState, linkAction, isLinkPending] = useActionState(passwordLinkAction, INITIAL_USERS_ACTION_STATE);
  const [removeState, removeAction, isRemovePending] = useActionState(removeMemberAction, INITIAL_USERS_ACTION_STATE);
  const confirmText = member.isSelf
    ? "Remove yourself from this practice? You lose access to it at once."
    : `Remove ${member.name} from this practice? Their account stays; they lose access to this practice at once.`;

  return (
    <div className="member-actions">
      <div className="member-actions-buttons">
        <form action={linkAction}>
          <input type="hidden" name="organizationId" value={member.organizationId} />
          <input type="hidden" name="userId" value={member.userId} />
          <button type="submit" className="button button-small" disabled={isLinkPending} title="A one-time link with which they choose a new password (valid 72 hours)">
            {isLinkPending ? "Creating…" : "Reset link"}
          </button>
        </form>
        <form
          action={removeAction}
          onSubmit={(event) => {
            if (!window.confirm(confirmText)) event.preventDefault();
          }}
        >
          <input type="hidden" name="organizationId" value={member.organizationId} />
          <input type="hidden" name="userId" value={member.userId} />
          <button type="submit" className="button button-small button-danger" disabled={isRemovePending}>
            {isRemovePending ? "Removing…" : "Remove"}
          </button>
        </form>
      </div>
      <RowMessage state={removeState} id={`${id}-remove`} />
      <RowMessage state={linkState} id={`${id}-link`} />
      {linkState.link ? <PasswordLink link={linkState.link} /> : null}
    </div>
  );
}
