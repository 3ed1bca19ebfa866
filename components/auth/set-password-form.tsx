"use client";

import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { EXPIRED_LINK_MESSAGE, postAuth } from "./auth-request";
import "./auth.css";

/** The password chosen with a one-time setup or reset link, posted to better-auth's /reset-password. */
export function SetPasswordForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [isExpired, setIsExpired] = useState(false);
  const [isDone, setIsDone] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("password") ?? "");
    if (newPassword !== String(form.get("passwordAgain") ?? "")) {
      setError("The two passwords differ — type the same password twice.");
      return;
    }
    setError(null);
    setIsSubmitting(true);
    const answer = await postAuth("reset-password", { newPassword, token });
    setIsSubmitting(false);
    if (answer.ok) {
      setIsDone(true);
      return;
    }
    if (answer.message === EXPIRED_LINK_MESSAGE) setIsExpired(true);
    setError(answer.message);
  };

  if (isDone) {
    return (
      <div role="status">
        <p className="auth-ok">Your password is set.</p>
        <Link href="/sign-in" className="button button-primary">
          Sign in
        </Link>
      </div>
    );
  }
  if (isExpired) {
    return (
      <p className="auth-error" role="alert">
        {EXPIRED_LINK_MESSAGE}
      </p>
    );
  }

  return (
    <form className="auth-form" onSubmit={onSubmit} aria-label="Choose your password">
      {error ? (
        <p id={`${id}-error`} className="auth-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-password`}>New password</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          className="input"
          autoComplete="new-password"
          minLength={minPasswordLength}
          required
          autoFocus
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        />
        <span id={`${id}-hint`} className="field-hint">
          At least {minPasswordLength} characters; a phrase only you would use.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-again`}>New password again</label>
        <input id={`${id}-again`} name="passwordAgain" type="password" className="input" autoComplete="new-password" required />
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
