"use client";

import { useActionState, useId } from "react";
import { createFirstOwnerAction } from "@/app/setup/actions";
import { INITIAL_SETUP_STATE, type TSetupState } from "./setup-state";
import "./auth.css";

/** Name, email and password twice for the install's first owner. */
export function SetupForm({ minPasswordLength }: { minPasswordLength: number }) {
  const id = useId();
  const [state, action, isPending] = useActionState(createFirstOwnerAction, INITIAL_SETUP_STATE);
  const invalid = (field: NonNullable<TSetupState["field"]>) =>
    !state.ok && state.field === field ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};

  return (
    <form action={action} className="auth-form" aria-label="Create the owner account">
      {!state.ok && state.message ? (
        <p id={`${id}-error`} className="auth-error" role="alert">
          {state.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-name`}>Your name</label>
        <input id={`${id}-name`} name="name" className="input" autoComplete="name" maxLength={100} required defaultValue={state.values?.name} autoFocus {...invalid("name")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} name="email" type="email" className="input" autoComplete="username" required defaultValue={state.values?.email} {...invalid("email")} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          className="input"
          autoComplete="new-password"
          minLength={minPasswordLength}
          required
          aria-describedby={`${id}-password-hint`}
          {...invalid("password")}
        />
        <span id={`${id}-password-hint`} className="field-hint">
          At least {minPasswordLength} characters; a phrase only you would use.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-again`}>Password again</label>
        <input id={`${id}-again`} name="passwordAgain" type="password" className="input" autoComplete="new-password" required {...invalid("passwordAgain")} />
      </div>
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? "Creating the owner…" : "Create owner and sign in"}
      </button>
    </form>
  );
}
