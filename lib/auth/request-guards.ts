/**
 * Request checks that run before any page, API or server action (proxy.ts) and again inside every
 * state-changing route handler (lib/auth/route.ts): the Host allowlist against DNS rebinding, and
 * same-origin plus declared content type against cross-site requests. Pure functions of the
 * request's headers, so they are tested without a server.
 */
const LOOPBACK_HOSTNAMES = ["localhost", "127.0.0.1", "[::1]"];

/** The Host header values this install answers: loopback names on any port, and the public URL's host. */
export function isAllowedHost(hostHeader: string | null, publicUrl: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.trim().toLowerCase();
  if (publicUrl && host === new URL(publicUrl).host.toLowerCase()) return true;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) return false;

  return LOOPBACK_HOSTNAMES.includes(match[1] ?? "");
}

/** Host patterns for better-auth's dynamic base URL (same list as isAllowedHost). */
export function allowedHostPatterns(publicUrl: string | undefined): string[] {
  const patterns = LOOPBACK_HOSTNAMES.flatMap((name) => [name, `${name}:*`]);
  if (publicUrl) patterns.push(new URL(publicUrl).host.toLowerCase());

  return patterns;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChangingMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a state-changing request comes from a page of this app. A browser always sends Origin on
 * a cross-site POST/PUT/PATCH/DELETE and Sec-Fetch-Site on any fetch; a request with neither is
 * not from a browser (curl, a script with its own cookie jar) and cannot be a cross-site forgery.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin !== null) {
    const host = headers.get("host");
    if (origin === "null" || !host) return false;
    try {
      return new URL(origin).host.toLowerCase() === host.trim().toLowerCase();
    } catch {
      return false;
    }
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none";

  return true;
}

/** The media type of a request body without parameters, lower case ("" when absent). */
export function mediaType(headers: Headers): string {
  return (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}
