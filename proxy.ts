import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER_NAME, SESSION_COOKIE_PREFIX } from "@/lib/auth/constants";
import { isAllowedHost, isSameOriginRequest, isStateChangingMethod } from "@/lib/auth/request-guards";
import { getEnv } from "@/lib/env";

/**
 * The first gate, before any page, API or server action runs: only allowlisted Host names (DNS
 * rebinding), no cross-site state changes, and no session cookie → sign in. It is never the only
 * check: every page, route handler and server action asks lib/auth itself, which verifies the
 * session and the role.
 */
const OPEN_PATHS = [/^\/api\/health$/, /^\/api\/auth\//, /^\/sign-in$/, /^\/setup$/, /^\/set-password$/, /^\/_next\//, /^\/icon\.svg$/, /^\/favicon\.ico$/];

function refuse(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export function proxy(request: NextRequest): NextResponse {
  if (!isAllowedHost(request.headers.get("host"), getEnv().DRIPAUDIT_PUBLIC_URL)) {
    return refuse(421, "host_not_allowed", "This server does not answer for that host name.");
  }
  if (isStateChangingMethod(request.method) && !isSameOriginRequest(request.headers)) {
    return refuse(403, "cross_site_request", "Refused: the request did not come from a DripAudit page.");
  }
  const { pathname, search } = request.nextUrl;
  const isOpen = OPEN_PATHS.some((pattern) => pattern.test(pathname));
  if (!isOpen && !getSessionCookie(request, { cookiePrefix: SESSION_COOKIE_PREFIX })) {
    if (pathname.startsWith("/api/") || request.headers.has("next-action")) {
      return refuse(401, "unauthenticated", "Sign in first — this needs a signed-in user.");
    }
    const signIn = new URL("/sign-in", request.url);
    if (pathname !== "/") signIn.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(signIn, 307);
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER_NAME, `${pathname}${search}`);

  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but the upload endpoint: a proxy buffers request bodies in memory (and cuts them
  // at 10 MB), so POST /api/imports runs the same checks itself (refuseForeignRequest, requireApiAccess).
  matcher: ["/((?!api/imports$).*)"],
};
