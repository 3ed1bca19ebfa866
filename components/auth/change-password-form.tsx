"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { postAuth } from "./auth-request";
import "./auth.css";

/** Current password, new one twice; other browsers signed in as this person are signed out. */
export function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const newPassword = String(form.get("newPassword") ?? "");
    if (newPassword !== String(form.get("newPasswordAgain") ?? "")) {
      setResult({ ok: false, message: "The two new passwords differ — type the same password twice." });
      return;
    }
    setIsSubmitting(true);
    const answer = await postAuth("change-password", { currentPassword: String(form.get("currentPassword") ?? ""), newPassword, revokeOtherSessions: true });
    setIsSubmitting(false);
    if (!answer.ok) {
      setResult({ ok: false, message: answer.message });
      return;
    }
    formRef.current?.reset();
    setResult({ ok: true, message: "Password changed. Other browsers signed in as you were signed out." });
  };

  return (
    <form ref={formRef} className="auth-form" onSubmit={onSubmit} aria-label="Change password">
      {result ? (
        <p id={`${id}-result`} className={result.ok ? "auth-ok" : "auth-error"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-current`}>Current password</label>
        <input id={`${id}-current`} name="currentPassword" type="password" className="input" autoComplete="current-password" required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-new`}>New password</label>
        <input id={`${id}-new`} name="newPassword" type="password" className="input" autoComplete="new-password" minLength={minPasswordLength} required aria-describedby={`${id}-hint`} />
        <span id={`${id}-hint`} className="field-hint">
          At least {minPasswordLength} characters; a phrase only you would use.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-again`}>New password again</label>
        <input id={`${id}-again`} name="newPasswordAgain" type="password" className="input" autoComplete="new-password" required />
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
