import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import { deleteSession, hasAnyUser, isInstallOwner, listMembershipChoices, touchSession, type TMembershipChoice } from "@/lib/db/auth-records";
import type { TMembershipRole } from "@/lib/db/types";
import { getEnv } from "@/lib/env";
import { getAuth } from "./auth-server";
import { REQUEST_PATH_HEADER_NAME } from "./constants";
import { can, forbiddenMessage, type TAction } from "./permissions";
import { isAllowedHost } from "./request-guards";
import { judgeSession, shouldTouchSession } from "./session-policy";

/** How long a request waits for its session touch (lib/auth/session-policy.ts) before going on without it. */
const TOUCH_WAIT_MS = 250;

/** The practice this browser works in: a choice among the user's memberships, re-checked on every request. */
export const ORGANIZATION_COOKIE = "dripaudit_org";

export const ORGANIZATION_COOKIE_OPTIONS = {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
} as const;


export type TSignedInUser = {
  id: string;
  email: string;
  name: string;
  twoFactorEnabled: boolean;
  sessionId: string;
};

export type TAccess = {
  user: TSignedInUser;
  /** Every practice the user is a member of, with their role there. */
  organizations: TMembershipChoice[];
  /** The current practice (cookie choice among the memberships, else the first), or null with none. */
  organization: TMembershipChoice | null;
};

export type TOrganizationAccess = TAccess & { organization: TMembershipChoice; role: TMembershipRole };

/**
 * The signed-in user of this request, or null: a valid better-auth session that is neither past its
 * absolute lifetime nor idle (an idle one is deleted here), on an allowlisted Host.
 */
export const getSignedInUser = cache(async (): Promise<TSignedInUser | null> => {
  const requestHeaders = await headers();
  const env = getEnv();
  if (!isAllowedHost(requestHeaders.get("host"), env.DRIPAUDIT_PUBLIC_URL)) return null;
  const found = await getAuth().api.getSession({ headers: requestHeaders });
  if (!found) return null;
  const { db } = getDb();
  const now = new Date();
  const times = { createdAt: found.session.createdAt, lastActiveAt: found.session.updatedAt, expiresAt: found.session.expiresAt };
  if (judgeSession(times, now, env.DRIPAUDIT_IDLE_MINUTES) !== "active") {
    await deleteSession(db, found.session.id);
    return null;
  }
  // Best effort, waited for at most TOUCH_WAIT_MS: a page never waits for the write lock (an import
  // holds it for its whole transaction) just to note the user is active; the touch then lands later or not at all.
  if (shouldTouchSession(times.lastActiveAt, now)) {
    await Promise.race([touchSession(db, found.session.id, now).catch(() => {}), new Promise((resolve) => setTimeout(resolve, TOUCH_WAIT_MS))]);
  }

  return {
    id: found.user.id,
    email: found.user.email,
    name: found.user.name,
    twoFactorEnabled: Boolean((found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
    sessionId: found.session.id,
  };
});

/** The user, their practices and the current one; null when nobody is signed in. */
export const getAccess = cache(async (): Promise<TAccess | null> => {
  const user = await getSignedInUser();
  if (!user) return null;
  const organizations = await listMembershipChoices(getDb().db, user.id);
  const chosen = (await cookies()).get(ORGANIZATION_COOKIE)?.value;
  const organization = organizations.find((candidate) => candidate.slug === chosen) ?? organizations[0] ?? null;

  return { user, organizations, organization };
});

/** The same-site path a page was asked for (never another site: `next` must not be an open redirect). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s]*$/.test(value) || value.startsWith("/sign-in") || value.startsWith("/api/")) return "/";

  return value;
}

async function signInRedirect(): Promise<never> {
  const { db } = getDb();
  if (!(await hasAnyUser(db))) redirect("/setup");
  const next = safeNextPath((await headers()).get(REQUEST_PATH_HEADER_NAME));
  redirect(next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`);
}

function needsTwoFactor(access: TAccess): boolean {
  return Boolean(access.organization?.requireTwoFactor) && !access.user.twoFactorEnabled;
}

/**
 * For pages: the signed-in user (else redirect to /setup or /sign-in?next=…). When a current
 * practice exists the user's role there must allow `action` (else the 403 page); a practice that
 * requires two-factor sends a member without it to the account page first.
 */
export async function requirePageAccess(action: TAction): Promise<TAccess & { role: TMembershipRole | null }> {
  const access = await getAccess();
  if (!access) return signInRedirect();
  if (needsTwoFactor(access)) redirect("/account?twoFactorRequired=1");
  const role = access.organization?.role ?? null;
  if (role && !can(role, action)) forbidden();

  return { ...access, role };
}

/** For pages that need no practice (account, setup of a first practice): only a signed-in user. */
export async function requireSignedInPage(): Promise<TAccess> {
  const access = await getAccess();
  if (!access) return signInRedirect();

  return access;
}

/** A JSON error in the API's envelope (lib/http/api-error shape), never cached. */
function denied(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

export function unauthenticatedResponse(): Response {
  return denied(401, "unauthenticated", "Sign in first — this needs a signed-in user.");
}

/**
 * For route handlers: the access context with a current practice whose role allows `action`, or
 * the Response to return (401 signed out, 403 role or two-factor, 404 no such practice). With
 * `organizationId` (e.g. an upload's target header) that practice must be one of the user's.
 */
export async function requireApiAccess(action: TAction, options: { organizationId?: string | undefined } = {}): Promise<TOrganizationAccess | Response> {
  const access = await getAccess();
  if (!access) return unauthenticatedResponse();
  const organization = options.organizationId
    ? access.organizations.find((candidate) => candidate.id === options.organizationId)
    : access.organization;
  if (!organization) return denied(404, "organization_not_found", "No such practice among yours — reload the page.");
  if (organization.requireTwoFactor && !access.user.twoFactorEnabled) {
    return denied(403, "two_factor_required", "This practice requires two-factor sign-in — turn it on in your account first.");
  }
  if (!can(organization.role, action)) return denied(403, "forbidden", forbiddenMessage(organization.role, action));

  return { ...access, organization, role: organization.role };
}

/** For route handlers that need only a signed-in user (switching practice, adding one). */
export async function requireApiUser(): Promise<TAccess | Response> {
  return (await getAccess()) ?? unauthenticatedResponse();
}

export type TActionDenied = { ok: false; message: string };

/**
 * For server actions: the access context, or `{ ok: false, message }` when the role may not
 * (actions answer with their form state). A signed-out caller is sent to sign in.
 */
export async function requireActionAccess(action: TAction): Promise<TOrganizationAccess | TActionDenied> {
  const access = await getAccess();
  if (!access) return signInRedirect();
  const organization = access.organization;
  if (!organization) return { ok: false, message: "No practice yet — add or join a practice first." };
  if (needsTwoFactor(access)) return { ok: false, message: "This practice requires two-factor sign-in — turn it on in your account first." };
  if (!can(organization.role, action)) return { ok: false, message: forbiddenMessage(organization.role, action) };

  return { ...access, organization, role: organization.role };
}

export function isActionDenied(value: TOrganizationAccess | TActionDenied): value is TActionDenied {
  return "ok" in value;
}

/** Whether the user may add a practice: owner or consultant somewhere, or owner of the install. */
export async function canCreatePractice(access: TAccess): Promise<boolean> {
  if (access.organizations.some((organization) => can(organization.role, "practice.create"))) return true;

  return isInstallOwner(getDb().db, access.user.id);
}
