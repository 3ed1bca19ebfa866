import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { getDb, type Db } from "@/lib/db";
import { recordAuditEvent, type TAuditEventInput } from "@/lib/db/audit-events";
import { clearSignInFailures, findRecentSignInFailures, findUserByEmail, recordSignInFailure, setLastSignIn } from "@/lib/db/auth-records";
import { getEnv } from "@/lib/env";
import { loadDataDirSecret } from "@/lib/security/data-dir-secret";
import { AUTH_SECRET_FILE, SESSION_COOKIE_PREFIX } from "./constants";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy";
import { CLIENT_ADDRESS_OPTIONS, requestAddress, UNKNOWN_ADDRESS } from "./request-address";
import { allowedHostPatterns } from "./request-guards";
import { SESSION_ABSOLUTE_LIFETIME_SECONDS } from "./session-policy";
import { lockoutState, SIGN_IN_LOCKOUT } from "./sign-in-lockout";

/** Account-setup and password-reset links handed over by an owner stay valid this long. */
export const SETUP_LINK_SECONDS = 72 * 60 * 60;

export type TAuthOptions = {
  db: Db;
  provider: "sqlite" | "postgresql";
  secret: string;
  publicUrl?: string | undefined;
};

type THookContext = { body?: unknown; request?: Request | undefined; headers?: Headers | undefined };

function addressOf(ctx: THookContext): string {
  const source = ctx.request ?? ctx.headers;

  return source ? requestAddress(source) : UNKNOWN_ADDRESS;
}

/** The email as typed (cut to a sane length: it lands in the audit trail). */
function typedEmail(ctx: THookContext): string {
  const email = (ctx.body as { email?: unknown } | undefined)?.email;

  return typeof email === "string" ? email.trim().slice(0, 320) : "";
}

function signInKey(ctx: THookContext) {
  return { email: typedEmail(ctx).toLowerCase(), address: addressOf(ctx) };
}

/** A failed sign-in for the trail: no practice; the user when the typed email is an account's. */
async function recordFailedSignIn(db: Db, ctx: THookContext, reason: "wrong_email_or_password" | "locked") {
  const email = typedEmail(ctx);
  const user = email ? await findUserByEmail(db, email) : null;
  await recordAuditEvent(db, {
    organizationId: null,
    userId: user?.id ?? null,
    actorEmail: email || null,
    address: addressOf(ctx),
    action: "auth.sign_in_failed",
    subjectType: "user",
    subjectId: user?.id ?? null,
    detail: { reason },
  });
}

const TWO_FACTOR_VERIFY_PATHS = new Set(["/two-factor/verify-totp", "/two-factor/verify-backup-code", "/two-factor/verify-otp"]);
const TWO_FACTOR_COOKIE = "two_factor";

/**
 * The install-level events of the audit trail (no practice): sign-in (also when finished with a
 * two-factor code), sign-out and the account's own password and two-factor changes. A plugin
 * rather than hooks.after because plugin hooks run after the two-factor plugin's, which turns a
 * password sign-in of a two-factor user into a pending challenge (no session yet).
 */
function auditTrail(db: Db): BetterAuthPlugin {
  type TMiddlewareContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];
  const record = (ctx: TMiddlewareContext, user: { id: string; email: string }, event: Pick<TAuditEventInput, "action" | "detail">) =>
    recordAuditEvent(db, { organizationId: null, userId: user.id, actorEmail: user.email, address: addressOf(ctx), subjectType: "user", subjectId: user.id, ...event });
  const sessionUser = async (ctx: TMiddlewareContext) => {
    const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
    const found = token ? await ctx.context.internalAdapter.findSession(token) : null;

    return found?.user ?? null;
  };
  const hadSignInChallenge = (ctx: TMiddlewareContext) => Boolean(ctx.getCookie(ctx.context.createAuthCookie(TWO_FACTOR_COOKIE).name));
  /** The user a pending two-factor challenge belongs to (its cookie names a verification row holding the user id). */
  const challengedUser = async (ctx: TMiddlewareContext) => {
    const identifier = await ctx.getSignedCookie(ctx.context.createAuthCookie(TWO_FACTOR_COOKIE).name, ctx.context.secret);
    const challenge = identifier ? await ctx.context.internalAdapter.findVerificationValue(identifier) : null;

    return challenge ? ctx.context.internalAdapter.findUserById(challenge.value) : null;
  };

  return {
    id: "dripaudit-audit-trail",
    hooks: {
      before: [
        {
          matcher: (ctx) => ctx.path === "/sign-out",
          handler: createAuthMiddleware(async (ctx) => {
            const user = await sessionUser(ctx);
            if (user) await record(ctx, user, { action: "auth.signed_out" });
          }),
        },
        {
          matcher: (ctx) => ctx.path === "/reset-password",
          handler: createAuthMiddleware(async (ctx) => {
            const token = (ctx.body as { token?: unknown } | undefined)?.token;
            if (typeof token !== "string" || !token) return;
            const found = await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`);
            if (!found || found.expiresAt.getTime() <= Date.now()) return;
            const user = await ctx.context.internalAdapter.findUserById(found.value);
            // Recorded before the reset runs: the token is spent by then and names nobody any more.
            if (user) await record(ctx, user, { action: "account.password_set" });
          }),
        },
      ],
      after: [
        {
          matcher: () => true,
          handler: createAuthMiddleware(async (ctx) => {
            const returned = ctx.context.returned;
            const failed = returned instanceof Error;
            const newSession = ctx.context.newSession;
            if (ctx.path === "/sign-in/email" || TWO_FACTOR_VERIFY_PATHS.has(ctx.path)) {
              const isTwoFactorStep = TWO_FACTOR_VERIFY_PATHS.has(ctx.path);
              const isSignInStep = !isTwoFactorStep || hadSignInChallenge(ctx);
              if (isTwoFactorStep && isSignInStep && returned instanceof APIError && returned.statusCode === 401) {
                const user = await challengedUser(ctx);
                await recordAuditEvent(db, {
                  organizationId: null,
                  userId: user?.id ?? null,
                  actorEmail: user?.email ?? null,
                  address: addressOf(ctx),
                  action: "auth.sign_in_failed",
                  subjectType: "user",
                  subjectId: user?.id ?? null,
                  detail: { reason: "wrong_two_factor_code" },
                });
              } else if (!failed && newSession && isSignInStep) {
                await record(ctx, newSession.user, { action: "auth.signed_in", detail: { method: isTwoFactorStep ? "password_and_two_factor" : "password" } });
              } else if (!failed && newSession && isTwoFactorStep) {
                await record(ctx, newSession.user, { action: "account.two_factor_enabled" });
              }
              return;
            }
            if (failed) return;
            if (ctx.path === "/two-factor/disable" || ctx.path === "/change-password") {
              const user = newSession?.user ?? (await sessionUser(ctx));
              if (user) await record(ctx, user, { action: ctx.path === "/change-password" ? "account.password_changed" : "account.two_factor_disabled" });
            }
          }),
        },
      ],
    },
  };
}

/**
 * better-auth for one database: email + password (scrypt, by the library), sessions in the
 * database, TOTP two-factor, no self sign-up (owners add people), the Host allowlist as its base
 * URL hosts, and our sign-in lockout and password policy as hooks.
 */
export function createAuth(options: TAuthOptions) {
  const { db, publicUrl } = options;
  const isHttps = publicUrl?.startsWith("https://") ?? false;

  return betterAuth({
    appName: "DripAudit",
    secret: options.secret,
    baseURL: { allowedHosts: allowedHostPatterns(publicUrl), protocol: isHttps ? "https" : "http", ...(publicUrl ? { fallback: publicUrl } : {}) },
    basePath: "/api/auth",
    database: prismaAdapter(db, { provider: options.provider }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      resetPasswordTokenExpiresIn: SETUP_LINK_SECONDS,
      revokeSessionsOnPasswordReset: true,
      // There is no mail server: owners hand over the link shown in Settings → Users instead.
      sendResetPassword: async () => {},
    },
    session: {
      // The absolute lifetime; the idle timeout is lib/auth/session-policy.ts (Session.updatedAt).
      expiresIn: SESSION_ABSOLUTE_LIFETIME_SECONDS,
      disableSessionRefresh: true,
    },
    rateLimit: { enabled: true, storage: "memory", window: 60, max: 100 },
    advanced: {
      ...CLIENT_ADDRESS_OPTIONS.advanced,
      useSecureCookies: isHttps,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: isHttps },
      cookiePrefix: SESSION_COOKIE_PREFIX,
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            await setLastSignIn(db, session.userId, new Date());
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === "/sign-in/email") {
          const key = signInKey(ctx);
          const now = new Date();
          const failures = await findRecentSignInFailures(db, key, new Date(now.getTime() - SIGN_IN_LOCKOUT.windowMs));
          const state = lockoutState(failures, now);
          if (state.locked) await recordFailedSignIn(db, ctx, "locked");
          if (state.locked) throw new APIError("TOO_MANY_REQUESTS", { message: state.message, code: "SIGN_IN_LOCKED" });
        }
        if (ctx.path === "/reset-password" || ctx.path === "/change-password") {
          const body = ctx.body as { newPassword?: unknown } | undefined;
          const problem = typeof body?.newPassword === "string" ? passwordProblem(body.newPassword) : null;
          if (problem) throw new APIError("BAD_REQUEST", { message: problem, code: "WEAK_PASSWORD" });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const key = signInKey(ctx);
        const returned = ctx.context.returned;
        if (returned instanceof APIError && returned.statusCode === 401) {
          const now = new Date();
          await recordSignInFailure(db, key, now, new Date(now.getTime() - SIGN_IN_LOCKOUT.windowMs));
          await recordFailedSignIn(db, ctx, "wrong_email_or_password");
          const state = lockoutState(await findRecentSignInFailures(db, key, new Date(now.getTime() - SIGN_IN_LOCKOUT.windowMs)), now);
          // One message for an unknown email and a wrong password, with what is left before the pause.
          throw new APIError("UNAUTHORIZED", { message: state.message, code: state.locked ? "SIGN_IN_LOCKED" : "INVALID_EMAIL_OR_PASSWORD" });
        }
        if (!(returned instanceof APIError) && key.email) await clearSignInFailures(db, key.email);
      }),
    },
    plugins: [twoFactor({ issuer: "DripAudit" }), auditTrail(db), nextCookies()],
  });
}

export type TAuth = ReturnType<typeof createAuth>;

type Cached = { key: string; auth: TAuth };
const globalForAuth = globalThis as unknown as { dripauditAuth?: Cached };

/** The app's better-auth instance, on the app's database (same cache rules as getDb). */
export function getAuth(): TAuth {
  const { db, target } = getDb();
  const env = getEnv();
  const key = `${target.provider}:${target.url}:${target.provider === "postgresql" ? target.schema : ""}:${env.DRIPAUDIT_PUBLIC_URL ?? ""}`;
  if (globalForAuth.dripauditAuth?.key === key) return globalForAuth.dripauditAuth.auth;
  const secret = loadDataDirSecret({ secret: env.DRIPAUDIT_AUTH_SECRET, dataDir: env.dataDir, fileName: AUTH_SECRET_FILE });
  const auth = createAuth({ db, provider: target.provider, secret, publicUrl: env.DRIPAUDIT_PUBLIC_URL });
  globalForAuth.dripauditAuth = { key, auth };

  return auth;
}
