"use client";

import { useId, useState, type FormEvent } from "react";
import { postAuth, totpSecretFromUri } from "./auth-request";
import "./auth.css";

type TEnableAnswer = { totpURI?: string; backupCodes?: string[] };
type TStage = { kind: "idle" } | { kind: "confirm"; secret: string; uri: string; backupCodes: string[] } | { kind: "done" };

/**
 * Turning TOTP two-factor sign-in on (password → secret and backup codes → a first code, which
 * finishes it) or off (password). The page reloads afterwards so every guard sees the new state.
 */
export function TwoFactorSettings({ isEnabled, isRequired }: { isEnabled: boolean; isRequired: boolean }) {
  const id = useId();
  const [stage, setStage] = useState<TStage>({ kind: "idle" });
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const submit = async <T,>(path: string, body: Record<string, unknown>): Promise<T | null> => {
    setError(null);
    setIsSubmitting(true);
    const answer = await postAuth<T>(path, body);
    setIsSubmitting(false);
    if (!answer.ok) {
      setError(answer.message);
      return null;
    }
    return answer.data;
  };

  const onEnable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    const data = await submit<TEnableAnswer>("two-factor/enable", { password });
    if (!data) return;
    const secret = data.totpURI ? totpSecretFromUri(data.totpURI) : null;
    if (!data.totpURI || !secret) {
      setError("DripAudit did not return a secret — reload the page and try again.");
      return;
    }
    setStage({ kind: "confirm", secret, uri: data.totpURI, backupCodes: data.backupCodes ?? [] });
  };

  const onConfirm = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").replace(/\s+/g, "");
    if (await submit("two-factor/verify-totp", { code })) {
      setStage({ kind: "done" });
      window.location.reload();
    }
  };

  const onDisable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    if (await submit("two-factor/disable", { password })) window.location.reload();
  };

  const errorLine = error ? (
    <p id={`${id}-error`} className="auth-error" role="alert">
      {error}
    </p>
  ) : null;

  if (stage.kind === "done") return <p className="auth-ok" role="status">Two-factor sign-in is on.</p>;

  if (stage.kind === "confirm") {
    return (
      <form className="auth-form" onSubmit={onConfirm} aria-label="Finish turning on two-factor sign-in">
        <ol className="steps">
          <li>
            In your authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…), add an account by entering this key by hand (time-based):
            <br />
            <code className="secret-text" data-testid="totp-secret">
              {stage.secret}
            </code>
            <details>
              <summary className="muted">Full otpauth link (for apps that take one)</summary>
              <code className="mono otpauth-uri">
                {stage.uri}
              </code>
            </details>
          </li>
          <li>
            Save these backup codes somewhere safe — each signs you in once if you lose your phone. They are not shown again.
            <ul className="backup-codes" data-testid="backup-codes">
              {stage.backupCodes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
          </li>
          <li>Enter the 6-digit code the app now shows, to finish.</li>
        </ol>
        {errorLine}
        <div className="field">
          <label htmlFor={`${id}-code`}>Code from the app</label>
          <input id={`${id}-code`} name="code" className="input code-input" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required autoFocus />
        </div>
        <button type="submit" className="button button-primary" disabled={isSubmitting}>
          {isSubmitting ? "Checking…" : "Turn on two-factor sign-in"}
        </button>
      </form>
    );
  }

  if (isEnabled) {
    return (
      <form className="auth-form" onSubmit={onDisable} aria-label="Turn off two-factor sign-in">
        <p>
          <span className="badge badge-ok">On</span> Signing in asks for a code from your authenticator app.
        </p>
        {isRequired ? <p className="muted">Your practice requires two-factor sign-in: with it off, you will be asked to turn it on again before you can work.</p> : null}
        {errorLine}
        <div className="field">
          <label htmlFor={`${id}-password`}>Password, to turn it off</label>
          <input id={`${id}-password`} name="password" type="password" className="input" autoComplete="current-password" required />
        </div>
        <button type="submit" className="button" disabled={isSubmitting}>
          {isSubmitting ? "Turning off…" : "Turn off two-factor sign-in"}
        </button>
      </form>
    );
  }

  return (
    <form className="auth-form" onSubmit={onEnable} aria-label="Turn on two-factor sign-in">
      <p>
        <span className="badge badge-neutral">Off</span> Add a code from an authenticator app on your phone to every sign-in.
      </p>
      {errorLine}
      <div className="field">
        <label htmlFor={`${id}-password`}>Password, to start</label>
        <input id={`${id}-password`} name="password" type="password" className="input" autoComplete="current-password" required />
      </div>
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? "Starting…" : "Set up two-factor sign-in"}
      </button>
    </form>
  );
}
