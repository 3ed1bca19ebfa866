import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getIP } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { twoFactor } from "better-auth/plugins";
import { getDb, type Db } from "@/lib/db";
import { clearSignInFailures, findRecentSignInFailures, recordSignInFailure, setLastSignIn } from "@/lib/db/auth-records";
import { getEnv } from "@/lib/env";
import { loadDataDirSecret } from "@/lib/security/data-dir-secret";
import { AUTH_SECRET_FILE, SESSION_COOKIE_PREFIX } from "./constants";

export { AUTH_SECRET_FILE };
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy";
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

function signInKey(ctx: { body?: unknown; request?: Request | undefined; headers?: Headers | undefined }, options: Parameters<typeof getIP>[1]) {
  const email = typeof (ctx.body as { email?: unknown } | undefined)?.email === "string" ? (ctx.body as { email: string }).email.trim().toLowerCase() : "";
  const source = ctx.request ?? ctx.headers;
  const address = (source ? getIP(source, options) : null) ?? "unknown";

  return { email, address };
}

/**
 * better-auth for one database: email + password (scrypt, by the library), sessions in the
 * database, TOTP two-factor, no self sign-up (owners add people), the Host allowlist as its base
 * URL hosts, and our sign-in lockout and password policy as hooks.
 */
export function createAuth(options: TAuthOptions) {
  const { db, publicUrl } = options;
  const isHttps = publicUrl?.startsWith("https://") ?? false;
  const baseOptions = { advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"] } } };

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
      ...baseOptions.advanced,
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
          const key = signInKey(ctx, baseOptions);
          const now = new Date();
          const failures = await findRecentSignInFailures(db, key, new Date(now.getTime() - SIGN_IN_LOCKOUT.windowMs));
          const state = lockoutState(failures, now);
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
        const key = signInKey(ctx, baseOptions);
        const returned = ctx.context.returned;
        if (returned instanceof APIError && returned.statusCode === 401) {
          const now = new Date();
          await recordSignInFailure(db, key, now, new Date(now.getTime() - SIGN_IN_LOCKOUT.windowMs));
          const state = lockoutState(await findRecentSignInFailures(db, key, new Date(now.getTime() - SIGN_IN_LOCKOUT.windowMs)), now);
          // One message for an unknown email and a wrong password, with what is left before the pause.
          throw new APIError("UNAUTHORIZED", { message: state.message, code: state.locked ? "SIGN_IN_LOCKED" : "INVALID_EMAIL_OR_PASSWORD" });
        }
        if (!(returned instanceof APIError) && key.email) await clearSignInFailures(db, key.email);
      }),
    },
    plugins: [twoFactor({ issuer: "DripAudit" }), nextCookies()],
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
