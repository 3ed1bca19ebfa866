"use client";

import { useEffect } from "react";
import type { TSettingsActionState } from "./settings-action-state";

export const RECOMPUTE_EVENT = "dripaudit:recompute";

/** Tells the page's AnalysisStatusNotice that a recompute was queued (it shows the notice and polls). */
export function announceRecompute(): void {
  window.dispatchEvent(new CustomEvent(RECOMPUTE_EVENT));
}

/**
 * The result of a settings action: a one-line message (role=status, or alert on failure) and the
 * upload's row errors with their file lines. Announces a queued recompute once per result.
 */
export function ActionMessage({ state }: { state: TSettingsActionState }) {
  useEffect(() => {
    if (state.recomputing) announceRecompute();
  }, [state]);

  if (!state.message && !state.rowErrors?.length) return null;

  return (
    <div className="action-message">
      {state.message ? (
        <p className={state.ok ? "action-ok" : "action-error"} role={state.ok ? "status" : "alert"}>
          {state.message}
        </p>
      ) : null}
      {state.rowErrors?.length ? (
        <div className="row-errors">
          <table className="table data-table">
            <caption className="visually-hidden">Rows that were skipped</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {state.rowErrors.map((error, index) => (
                <tr key={index}>
                  <td className="num">{error.line}</td>
                  <td className="mono">{error.column ?? "—"}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** A field's error under the input, linked by aria-describedby. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;

  return (
    <span id={id} className="field-error">
      {message}
    </span>
  );
}
