"use client";

import { useActionState } from "react";
import { saveOrganizationAction } from "@/app/settings/actions";
import { ActionMessage, FieldError } from "./action-message";
import { INITIAL_ACTION_STATE } from "./settings-action-state";

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export type OrganizationFormProps = {
  name: string;
  timeZone: string;
  setting: "facility" | "professional";
  weekStartsOn: number;
  timelyFilingDays: number;
  uploadRetentionDays: number;
  timeZones: readonly { id: string; label: string }[];
};

/** Practice name, time zone, setting, week start, the default timely-filing window and how long uploads are kept. */
export function OrganizationForm(props: OrganizationFormProps) {
  const [state, action, isPending] = useActionState(saveOrganizationAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const described = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `org-${field}-error` } : {});

  return (
    <form action={action} className="settings-form" aria-label="Practice">
      <div className="form-grid">
        <label className="form-field">
          <span className="form-label">Practice name</span>
          <input name="name" defaultValue={props.name} required maxLength={120} {...described("name")} />
          <FieldError id="org-name-error" message={errors.name} />
        </label>
        <label className="form-field">
          <span className="form-label">Time zone (IANA)</span>
          <input name="timeZone" defaultValue={props.timeZone} list="time-zone-options" required {...described("timeZone")} />
          <datalist id="time-zone-options">
            {props.timeZones.map((zone) => (
              <option key={zone.id} value={zone.id}>
                {zone.label}
              </option>
            ))}
          </datalist>
          <span className="form-help">Date-times without an offset are read in it. Default: America/New_York.</span>
          <FieldError id="org-timeZone-error" message={errors.timeZone} />
        </label>
        <label className="form-field">
          <span className="form-label">Setting</span>
          <select name="setting" defaultValue={props.setting} {...described("setting")}>
            <option value="facility">Facility (hospital outpatient)</option>
            <option value="professional">Professional (office)</option>
          </select>
          <span className="form-help">Spec §4; facility hierarchy §4.1, professional §4.2. Default: facility.</span>
          <FieldError id="org-setting-error" message={errors.setting} />
        </label>
        <label className="form-field">
          <span className="form-label">Weeks start on</span>
          <select name="weekStartsOn" defaultValue={String(props.weekStartsOn)} {...described("weekStartsOn")}>
            {DAYS.map((day, index) => (
              <option key={day} value={index}>
                {day}
              </option>
            ))}
          </select>
          <span className="form-help">Default: Monday.</span>
          <FieldError id="org-weekStartsOn-error" message={errors.weekStartsOn} />
        </label>
        <label className="form-field">
          <span className="form-label">Timely filing (days)</span>
          <input name="timelyFilingDays" type="number" min={1} max={3650} defaultValue={props.timelyFilingDays} required {...described("timelyFilingDays")} />
          <span className="form-help">For payers without their own window below. Default: 365.</span>
          <FieldError id="org-timelyFilingDays-error" message={errors.timelyFilingDays} />
        </label>
        <label className="form-field">
          <span className="form-label">Keep uploaded files (days)</span>
          <input name="uploadRetentionDays" type="number" min={0} max={365} step={1} defaultValue={props.uploadRetentionDays} required {...described("uploadRetentionDays")} />
          <span className="form-help">
            Uploads hold patient data: each is deleted when its import ends, and in any case after this many days. 0 deletes it as soon as the import ends (a file waiting for its column mapping is kept until it is mapped, at most an hour). Default: 7.
          </span>
          <FieldError id="org-uploadRetentionDays-error" message={errors.uploadRetentionDays} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {isPending ? "Saving…" : "Save practice"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
