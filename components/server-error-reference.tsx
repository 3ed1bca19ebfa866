/**
 * The reference of a failed server render: Next logs the real error on the server under
 * `error.digest` and sends only the digest, so the page shows that and never `error.message`.
 */
export function digestOf(error: unknown): string | null {
  return error instanceof Error && "digest" in error && typeof error.digest === "string" && error.digest ? error.digest : null;
}

export function ServerErrorReference({ error }: { error: unknown }) {
  const reference = digestOf(error);
  if (!reference) return <p>Try again; if it keeps happening, tell your administrator what you were doing when it failed.</p>;

  return (
    <p>
      Try again; if it keeps happening, give your administrator the reference <code>{reference}</code> (the server log has the details under it).
    </p>
  );
}
