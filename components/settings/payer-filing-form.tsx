"use client";

import { useActionState } from "react";
import { deletePayerFilingAction, savePayerFilingAction } from "@/app/settings/actions";
import { ActionMessage, FieldError } from "./action-message";
import { INITIAL_ACTION_STATE } from "./settings-action-state";

/** Per-payer timely-filing windows: the list with remove buttons, and a form to add or change one. */
export function PayerFilingForm({ rows, knownPayers, defaultDays }: { rows: { payer: string; timelyFilingDays: number }[]; knownPayers: string[]; defaultDays: number }) {
  const [state, action, isPending] = useActionState(savePayerFilingAction, INITIAL_ACTION_STATE);
  const [deleteState, deleteAction, isDeleting] = useActionState(deletePayerFilingAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};

  return (
    <div className="settings-form">
      {rows.length ? (
        <table className="table data-table compact-table">
          <caption className="visually-hidden">Timely filing by payer</caption>
          <thead>
            <tr>
              <th scope="col">Payer</th>
              <th scope="col" className="num">
                Days
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.payer}>
                <td>{row.payer}</td>
                <td className="num">{row.timelyFilingDays}</td>
                <td className="row-actions">
                  <form action={deleteAction}>
                    <input type="hidden" name="payer" value={row.payer} />
                    <button type="submit" className="button button-small button-danger" disabled={isDeleting} aria-label={`Remove the window for ${row.payer}`}>
                      Remove
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Every payer uses the practice default ({defaultDays} days).</p>
      )}
      <ActionMessage state={deleteState} />
      <form action={action} className="inline-form" aria-label="Set a payer's window">
        <label className="form-field">
          <span className="form-label">Payer</span>
          <input name="payer" list="known-payers" required maxLength={120} aria-invalid={errors.payer ? true : undefined} aria-describedby={errors.payer ? "payer-error" : undefined} />
          <datalist id="known-payers">
            {knownPayers.map((payer) => (
              <option key={payer} value={payer} />
            ))}
          </datalist>
          <FieldError id="payer-error" message={errors.payer} />
        </label>
        <label className="form-field">
          <span className="form-label">Days</span>
          <input name="timelyFilingDays" type="number" min={1} max={3650} required defaultValue={90} aria-invalid={errors.timelyFilingDays ? true : undefined} aria-describedby={errors.timelyFilingDays ? "payer-days-error" : undefined} />
          <FieldError id="payer-days-error" message={errors.timelyFilingDays} />
        </label>
        <button type="submit" className="button" disabled={isPending}>
          {isPending ? "Saving…" : "Set window"}
        </button>
      </form>
      <ActionMessage state={state} />
    </div>
  );
}
