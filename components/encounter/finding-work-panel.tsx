"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition, type FormEvent, type KeyboardEvent } from "react";
import type { TFindingWorkSummary } from "@/lib/db/findings/finding-work";
import { formatCents, formatDate } from "@/lib/format";
import { DISMISS_REASON_LABELS } from "@/lib/worklist/work-messages";
import { DISMISS_REASONS, FINDING_STATUS_LABELS, nextPersonStatuses, RECOVERED_STATUSES, WORK_TEXT_MAX, type TDismissReason, type TPersonStatus } from "@/lib/worklist/finding-workflow";
import { describeWorkFailure, describeWorkRefusal, type TWorkRefusalReason } from "@/lib/worklist/work-messages";
import { RecoveryLine, WorkStatusPill } from "./finding-work-summary";
import { parseDollarsInput } from "./parse-dollars";

/** The finding a panel works on, as the encounter page knows it. */
export type TWorkPanelFinding = { id: number; title: string; valueCents: number; filingDeadline: string | null };
/** A note, its time already written in the practice's time zone (server and browser agree). */
export type TWorkPanelNote = { id: number; authorEmail: string; writtenAt: string; writtenAtLabel: string; text: string };
/** A member a finding may be assigned to. */
export type TWorkMember = { userId: string; email: string; name: string };

type TWorkRequest =
  | { op: "status"; findingIds: number[]; status: TPersonStatus; dismissReason?: TDismissReason; dismissNote?: string; recoveredCents?: number }
  | { op: "assign"; findingIds: number[]; assigneeUserId: string | null }
  | { op: "due"; findingIds: number[]; dueDate: string | null }
  | { op: "note"; findingId: number; text: string };

type TMessage = { text: string; isError: boolean };
/** Sends one change; resolves true when it was saved (the page is then refreshed). */
type TSend = (request: TWorkRequest, savedText: string) => Promise<boolean>;

function errorMessageOf(body: unknown): string | null {
  const error = (body as { error?: { message?: unknown } } | null)?.error;
  return typeof error?.message === "string" && error.message ? error.message : null;
}

function refusalOf(body: unknown, findingId: number): TWorkRefusalReason | null {
  const refused = (body as { refused?: { findingId: number; reason: TWorkRefusalReason }[] } | null)?.refused;
  return refused?.find((entry) => entry.findingId === findingId)?.reason ?? null;
}

/**
 * One finding's work on the encounter page (issue [11/12]): status, assignee, due date and the
 * payer's outcome, with the notes beside them. Members who may work findings get the forms, each
 * a POST to /api/findings/work followed by a refresh of the page; others read the same facts.
 */
export function FindingWorkPanel({
  finding,
  work,
  notes,
  members,
  mayWork,
}: {
  finding: TWorkPanelFinding;
  work: TFindingWorkSummary;
  notes: readonly TWorkPanelNote[];
  members: readonly TWorkMember[];
  mayWork: boolean;
}) {
  const router = useRouter();
  const headingId = useId();
  const [isSending, setIsSending] = useState(false);
  const [isRefreshing, startRefresh] = useTransition();
  const [message, setMessage] = useState<TMessage | null>(null);
  // Until the refreshed page arrives the forms show the old status: a second change would be made against it.
  const isBusy = isSending || isRefreshing;

  const send: TSend = async (request, savedText) => {
    setIsSending(true);
    setMessage(null);
    try {
      const response = await fetch("/api/findings/work", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) }).catch(() => null);
      if (!response) {
        setMessage({ text: describeWorkFailure(null), isError: true });
        return false;
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        setMessage({ text: errorMessageOf(body) ?? describeWorkFailure(response.status), isError: true });
        return false;
      }
      const refusal = refusalOf(body, finding.id);
      if (refusal) {
        setMessage({ text: `Not changed: ${describeWorkRefusal(refusal, work.status)}`, isError: true });
        return false;
      }
      setMessage({ text: savedText, isError: false });
      startRefresh(() => router.refresh());
      return true;
    } finally {
      setIsSending(false);
    }
  };
  const say = (text: string) => setMessage({ text, isError: true });

  const dueText = work.dueDate ? `${formatDate(work.dueDate)}${work.dueDate === finding.filingDeadline ? " (filing deadline)" : ""}` : "No due date";

  return (
    <article className="finding-work" id={`finding-work-${finding.id}`} aria-labelledby={headingId} data-testid={`finding-work-${finding.id}`}>
      <div className="finding-work-main">
        <header className="finding-work-header">
          <h3 id={headingId} className="finding-work-title">
            {finding.title}
          </h3>
          <span className="muted">{formatCents(finding.valueCents)}</span>
        </header>
        <dl className="finding-work-facts">
          <div>
            <dt>Status</dt>
            <dd>
              <WorkStatusPill status={work.status} />
            </dd>
          </div>
          <div>
            <dt>Assigned to</dt>
            <dd>{work.assigneeEmail ?? <span className="muted">Unassigned</span>}</dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd>{dueText}</dd>
          </div>
        </dl>
        <RecoveryLine work={work} />

        {mayWork ? (
          <div className="finding-work-forms no-print">
            <StatusForm key={work.status} finding={finding} work={work} isBusy={isBusy} send={send} say={say} />
            <AssignForm key={`assignee-${work.assigneeUserId ?? ""}`} finding={finding} work={work} members={members} isBusy={isBusy} send={send} say={say} />
            <DueForm key={`due-${work.dueDate ?? ""}`} finding={finding} work={work} isBusy={isBusy} send={send} say={say} />
          </div>
        ) : null}
        <p className={message?.isError ? "work-message work-message-error" : "work-message"} role="status" aria-live="polite" data-testid="work-message">
          {message?.text ?? ""}
        </p>
      </div>

      <aside className="finding-work-notes" aria-label={`Notes on ${finding.title}`}>
        <h4 className="finding-work-notes-title">Notes{notes.length ? ` (${notes.length})` : ""}</h4>
        {notes.length === 0 ? (
          <p className="muted work-notes-empty">No notes yet.</p>
        ) : (
          <ol className="work-notes">
            {notes.map((note) => (
              <li key={note.id}>
                <p className="work-note-meta">
                  <strong>{note.authorEmail}</strong> · <time dateTime={note.writtenAt}>{note.writtenAtLabel}</time>
                </p>
                <p className="work-note-text">{note.text}</p>
              </li>
            ))}
          </ol>
        )}
        {mayWork ? <NoteForm finding={finding} isBusy={isBusy} send={send} say={say} /> : null}
      </aside>
    </article>
  );
}

type TFormProps = { finding: TWorkPanelFinding; work: TFindingWorkSummary; isBusy: boolean; send: TSend; say: (text: string) => void };

/** The next status, only among the moves the workflow allows from the current one. */
function StatusForm({ finding, work, isBusy, send, say }: TFormProps) {
  const ids = useId();
  const moves = nextPersonStatuses(work.status);
  const [status, setStatus] = useState<TPersonStatus | "">("");
  const [dismissReason, setDismissReason] = useState<TDismissReason | "">("");
  const [dismissNote, setDismissNote] = useState("");
  const [dollars, setDollars] = useState("");

  if (moves.length === 0) {
    return <p className="muted work-form-note">Set by the data: a recompute no longer finds this finding, so its status is not changed by hand.</p>;
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!status) return say("Choose the new status first.");
    const request: Extract<TWorkRequest, { op: "status" }> = { op: "status", findingIds: [finding.id], status };
    let savedText = `Status set to ${FINDING_STATUS_LABELS[status]}.`;
    if (status === "dismissed") {
      if (!dismissReason) return say(describeWorkRefusal("dismiss_reason_required", work.status));
      if (dismissReason === "other" && !dismissNote.trim()) return say(describeWorkRefusal("dismiss_note_required", work.status));
      request.dismissReason = dismissReason;
      if (dismissNote.trim()) request.dismissNote = dismissNote.trim();
    }
    if (RECOVERED_STATUSES.has(status)) {
      const amount = parseDollarsInput(dollars);
      if (!amount.ok) return say(amount.message);
      if (amount.cents === null && status === "partially_recovered") return say(describeWorkRefusal("recovered_amount_required", work.status));
      if (amount.cents !== null) request.recoveredCents = amount.cents;
      savedText = `Status set to ${FINDING_STATUS_LABELS[status]}: ${formatCents(amount.cents ?? finding.valueCents)} recovered.`;
    }
    void send(request, savedText);
  };

  return (
    <form className="work-form" onSubmit={onSubmit}>
      <div className="work-field">
        <label htmlFor={`${ids}-status`}>Move to</label>
        <select id={`${ids}-status`} className="input input-compact" value={status} onChange={(event) => setStatus(event.target.value as TPersonStatus | "")} data-testid="work-status-select">
          <option value="">Choose…</option>
          {moves.map((move) => (
            <option key={move} value={move}>
              {FINDING_STATUS_LABELS[move]}
            </option>
          ))}
        </select>
      </div>
      {status === "dismissed" ? (
        <>
          <div className="work-field">
            <label htmlFor={`${ids}-reason`}>Reason</label>
            <select id={`${ids}-reason`} className="input input-compact" value={dismissReason} onChange={(event) => setDismissReason(event.target.value as TDismissReason | "")} required data-testid="work-dismiss-reason">
              <option value="">Choose…</option>
              {DISMISS_REASONS.map((reason) => (
                <option key={reason} value={reason}>
                  {DISMISS_REASON_LABELS[reason]}
                </option>
              ))}
            </select>
          </div>
          <div className="work-field work-field-wide">
            <label htmlFor={`${ids}-why`}>Why{dismissReason === "other" ? "" : " (optional)"}</label>
            <input
              id={`${ids}-why`}
              className="input input-compact"
              value={dismissNote}
              onChange={(event) => setDismissNote(event.target.value)}
              maxLength={WORK_TEXT_MAX}
              required={dismissReason === "other"}
              data-testid="work-dismiss-note"
            />
          </div>
        </>
      ) : null}
      {status && RECOVERED_STATUSES.has(status) ? (
        <div className="work-field">
          <label htmlFor={`${ids}-dollars`}>Amount paid ($){status === "recovered" ? " (optional)" : ""}</label>
          <input
            id={`${ids}-dollars`}
            className="input input-compact"
            inputMode="decimal"
            autoComplete="off"
            size={10}
            value={dollars}
            onChange={(event) => setDollars(event.target.value)}
            required={status === "partially_recovered"}
            placeholder={status === "recovered" ? formatCents(finding.valueCents) : "e.g. 125.50"}
            aria-describedby={status === "recovered" ? `${ids}-dollars-hint` : undefined}
            data-testid="work-recovered-input"
          />
          {status === "recovered" ? (
            <span id={`${ids}-dollars-hint`} className="field-hint">
              Empty: the finding&apos;s value
            </span>
          ) : null}
        </div>
      ) : null}
      <button type="submit" className="button button-small button-primary" disabled={isBusy} data-testid="work-status-apply">
        Apply status
      </button>
    </form>
  );
}

/** Who works the finding: a member who may work findings, or nobody. */
function AssignForm({ finding, work, members, isBusy, send, say }: TFormProps & { members: readonly TWorkMember[] }) {
  const ids = useId();
  const [assignee, setAssignee] = useState(work.assigneeUserId ?? "");
  // Someone assigned before their role changed still shows as the assignee.
  const choices = work.assigneeUserId && !members.some((member) => member.userId === work.assigneeUserId) ? [...members, { userId: work.assigneeUserId, email: work.assigneeEmail ?? "a former member", name: "" }] : members;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (assignee === (work.assigneeUserId ?? "")) return say(assignee ? "Already assigned to that person." : "Already unassigned.");
    const email = choices.find((member) => member.userId === assignee)?.email;
    void send({ op: "assign", findingIds: [finding.id], assigneeUserId: assignee || null }, assignee ? `Assigned to ${email ?? "the chosen member"}.` : "Unassigned.");
  };

  return (
    <form className="work-form" onSubmit={onSubmit}>
      <div className="work-field">
        <label htmlFor={`${ids}-assignee`}>Assign to</label>
        <select id={`${ids}-assignee`} className="input input-compact" value={assignee} onChange={(event) => setAssignee(event.target.value)} data-testid="work-assignee-select">
          <option value="">Unassigned</option>
          {choices.map((member) => (
            <option key={member.userId} value={member.userId}>
              {member.name && member.name !== member.email ? `${member.name} (${member.email})` : member.email}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-small" disabled={isBusy} data-testid="work-assign-apply">
        Assign
      </button>
    </form>
  );
}

/** When the work is due: a day of the person's choosing, or back to the timely-filing deadline. */
function DueForm({ finding, work, isBusy, send, say }: TFormProps) {
  const ids = useId();
  const [dueDate, setDueDate] = useState(work.dueDate ?? "");
  const resetText = finding.filingDeadline ? `Due date back to the filing deadline, ${formatDate(finding.filingDeadline)}.` : "Due date cleared.";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) return say("Choose a due date first.");
    if (dueDate === work.dueDate) return say(`Already due ${formatDate(dueDate)}.`);
    void send({ op: "due", findingIds: [finding.id], dueDate }, `Due ${formatDate(dueDate)}.`);
  };

  return (
    <form className="work-form" onSubmit={onSubmit}>
      <div className="work-field">
        <label htmlFor={`${ids}-due`}>Due on</label>
        <input id={`${ids}-due`} type="date" className="input input-compact" value={dueDate} onChange={(event) => setDueDate(event.target.value)} required data-testid="work-due-input" />
      </div>
      <button type="submit" className="button button-small" disabled={isBusy} data-testid="work-due-apply">
        Set due date
      </button>
      <button type="button" className="button button-small" disabled={isBusy} onClick={() => void send({ op: "due", findingIds: [finding.id], dueDate: null }, resetText)} data-testid="work-due-reset">
        {finding.filingDeadline ? "Reset to filing deadline" : "Clear due date"}
      </button>
    </form>
  );
}

/** A new note: Enter adds it, Shift+Enter starts a new line. */
function NoteForm({ finding, isBusy, send, say }: Omit<TFormProps, "work">) {
  const ids = useId();
  const [text, setText] = useState("");

  const add = async () => {
    if (!text.trim()) return say("Write the note first.");
    if (await send({ op: "note", findingId: finding.id, text: text.trim() }, "Note added.")) setText("");
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!isBusy) void add();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };

  return (
    <form className="work-note-form no-print" onSubmit={onSubmit}>
      <label htmlFor={`${ids}-note`}>Add a note</label>
      <textarea
        id={`${ids}-note`}
        className="input"
        rows={3}
        maxLength={WORK_TEXT_MAX}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${ids}-note-hint`}
        data-testid="work-note-text"
      />
      <span id={`${ids}-note-hint`} className="field-hint">
        Enter adds the note, Shift+Enter starts a new line · {text.length.toLocaleString("en-US")} / {WORK_TEXT_MAX.toLocaleString("en-US")}
      </span>
      <button type="submit" className="button button-small button-primary" disabled={isBusy} data-testid="work-note-add">
        Add note
      </button>
    </form>
  );
}
