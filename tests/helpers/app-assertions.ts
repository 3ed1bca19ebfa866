/** Small readers for what the app's entry points answer when called in-process. */

/** The digest Next puts on notFound() / forbidden() / redirect() errors, or null. */
export function nextDigest(error: unknown): string | null {
  return typeof error === "object" && error !== null && typeof (error as { digest?: unknown }).digest === "string" ? (error as { digest: string }).digest : null;
}

export const NOT_FOUND_DIGEST = "NEXT_HTTP_ERROR_FALLBACK;404";
export const FORBIDDEN_DIGEST = "NEXT_HTTP_ERROR_FALLBACK;403";

/** Runs a page (or action) and tells how it ended: its result, or the Next interrupt it threw. */
export async function settle<T>(run: () => Promise<T>): Promise<{ result: T; digest: null } | { result: null; digest: string }> {
  try {
    return { result: await run(), digest: null };
  } catch (error) {
    const digest = nextDigest(error);
    if (digest === null) throw error;
    return { result: null, digest };
  }
}

/** Everything a page's element tree carries as text (props included), for "nothing of B" checks. */
export function elementText(value: unknown): string {
  const seen = new WeakSet<object>();

  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === "function" || typeof item === "symbol") return undefined;
    if (typeof item === "bigint") return item.toString();
    if (item && typeof item === "object") {
      if (seen.has(item)) return undefined;
      seen.add(item);
    }
    return item;
  }) ?? "";
}
