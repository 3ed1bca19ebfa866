"use client";

import { useActionState } from "react";
import { saveRulesAction } from "@/app/settings/actions";
import type { TRuleOption, TRuleSettings } from "@/lib/db/settings/rule-options";
import { ActionMessage, FieldError } from "./action-message";
import { INITIAL_ACTION_STATE } from "./settings-action-state";

function defaultText(option: TRuleOption, value: unknown): string {
  if (option.kind === "boolean") return value ? "on" : "off";
  if (option.kind === "minutes") return `${String(value)} min`;

  return option.choices.find((choice) => choice.value === value)?.label ?? String(value);
}

/** Every rule option with its rule-book section and default; saving one recomputes the numbers. */
export function RulesForm({ options, values, defaults }: { options: readonly TRuleOption[]; values: TRuleSettings; defaults: TRuleSettings }) {
  const [state, action, isPending] = useActionState(saveRulesAction, INITIAL_ACTION_STATE);
  const errors = state.fieldErrors ?? {};

  return (
    <form action={action} className="settings-form" aria-label="Coding rules">
      <table className="table rules-table">
        <caption className="visually-hidden">Coding rule options</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Value</th>
            <th scope="col">Default</th>
            <th scope="col">Rule book</th>
          </tr>
        </thead>
        <tbody>
          {options.map((option) => {
            const id = `rule-${option.key}`;
            const value = values[option.key];
            const isDefault = JSON.stringify(value) === JSON.stringify(defaults[option.key]);

            return (
              <tr key={option.key} className={isDefault ? undefined : "rule-changed"}>
                <td>
                  <label htmlFor={id} className="form-label">
                    {option.label}
                  </label>
                  <div className="form-help">{option.help}</div>
                </td>
                <td className="rule-input">
                  {option.kind === "choice" ? (
                    <select id={id} name={option.key} defaultValue={String(value)}>
                      {option.choices.map((choice) => (
                        <option key={choice.value} value={choice.value}>
                          {choice.label}
                        </option>
                      ))}
                    </select>
                  ) : option.kind === "boolean" ? (
                    <input id={id} name={option.key} type="checkbox" defaultChecked={Boolean(value)} />
                  ) : (
                    <span className="minutes-input">
                      <input
                        id={id}
                        name={option.key}
                        type="number"
                        min={option.min}
                        max={option.max}
                        defaultValue={Number(value)}
                        aria-invalid={errors[option.key] ? true : undefined}
                        aria-describedby={errors[option.key] ? `${id}-error` : undefined}
                      />{" "}
                      min
                    </span>
                  )}
                  <FieldError id={`${id}-error`} message={errors[option.key]} />
                </td>
                <td className="muted nowrap">
                  {defaultText(option, defaults[option.key])}
                  {isDefault ? null : <span className="changed-mark"> (changed)</span>}
                </td>
                <td className="mono nowrap">{option.section}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={isPending}>
          {isPending ? "Saving…" : "Save rules"}
        </button>
        <ActionMessage state={state} />
      </div>
    </form>
  );
}
