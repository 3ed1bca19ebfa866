"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { postAuth } from "./auth-request";
import "./auth.css";

type TSignInAnswer = { twoFactorRedirect?: boolean; redirect?: boolean };

/**
 * Email and password to better-auth's standard endpoint; when the person has two-factor sign-in,
 * a second step for the authenticator code (or a backup code). `next` is already a same-site path.
 */
export function SignInForm({ next }: { next: string }) {
  const id = useId();
  const [step, setStep] = useState<"password" | "code">("password");
  const [useBackupCode, setUseBackupCode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);

  // A full page load, so the header (a layout) is drawn again for the signed-in user.
  const finish = () => window.location.assign(next);

  const onSignIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(null);
    setIsSubmitting(true);
    const answer = await postAuth<TSignInAnswer>("sign-in/email", { email: String(form.get("email") ?? "").trim(), password: String(form.get("password") ?? "") });
    setIsSubmitting(false);
    if (!answer.ok) {
      setError(answer.message);
      return;
    }
    if (answer.data.twoFactorRedirect) {
      setStep("code");
      setTimeout(() => codeRef.current?.focus(), 0);
      return;
    }
    finish();
  };

  const onCode = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    setError(null);
    setIsSubmitting(true);
    const answer = await postAuth(useBackupCode ? "two-factor/verify-backup-code" : "two-factor/verify-totp", { code });
    setIsSubmitting(false);
    if (!answer.ok) {
      setError(answer.message);
      if (/email and password again/.test(answer.message)) setStep("password");
      return;
    }
    finish();
  };

  const errorLine = error ? (
    <p id={`${id}-error`} className="auth-error" role="alert">
      {error}
    </p>
  ) : null;

  if (step === "code") {
    return (
      <form className="auth-form" onSubmit={onCode} aria-label="Two-factor code" noValidate>
        <p className="page-intro">{useBackupCode ? "Enter one of the backup codes you saved when you turned on two-factor sign-in." : "Enter the 6-digit code your authenticator app shows for DripAudit."}</p>
        {errorLine}
        <div className="field">
          <label htmlFor={`${id}-code`}>{useBackupCode ? "Backup code" : "Code"}</label>
          <input
            ref={codeRef}
            id={`${id}-code`}
            key={useBackupCode ? "backup" : "totp"}
            name="code"
            className="input code-input"
            autoComplete="one-time-code"
            inputMode={useBackupCode ? "text" : "numeric"}
            pattern={useBackupCode ? undefined : "[0-9 ]{6,7}"}
            maxLength={useBackupCode ? 40 : 7}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? "Checking…" : "Verify and sign in"}
        </button>
        <p className="auth-links">
          <button type="button" className="link-button" onClick={() => setUseBackupCode((value) => !value)}>
            {useBackupCode ? "Use the authenticator app code instead" : "Lost your phone? Use a backup code"}
          </button>
        </p>
      </form>
    );
  }

  return (
    <form className="auth-form" onSubmit={onSignIn} aria-label="Sign in">
      {errorLine}
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input id={`${id}-email`} name="email" type="email" className="input" autoComplete="username" required autoFocus aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password</label>
        <input id={`${id}-password`} name="password" type="password" className="input" autoComplete="current-password" required aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </button>
      <p className="auth-links muted">Forgot your password? Ask an owner of your practice for a reset link.</p>
    </form>
  );
}
