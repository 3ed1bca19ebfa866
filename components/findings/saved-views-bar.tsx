"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";

/** A saved view as the bar shows it: the server builds its link and decides whether the page shows it. */
export type TSavedViewLink = { id: number; name: string; href: string; isCurrent: boolean };

type TApiAnswer = { view?: { name: string }; error?: { code: string; message: string } } | null;

/** The sentence for an answer without an error message of its own (no connection, a proxy page…). */
function describeFailure(httpStatus: number | null): string {
  if (httpStatus === null) return "The server could not be reached. Check the connection and try again.";
  if (httpStatus === 401) return "Your session has ended — sign in again.";

  return `The server answered ${httpStatus}. Try again.`;
}

/**
 * The worklist's saved views (issue [11/12]): the person's views as links (the one this page shows
 * is aria-current), a delete button for each, and "Save view as…", which saves this page's filters,
 * sort and columns under a name (the same name replaces that view). Plain form controls: Tab,
 * Enter and Space do everything; results are announced in a live region.
 */
export function SavedViewsBar({ views, current, nameMax }: { views: readonly TSavedViewLink[]; current: { query: string; columns: readonly string[] }; nameMax: number }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const ids = useId();
  const nameInput = useRef<HTMLInputElement>(null);

  async function send(request: () => Promise<Response>, done: (answer: TApiAnswer, httpStatus: number) => string): Promise<boolean> {
    setIsBusy(true);
    setMessage(null);
    try {
      const response = await request();
      const answer = response.status === 204 ? null : ((await response.json().catch(() => null)) as TApiAnswer);
      if (!response.ok) {
        setMessage({ text: answer?.error?.message ?? describeFailure(response.status), isError: true });
        return false;
      }
      setMessage({ text: done(answer, response.status), isError: false });
      router.refresh();
      return true;
    } catch {
      setMessage({ text: describeFailure(null), isError: true });
      return false;
    } finally {
      setIsBusy(false);
    }
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    const saved = await send(
      () =>
        fetch("/api/findings/views", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name: trimmed, query: current.query, columns: current.columns }),
        }),
      // 200: a view of that name was replaced; 201: a new one.
      (answer, httpStatus) => `${httpStatus === 200 ? "Replaced" : "Saved"} the view “${answer?.view?.name ?? trimmed}”.`,
    );
    if (saved) setName("");
  }

  async function onDelete(view: TSavedViewLink) {
    const deleted = await send(() => fetch(`/api/findings/views?id=${view.id}`, { method: "DELETE" }), () => `Deleted the view “${view.name}”.`);
    // The focused button is gone with its view: keep the keyboard in the bar.
    if (deleted) nameInput.current?.focus();
  }

  return (
    <section className="saved-views" aria-labelledby={`${ids}-title`} data-testid="saved-views">
      <h2 id={`${ids}-title`} className="saved-views-title">
        Views
      </h2>
      {views.length > 0 ? (
        <ul className="saved-views-list">
          {views.map((view) => (
            <li key={view.id} className="saved-view">
              <Link href={view.href} aria-current={view.isCurrent ? "page" : undefined} data-testid="saved-view-link">
                {view.name}
              </Link>
              <button
                type="button"
                className="saved-view-delete"
                onClick={() => void onDelete(view)}
                disabled={isBusy}
                aria-label={`Delete the view “${view.name}”`}
                title="Delete this view"
                data-testid="saved-view-delete"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted saved-views-empty">No saved views yet.</span>
      )}
      <form className="save-view-form" onSubmit={(event) => void onSave(event)} aria-label="Save this view">
        <label htmlFor={`${ids}-name`}>Save view as…</label>
        <input
          id={`${ids}-name`}
          ref={nameInput}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={nameMax}
          required
          size={18}
          placeholder="e.g. Coding by value"
          autoComplete="off"
          data-testid="save-view-name"
        />
        <button type="submit" className="button button-small" disabled={isBusy || name.trim() === ""} data-testid="save-view-submit">
          Save view
        </button>
      </form>
      <p className={message?.isError ? "saved-views-message saved-views-error" : "saved-views-message"} role="status" aria-live="polite" data-testid="saved-views-message">
        {message?.text ?? ""}
      </p>
    </section>
  );
}
