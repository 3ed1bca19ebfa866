"use client";

import { useId, useState } from "react";

/** A one-time password link to hand over, with its validity and a copy button. */
export function PasswordLink({ link }: { link: { url: string; expiresAt: string; forName: string } }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied("yes");
    } catch {
      // Clipboard access needs a secure context (https or localhost): selecting the text still works.
      setCopied("failed");
      (document.getElementById(`${id}-url`) as HTMLInputElement | null)?.select();
    }
  };

  return (
    <div className="password-link" data-testid="password-link">
      <label htmlFor={`${id}-url`} className="visually-hidden">
        One-time link for {link.forName}
      </label>
      <div className="password-link-row">
        <input id={`${id}-url`} className="input mono" readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" className="button button-small" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy link"}
        </button>
      </div>
      <p className="field-hint">
        Valid 72 hours (until {new Date(link.expiresAt).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit" })}) and works once. It is not shown again:
        send it to {link.forName} yourself (there is no mail server).
        {copied === "failed" ? " Copying was refused by the browser — the link is selected, press Ctrl+C." : ""}
      </p>
    </div>
  );
}
