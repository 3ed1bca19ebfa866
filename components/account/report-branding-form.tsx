"use client";

import { useActionState, useId } from "react";
import { INITIAL_ACTION_STATE, type TSettingsActionState } from "@/components/settings/settings-action-state";

type ReportBrandingFormProps = {
  action: (previous: TSettingsActionState, formData: FormData) => Promise<TSettingsActionState>;
  firmName: string | null;
  logoDataUrl: string | null;
  maxFirmNameLength: number;
  maxLogoKb: number;
};

/** "Prepared by" on the client reports: the firm's name and logo, saved once for this user. */
export function ReportBrandingForm({ action, firmName, logoDataUrl, maxFirmNameLength, maxLogoKb }: ReportBrandingFormProps) {
  const id = useId();
  const [state, formAction, isPending] = useActionState(action, INITIAL_ACTION_STATE);

  return (
    <form className="auth-form" action={formAction} aria-label="Report branding">
      {state.message ? (
        <p className={state.ok ? "auth-ok" : "auth-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-firm`}>Firm name</label>
        <input id={`${id}-firm`} name="firmName" className="input" defaultValue={firmName ?? ""} maxLength={maxFirmNameLength} aria-invalid={Boolean(state.fieldErrors?.firmName)} />
        <span className="field-hint">Shown as "Prepared by" on the cover, with your name.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-logo`}>Logo</label>
        {logoDataUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a data: URL the user saved; nothing to optimise
          <img src={logoDataUrl} alt="Your saved logo" className="branding-logo-preview" />
        ) : null}
        <input id={`${id}-logo`} name="logo" type="file" accept="image/png,image/jpeg" aria-invalid={Boolean(state.fieldErrors?.logo)} />
        <span className="field-hint">PNG or JPEG, at most {maxLogoKb} KB.</span>
      </div>
      {logoDataUrl ? (
        <label className="checkbox">
          <input type="checkbox" name="removeLogo" /> Remove the saved logo
        </label>
      ) : null}
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? "Saving…" : "Save branding"}
      </button>
    </form>
  );
}
