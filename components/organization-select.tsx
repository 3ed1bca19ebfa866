"use client";

import { usePathname, useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";

/**
 * The practice `<select>`: a plain form posting to /api/organizations/current (works without
 * JavaScript via the button); with JavaScript, changing the select switches at once.
 */
export function OrganizationSelect({ current, organizations }: { current: string; organizations: { slug: string; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [value, setValue] = useState(current);
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const switchTo = async (slug: string) => {
    setValue(slug);
    setError(null);
    const response = await fetch("/api/organizations/current", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ slug }),
    }).catch(() => null);
    if (!response?.ok) {
      setValue(current);
      setError("Could not switch practice — reload the page.");
      return;
    }
    // A result page belongs to one practice: go back to its list.
    startTransition(() => {
      if (/^\/imports\/\d+/.test(pathname)) router.push("/imports");
      router.refresh();
    });
  };

  return (
    <form className="org-switcher" method="post" action="/api/organizations/current" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={id} className="visually-hidden">
        Practice
      </label>
      <select id={id} name="slug" className="input input-compact" value={value} onChange={(event) => void switchTo(event.target.value)} disabled={isPending} aria-describedby={error ? `${id}-error` : undefined}>
        {organizations.map((organization) => (
          <option key={organization.slug} value={organization.slug}>
            {organization.name}
          </option>
        ))}
      </select>
      <input type="hidden" name="returnTo" value={pathname} />
      <noscript>
        <button type="submit" className="button button-small">
          Switch
        </button>
      </noscript>
      {error ? (
        <span id={`${id}-error`} role="alert" className="org-switcher-error">
          {error}
        </span>
      ) : null}
    </form>
  );
}
