"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { COMMON_US_TIME_ZONES, isValidTimeZone } from "@/lib/time-zones";

const OTHER = "other";

/**
 * First-run form: files are imported into a practice, so one has to exist. Name, time zone (date-
 * times without an offset are read in it) and billing setting.
 */
export function CreateOrganizationForm() {
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [zoneChoice, setZoneChoice] = useState<string>(COMMON_US_TIME_ZONES[0].id);
  const [otherZone, setOtherZone] = useState("");
  const [setting, setSetting] = useState<"facility" | "professional">("facility");
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const timeZone = zoneChoice === OTHER ? otherZone.trim() : zoneChoice;
    if (!name.trim()) {
      setError("Enter the practice’s name.");
      return;
    }
    if (!isValidTimeZone(timeZone)) {
      setError(`“${timeZone || "(empty)"}” is not a time zone name — use one like America/New_York or Europe/London.`);
      return;
    }
    setError(null);
    setIsSubmitting(true);
    try {
      const response = await fetch("/api/organizations", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: name.trim(), timeZone, setting }),
      });
      if (response.status !== 201) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(body?.error?.message ?? `Could not create the practice (HTTP ${response.status}) — try again.`);
        return;
      }
      router.refresh();
    } catch {
      setError("The connection to DripAudit was lost — try again.");
    } finally {
      setIsSubmitting(false);
    }
  };

  return (
    <form className="panel org-form" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create a practice first</h2>
      <p className="muted">Files are imported into a practice. You can add more practices later (one per client, for consultants).</p>
      <div className="field">
        <label htmlFor={`${id}-name`}>Practice name</label>
        <input id={`${id}-name`} className="input" type="text" maxLength={120} required value={name} onChange={(event) => setName(event.target.value)} autoComplete="organization" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <select id={`${id}-zone`} className="input" value={zoneChoice} onChange={(event) => setZoneChoice(event.target.value)} aria-describedby={`${id}-zone-hint`}>
          {COMMON_US_TIME_ZONES.map((zone) => (
            <option key={zone.id} value={zone.id}>
              {zone.label} — {zone.id}
            </option>
          ))}
          <option value={OTHER}>Other…</option>
        </select>
        <span id={`${id}-zone-hint`} className="field-hint">
          Times in your files without an offset are read in this zone.
        </span>
      </div>
      {zoneChoice === OTHER ? (
        <div className="field">
          <label htmlFor={`${id}-other`}>Time zone name (IANA)</label>
          <input id={`${id}-other`} className="input" type="text" placeholder="e.g. America/Boise" value={otherZone} onChange={(event) => setOtherZone(event.target.value)} />
        </div>
      ) : null}
      <fieldset className="field">
        <legend>Billing setting</legend>
        <label className="radio">
          <input type="radio" name={`${id}-setting`} value="facility" checked={setting === "facility"} onChange={() => setSetting("facility")} /> Facility (hospital
          outpatient, UB-04)
        </label>
        <label className="radio">
          <input type="radio" name={`${id}-setting`} value="professional" checked={setting === "professional"} onChange={() => setSetting("professional")} />{" "}
          Professional (physician office, CMS-1500)
        </label>
      </fieldset>
      {error ? (
        <p className="import-outcome import-outcome-failed" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create practice"}
      </button>
    </form>
  );
}
