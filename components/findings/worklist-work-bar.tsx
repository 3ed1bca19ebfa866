"use client";

import { useRouter } from "next/navigation";
import "./work-bar.css";
import { useCallback, useEffect, useId, useState, type FormEvent } from "react";
import { parseDollarsInput } from "@/components/encounter/parse-dollars";
import { WORKLIST_FORM_ID } from "./worklist-form-id";
import { DISMISS_REASON_LABELS, describeRefusals, describeWorkFailure, type TWorkResponse } from "@/lib/worklist/work-messages";
import { DISMISS_REASONS, FINDING_STATUS_LABELS, PERSON_STATUSES, type TDismissReason, type TPersonStatus } from "@/lib/worklist/finding-workflow";


type TMember = { userId: string; email: string };

function selectedIds(): number[] {
  return [...document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${WORKLIST_FORM_ID}"][name="findingId"]:checked`)].map((box) => Number(box.value));
}

function setAll(checked: boolean): void {
  for (const box of document.querySelectorAll<HTMLInputElement>(`input[type=checkbox][form="${WORKLIST_FORM_ID}"][name="findingId"]`)) box.checked = checked;
}

/**
 * The worklist's bulk bar (issue [11/12]): it appears once a row is selected and moves the
 * selection's status, assignee or due date through POST /api/findings/work. Keyboard friendly:
 * the checkboxes and the bar are plain form controls (Tab, Space, Enter), Escape clears the
 * selection, and results are announced in a live region.
 */
export function WorklistWorkBar({ members }: { members: readonly TMember[] }) {
  const router = useRouter();
  const [count, setCount] = useState(0);
  const [status, setStatus] = useState<TPersonStatus>("in_progress");
  const [dismissReason, setDismissReason] = useState<TDismissReason>("not_worth_it");
  const [dismissNote, setDismissNote] = useState("");
  const [recovered, setRecovered] = useState("");
  const [assignee, setAssignee] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const ids = useId();

  const recount = useCallback(() => setCount(selectedIds().length), []);
  useEffect(() => {
    const onChange = (event: Event) => {
      if (event.target instanceof HTMLInputElement && event.target.getAttribute("form") === WORKLIST_FORM_ID) recount();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && selectedIds().length > 0) {
        setAll(false);
        recount();
      }
    };
    document.addEventListener("change", onChange);
    document.addEventListener("keydown", onKey);
    recount();
    return () => {
      document.removeEventListener("change", onChange);
      document.removeEventListener("keydown", onKey);
    };
  }, [recount]);

  async function send(body: Record<string, unknown>, done: string) {
    const findingIds = selectedIds();
    if (findingIds.length === 0) return;
    setIsBusy(true);
    setMessage(null);
    try {
      const response = await fetch("/api/findings/work", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...body, findingIds }) });
      const result = (await response.json().catch(() => null)) as TWorkResponse | null;
      if (!response.ok || !result || !("changed" in result)) {
        setMessage({ text: (result && "error" in result && result.error?.message) || describeWorkFailure(response.status), isError: true });
        return;
      }
      const refusals = describeRefusals(result.refused);
      setMessage({ text: `${done}: ${result.changed.length} of ${findingIds.length}.${refusals ? ` ${refusals}` : ""}`, isError: result.changed.length === 0 });
      setAll(false);
      recount();
      router.refresh();
    } catch {
      setMessage({ text: describeWorkFailure(null), isError: true });
    } finally {
      setIsBusy(false);
    }
  }

  function onStatus(event: FormEvent) {
    event.preventDefault();
    const change: Record<string, unknown> = { op: "status", status };
    if (status === "dismissed") Object.assign(change, { dismissReason, ...(dismissNote.trim() ? { dismissNote: dismissNote.trim() } : {}) });
    if (status === "recovered" || status === "partially_recovered") {
      const amount = parseDollarsInput(recovered);
      if (!amount.ok) {
        setMessage({ text: amount.message, isError: true });
        return;
      }
      const cents = amount.cents;
      if (cents !== null) change.recoveredCents = cents;
    }
    void send(change, `Status set to ${FINDING_STATUS_LABELS[status]}`);
  }

  return (
    <form id={WORKLIST_FORM_ID} className="work-bar" data-testid="work-bar" data-open={count > 0 ? "true" : "false"} aria-label="Work on selected findings" onSubmit={onStatus}>
      <div className="work-bar-row">
        <strong data-testid="work-bar-count">{count === 0 ? "Select findings to work on them" : `${count} selected`}</strong>
        <button type="button" className="button button-small" onClick={() => (setAll(true), recount())}>
          Select all on this page
        </button>
        {count > 0 ? (
          <button type="button" className="button button-small" onClick={() => (setAll(false), recount())}>
            Clear (Esc)
          </button>
        ) : null}
      </div>
      {count > 0 ? (
        <div className="work-bar-row">
          <label htmlFor={`${ids}-status`}>Status</label>
          <select id={`${ids}-status`} value={status} onChange={(event) => setStatus(event.target.value as TPersonStatus)} data-testid="bulk-status-select">
            {PERSON_STATUSES.map((value) => (
              <option key={value} value={value}>
                {FINDING_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
          {status === "dismissed" ? (
            <>
              <label htmlFor={`${ids}-reason`}>Reason</label>
              <select id={`${ids}-reason`} value={dismissReason} onChange={(event) => setDismissReason(event.target.value as TDismissReason)}>
                {DISMISS_REASONS.map((reason) => (
                  <option key={reason} value={reason}>
                    {DISMISS_REASON_LABELS[reason]}
                  </option>
                ))}
              </select>
              <label htmlFor={`${ids}-note`}>Why</label>
              <input id={`${ids}-note`} value={dismissNote} onChange={(event) => setDismissNote(event.target.value)} maxLength={2000} required={dismissReason === "other"} />
            </>
          ) : null}
          {status === "recovered" || status === "partially_recovered" ? (
            <>
              <label htmlFor={`${ids}-amount`}>Amount paid ($)</label>
              <input
                id={`${ids}-amount`}
                inputMode="decimal"
                value={recovered}
                onChange={(event) => setRecovered(event.target.value)}
                required={status === "partially_recovered"}
                placeholder={status === "recovered" ? "finding's value" : ""}
                size={10}
              />
            </>
          ) : null}
          <button type="submit" className="button button-small button-primary" disabled={isBusy} data-testid="bulk-status-apply">
            Set status
          </button>
        </div>
      ) : null}
      {count > 0 ? (
        <div className="work-bar-row">
          <label htmlFor={`${ids}-assignee`}>Assign to</label>
          <select id={`${ids}-assignee`} value={assignee} onChange={(event) => setAssignee(event.target.value)} data-testid="bulk-assignee-select">
            <option value="">Unassigned</option>
            {members.map((member) => (
              <option key={member.userId} value={member.userId}>
                {member.email}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small" disabled={isBusy} onClick={() => void send({ op: "assign", assigneeUserId: assignee || null }, assignee ? "Assigned" : "Unassigned")} data-testid="bulk-assign-apply">
            Assign
          </button>
          <label htmlFor={`${ids}-due`}>Due</label>
          <input id={`${ids}-due`} type="date" value={dueDate} onChange={(event) => setDueDate(event.target.value)} />
          <button type="button" className="button button-small" disabled={isBusy} onClick={() => void send({ op: "due", dueDate: dueDate || null }, dueDate ? "Due date set" : "Due date back to the filing deadline")}>
            {dueDate ? "Set due date" : "Due at filing deadline"}
          </button>
        </div>
      ) : null}
      <p className={message?.isError ? "work-bar-message work-bar-error" : "work-bar-message"} role="status" aria-live="polite" data-testid="bulk-message">
        {message?.text ?? ""}
      </p>
    </form>
  );
}
