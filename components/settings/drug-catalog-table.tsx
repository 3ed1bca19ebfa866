"use client";

import { useActionState, useEffect, useState } from "react";
import { deleteDrugAction, updateDrugAction } from "@/app/settings/actions";
import type { TDrugCatalogRow } from "@/lib/db/settings/reference-data";
import { ActionMessage, FieldError } from "./action-message";
import { INITIAL_ACTION_STATE } from "./settings-action-state";

const CATEGORY_LABELS: Record<string, string> = { chemo: "Chemo / complex", therapeutic: "Therapeutic", hydration: "Hydration" };

function DrugRow({ entry }: { entry: TDrugCatalogRow }) {
  const [isEditing, setIsEditing] = useState(false);
  const [state, action, isPending] = useActionState(updateDrugAction, INITIAL_ACTION_STATE);
  const [deleteState, deleteAction, isDeleting] = useActionState(deleteDrugAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};
  const name = entry.hcpcs ?? entry.drug ?? "entry";

  useEffect(() => {
    if (state.ok && state.message) setIsEditing(false);
  }, [state]);

  if (isEditing) {
    return (
      <tr className="editing-row">
        <td colSpan={4}>
          <form action={action} className="inline-form" aria-label={`Edit ${name}`}>
            <input type="hidden" name="id" value={entry.id} />
            <label className="form-field">
              <span className="form-label">HCPCS</span>
              <input name="hcpcs" defaultValue={entry.hcpcs ?? ""} size={7} aria-invalid={errors.hcpcs ? true : undefined} aria-describedby={errors.hcpcs ? `drug-${entry.id}-hcpcs-error` : undefined} />
              <FieldError id={`drug-${entry.id}-hcpcs-error`} message={errors.hcpcs} />
            </label>
            <label className="form-field">
              <span className="form-label">Drug name</span>
              <input name="drug" defaultValue={entry.drug ?? ""} size={18} />
            </label>
            <label className="form-field">
              <span className="form-label">Category</span>
              <select name="category" defaultValue={entry.category}>
                {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button button-primary button-small" disabled={isPending}>
              Save
            </button>
            <button type="button" className="button button-small" onClick={() => setIsEditing(false)}>
              Cancel
            </button>
          </form>
          <ActionMessage state={state} />
        </td>
      </tr>
    );
  }

  return (
    <tr>
      <td className="mono">{entry.hcpcs ?? "—"}</td>
      <td>{entry.drug ?? "—"}</td>
      <td>{CATEGORY_LABELS[entry.category] ?? entry.category}</td>
      <td className="row-actions">
        <button type="button" className="button button-small" onClick={() => setIsEditing(true)} aria-label={`Edit ${name}`}>
          Edit
        </button>
        <form action={deleteAction}>
          <input type="hidden" name="id" value={entry.id} />
          <button type="submit" className="button button-small button-danger" disabled={isDeleting} aria-label={`Delete ${name}`}>
            Delete
          </button>
        </form>
        <ActionMessage state={deleteState} />
      </td>
    </tr>
  );
}

/** The practice's drug catalog overrides with inline edit and delete. */
export function DrugCatalogTable({ entries, total }: { entries: TDrugCatalogRow[]; total: number }) {
  if (entries.length === 0) return <p className="muted">No overrides — the built-in catalog decides every drug&apos;s category.</p>;

  return (
    <div className="data-table-wrap settings-table-wrap">
      <table className="table data-table compact-table" data-testid="drug-catalog-table">
        <caption className="visually-hidden">Drug catalog overrides</caption>
        <thead>
          <tr>
            <th scope="col">HCPCS</th>
            <th scope="col">Drug</th>
            <th scope="col">Category</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <DrugRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
      {total > entries.length ? <p className="muted">Showing the first {entries.length} of {total} entries.</p> : null}
    </div>
  );
}
