"use client";

import { useActionState, useEffect, useState } from "react";
import { deleteFeeRateAction, updateFeeRateAction } from "@/app/settings/actions";
import type { TFeeScheduleRateRow } from "@/lib/db/settings/reference-data";
import { formatCents } from "@/lib/format";
import { ActionMessage, FieldError } from "./action-message";
import { INITIAL_ACTION_STATE } from "./settings-action-state";

function dollarsText(cents: number): string {
  return (cents / 100).toFixed(2);
}

function FeeRateRow({ rate }: { rate: TFeeScheduleRateRow }) {
  const [isEditing, setIsEditing] = useState(false);
  const [state, action, isPending] = useActionState(updateFeeRateAction, INITIAL_ACTION_STATE);
  const [deleteState, deleteAction, isDeleting] = useActionState(deleteFeeRateAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};

  useEffect(() => {
    if (state.ok && state.message) setIsEditing(false);
  }, [state]);

  if (isEditing) {
    const error = (field: string) => (errors[field] ? { "aria-invalid": true, "aria-describedby": `rate-${rate.id}-${field}-error` } : {});

    return (
      <tr className="editing-row">
        <td colSpan={6}>
          <form action={action} className="inline-form" aria-label={`Edit the ${rate.payer} rate for ${rate.code}`}>
            <input type="hidden" name="id" value={rate.id} />
            <label className="form-field">
              <span className="form-label">Payer</span>
              <input name="payer" defaultValue={rate.payer} size={14} required {...error("payer")} />
              <FieldError id={`rate-${rate.id}-payer-error`} message={errors.payer} />
            </label>
            <label className="form-field">
              <span className="form-label">Code</span>
              <input name="code" defaultValue={rate.code} size={7} required {...error("code")} />
              <FieldError id={`rate-${rate.id}-code-error`} message={errors.code} />
            </label>
            <label className="form-field">
              <span className="form-label">Rate ($ per unit)</span>
              <input name="rate" defaultValue={dollarsText(rate.rateCents)} size={9} inputMode="decimal" required {...error("rate")} />
              <FieldError id={`rate-${rate.id}-rate-error`} message={errors.rate} />
            </label>
            <label className="form-field">
              <span className="form-label">From</span>
              <input name="effectiveFrom" type="date" defaultValue={rate.effectiveFrom === "0001-01-01" ? "" : rate.effectiveFrom} required {...error("effectiveFrom")} />
              <FieldError id={`rate-${rate.id}-effectiveFrom-error`} message={errors.effectiveFrom} />
            </label>
            <label className="form-field">
              <span className="form-label">To</span>
              <input name="effectiveTo" type="date" defaultValue={rate.effectiveTo ?? ""} {...error("effectiveTo")} />
              <FieldError id={`rate-${rate.id}-effectiveTo-error`} message={errors.effectiveTo} />
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
      <td>{rate.payer === "*" ? <span title="Any payer">* (any)</span> : rate.payer}</td>
      <td className="mono">{rate.code}</td>
      <td className="num">{formatCents(rate.rateCents)}</td>
      <td className="nowrap">{rate.effectiveFrom === "0001-01-01" ? "—" : rate.effectiveFrom}</td>
      <td className="nowrap">{rate.effectiveTo ?? "open"}</td>
      <td className="row-actions">
        <button type="button" className="button button-small" onClick={() => setIsEditing(true)} aria-label={`Edit the ${rate.payer} rate for ${rate.code}`}>
          Edit
        </button>
        <form action={deleteAction}>
          <input type="hidden" name="id" value={rate.id} />
          <button type="submit" className="button button-small button-danger" disabled={isDeleting} aria-label={`Delete the ${rate.payer} rate for ${rate.code}`}>
            Delete
          </button>
        </form>
        <ActionMessage state={deleteState} />
      </td>
    </tr>
  );
}

/** The practice's fee schedule with inline edit and delete. */
export function FeeRateTable({ rates, total }: { rates: TFeeScheduleRateRow[]; total: number }) {
  if (rates.length === 0) return <p className="muted">No fee schedule yet — upload one below. Until then values come from paid history or reference rates.</p>;

  return (
    <div className="data-table-wrap settings-table-wrap">
      <table className="table data-table compact-table" data-testid="fee-rate-table">
        <caption className="visually-hidden">Fee schedule rates</caption>
        <thead>
          <tr>
            <th scope="col">Payer</th>
            <th scope="col">Code</th>
            <th scope="col" className="num">
              Rate / unit
            </th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rates.map((rate) => (
            <FeeRateRow key={rate.id} rate={rate} />
          ))}
        </tbody>
      </table>
      {total > rates.length ? <p className="muted">Showing the first {rates.length} of {total} rates.</p> : null}
    </div>
  );
}
