/**
 * In-process stand-in for Next's request scope: `headers()` and `cookies()` from next/headers
 * answer from the request the test is making, so real pages, route handlers and server actions
 * run with a real better-auth session. Use in a test file:
 *
 * vi.mock("next/headers", async () => (await import("@/tests/helpers/next-request-context")).nextHeadersModule);
 */
import { NextRequest } from "next/server";

export const APP_ORIGIN = "http://localhost:3000";

type TRequestState = { headers: Headers; jar: Map<string, string>; setCookies: Map<string, string> };

const state: TRequestState = { headers: new Headers(), jar: new Map(), setCookies: new Map() };

function parseCookieHeader(header: string | null): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0) jar.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }

  return jar;
}

/** Makes `headers` the current request's headers (its Cookie header feeds cookies()). */
export function enterRequest(headers: HeadersInit): void {
  state.headers = new Headers(headers);
  state.jar = parseCookieHeader(state.headers.get("cookie"));
  state.setCookies = new Map();
}

/** Cookies the code under test set ("" = deleted) during the current request. */
export function cookiesSetInRequest(): ReadonlyMap<string, string> {
  return state.setCookies;
}

const cookieStore = {
  get: (name: string) => (state.jar.has(name) ? { name, value: state.jar.get(name) ?? "" } : undefined),
  getAll: () => [...state.jar].map(([name, value]) => ({ name, value })),
  has: (name: string) => state.jar.has(name),
  set: (nameOrCookie: string | { name: string; value: string }, value?: string) => {
    const [name, text] = typeof nameOrCookie === "string" ? [nameOrCookie, value ?? ""] : [nameOrCookie.name, nameOrCookie.value];
    state.jar.set(name, text);
    state.setCookies.set(name, text);
    return cookieStore;
  },
  delete: (name: string) => {
    state.jar.delete(name);
    state.setCookies.set(name, "");
    return cookieStore;
  },
  toString: () => [...state.jar].map(([name, value]) => `${name}=${value}`).join("; "),
};

export const nextHeadersModule = {
  headers: async () => state.headers,
  cookies: async () => cookieStore,
  draftMode: async () => ({ isEnabled: false, enable: () => undefined, disable: () => undefined }),
};

/** A browser identity: the session cookie and, optionally, the chosen practice's slug. */
export type TIdentity = { sessionCookie: string | null; organizationSlug?: string };

function identityHeaders(identity: TIdentity): Record<string, string> {
  const cookies = [identity.sessionCookie, identity.organizationSlug ? `dripaudit_org=${identity.organizationSlug}` : null].filter(Boolean);

  return { host: "localhost:3000", ...(cookies.length ? { cookie: cookies.join("; ") } : {}) };
}

/** Enters a page render or server action call as this identity (no Request object involved). */
export function actAs(identity: TIdentity): void {
  enterRequest(identityHeaders(identity));
}

/**
 * A same-origin request to the app as this identity, and enters its scope (headers()/cookies()
 * then answer from it). `body` objects are sent as JSON unless `contentType` says otherwise.
 */
export function appRequest(identity: TIdentity, path: string, init: { method?: string; body?: unknown; contentType?: string; headers?: Record<string, string> } = {}): NextRequest {
  const method = init.method ?? "GET";
  const headers: Record<string, string> = { ...identityHeaders(identity), ...(method === "GET" ? {} : { origin: APP_ORIGIN }), ...init.headers };
  let body: BodyInit | undefined;
  if (init.body !== undefined) {
    headers["content-type"] = init.contentType ?? "application/json";
    body = typeof init.body === "string" || init.body instanceof Uint8Array ? (init.body as BodyInit) : JSON.stringify(init.body);
  }
  enterRequest(headers);

  return new NextRequest(`${APP_ORIGIN}${path}`, { method, headers, ...(body !== undefined ? { body, duplex: "half" } : {}) });
}
