"use client";

import { useId, useMemo, useState, type FormEvent } from "react";
import type { TImportJobView } from "@/lib/import/import-jobs";
import type { TImportColumnSpecs } from "@/lib/import/import-column-specs";
import { guessColumnMapping, toMappingPayload, unmappedNames } from "./guess-column-mapping";
import { IMPORT_KIND_OPTIONS } from "./import-labels";

type TMappableKind = keyof TImportColumnSpecs;

const isMappable = (kind: string, specs: TImportColumnSpecs): kind is TMappableKind => kind in specs;

/** Canonical column name as words: `date_of_service` → "date of service". */
const columnWords = (name: string) => name.replace(/_/g, " ");

/**
 * Shown when the importer could not find required columns: one select per canonical column of
 * the file's kind, pre-filled with what matched by name, the missing ones marked. Submitting
 * re-runs the import of the same upload with the mapping; the pipeline saves it for this
 * practice + source system + kind when the import succeeds.
 */
export function ColumnMappingForm({
  job,
  organizationId,
  missing,
  message,
  columnSpecs,
  onRetry,
}: {
  job: TImportJobView;
  organizationId: string;
  missing: { headers: string[]; unmapped: string[]; kind: string };
  message: string;
  columnSpecs: TImportColumnSpecs;
  onRetry: (job: TImportJobView) => void;
}) {
  const formId = useId();
  const initialKind: TMappableKind = isMappable(missing.kind, columnSpecs) ? missing.kind : "sessions";
  const [kind, setKind] = useState<TMappableKind>(initialKind);
  const [sourceName, setSourceName] = useState(job.sourceName ?? "");
  const specs = columnSpecs[kind];
  const guessed = useMemo(() => guessColumnMapping(missing.headers, specs), [missing.headers, specs]);
  const [selection, setSelection] = useState<Record<string, string>>(guessed);
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const missingNames = kind === missing.kind ? unmappedNames(missing.unmapped) : new Set<string>();
  const ordered = [...specs].sort((a, b) => Number(missingNames.has(b.name)) - Number(missingNames.has(a.name)) || Number(b.required) - Number(a.required));
  // Required, missing and already matched columns up front; optional unmatched ones folded away.
  const isPrimary = (name: string, required: boolean) => required || missingNames.has(name) || guessed[name] !== "";
  const primary = ordered.filter((spec) => isPrimary(spec.name, spec.required));
  const optional = ordered.filter((spec) => !isPrimary(spec.name, spec.required));

  const changeKind = (next: TMappableKind) => {
    setKind(next);
    setSelection(guessColumnMapping(missing.headers, columnSpecs[next]));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const stillMissing = specs.filter((spec) => spec.required && !selection[spec.name]).map((spec) => columnWords(spec.name));
    if (stillMissing.length > 0) {
      setError(`Choose a column for: ${stillMissing.join(", ")}.`);
      return;
    }
    setError(null);
    setIsSubmitting(true);
    try {
      const response = await fetch(`/api/imports/jobs/${job.jobId}/mapping`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ organizationId, kind, mapping: toMappingPayload(selection), sourceName: sourceName.trim() || undefined }),
      });
      const body = (await response.json().catch(() => null)) as (TImportJobView & { error?: { message?: string } }) | null;
      if (response.status !== 202 || !body || body.error) {
        setError(body?.error?.message ?? `Could not start the import (HTTP ${response.status}) — try again.`);
        return;
      }
      onRetry(body);
    } catch {
      setError("The connection to DripAudit was lost — try again.");
    } finally {
      setIsSubmitting(false);
    }
  };

  const renderRow = (spec: (typeof specs)[number]) => {
    const selectId = `${formId}-${spec.name}`;
    const isMissing = missingNames.has(spec.name) && !selection[spec.name];

    return (
      <tr key={spec.name}>
        <td>
          <label htmlFor={selectId} className="mono">
            {spec.name}
          </label>{" "}
          {spec.required ? <span className="muted">required</span> : null}{" "}
          {isMissing ? <span className="badge badge-documentation">missing</span> : null}
        </td>
        <td>
          <select
            id={selectId}
            className="input"
            value={selection[spec.name] ?? ""}
            onChange={(event) => setSelection((current) => ({ ...current, [spec.name]: event.target.value }))}
          >
            <option value="">— not in this file —</option>
            {missing.headers.map((header, index) => (
              <option key={`${index}-${header}`} value={header}>
                {header || `(column ${index + 1}, no header)`}
              </option>
            ))}
          </select>
        </td>
      </tr>
    );
  };

  const table = (rows: typeof specs, caption: string) => (
    <table className="table mapping-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">DripAudit column</th>
          <th scope="col">Column in your file</th>
        </tr>
      </thead>
      <tbody>{rows.map(renderRow)}</tbody>
    </table>
  );

  return (
    <form className="mapping-form" onSubmit={onSubmit} aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`}>Match this file’s columns</h4>
      <p className="muted">
        Some required columns were not found by name{missing.unmapped.length ? ` (${missing.unmapped.map(columnWords).join("; ")})` : ""}. Pick
        the file’s column for each; the ones marked <span className="badge badge-documentation">missing</span> are needed.
      </p>
      {message ? <p className="muted mapping-message">{message}</p> : null}
      <div className="mapping-options">
        <div className="field">
          <label htmlFor={`${formId}-kind`}>File type</label>
          <select id={`${formId}-kind`} className="input" value={kind} onChange={(event) => changeKind(event.target.value as TMappableKind)}>
            {IMPORT_KIND_OPTIONS.filter((option) => isMappable(option.kind, columnSpecs)).map((option) => (
              <option key={option.kind} value={option.kind}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-source`}>Remember for source system</label>
          <input
            id={`${formId}-source`}
            className="input"
            type="text"
            maxLength={100}
            value={sourceName}
            placeholder="e.g. Epic MAR"
            onChange={(event) => setSourceName(event.target.value)}
          />
        </div>
      </div>
      {table(primary, "Required and matched columns")}
      {optional.length > 0 ? (
        <details className="mapping-more">
          <summary>More optional columns ({optional.length})</summary>
          {table(optional, "Optional columns")}
        </details>
      ) : null}
      {error ? (
        <p className="import-outcome import-outcome-failed" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={isSubmitting}>
        {isSubmitting ? "Starting…" : "Save mapping and import"}
      </button>
    </form>
  );
}
