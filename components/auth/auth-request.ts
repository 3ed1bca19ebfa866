/**
 * Calls to better-auth's standard endpoints under /api/auth from the browser (same origin, JSON),
 * and the plain words shown for their refusals.
 */

export type TAuthAnswer<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string };

export const EXPIRED_LINK_MESSAGE = "This link has expired or was used — ask an owner of your practice for a new one.";

type TErrorBody = { message?: unknown; code?: unknown; error?: { message?: unknown; code?: unknown } } | null;

/** Our words for better-auth's error codes; anything else shows the server's own message. */
const MESSAGES: Record<string, string> = {
  INVALID_PASSWORD: "That password is not right — enter your current password.",
  INVALID_TOKEN: EXPIRED_LINK_MESSAGE,
  TOKEN_EXPIRED: EXPIRED_LINK_MESSAGE,
  USER_NOT_FOUND: EXPIRED_LINK_MESSAGE,
  INVALID_CODE: "That code is not right — enter the 6-digit code your authenticator app shows now.",
  INVALID_BACKUP_CODE: "That backup code is not right or was used already — try another one.",
  INVALID_TWO_FACTOR_COOKIE: "The sign-in step timed out — enter your email and password again.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes — enter your email and password again.",
  TOTP_ALREADY_ENABLED: "Two-factor sign-in is already on — reload the page.",
  TOTP_NOT_ENABLED: "Two-factor sign-in is not set up — start again with your password.",
  PASSWORD_TOO_SHORT: "Use at least 12 characters.",
  PASSWORD_TOO_LONG: "Use at most 128 characters.",
  SESSION_NOT_FRESH: "For this change, sign out and sign in again first.",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "Your account has no password yet — ask an owner for a setup link.",
};

/** The message to show for a refused call: ours for known codes, else the server's, else a generic one. */
export function authErrorMessage(status: number, body: TErrorBody): string {
  const code = typeof body?.code === "string" ? body.code : typeof body?.error?.code === "string" ? body.error.code : undefined;
  const message = typeof body?.message === "string" ? body.message : typeof body?.error?.message === "string" ? body.error.message : undefined;
  // The sign-in lockout's own messages ("Wrong email or password — N tries left…") are already plain words.
  if (code === "SIGN_IN_LOCKED" || code === "INVALID_EMAIL_OR_PASSWORD" || code === "WEAK_PASSWORD") return message ?? "Wrong email or password.";
  if (code && MESSAGES[code]) return MESSAGES[code];
  if (status === 429) return message && !/^too many requests/i.test(message) ? message : "Too many tries in a short time — wait a minute, then try again.";
  if (status === 401 && !message) return "Sign in first — your session ended.";
  if (message) return message;

  return `DripAudit refused the request (HTTP ${status}) — reload the page and try again.`;
}

/** POSTs JSON to /api/auth/<path> and reads the answer; never throws (a lost connection is an answer too). */
export async function postAuth<T = unknown>(path: string, body: Record<string, unknown>): Promise<TAuthAnswer<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/auth/${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, status: 0, message: "The connection to DripAudit was lost — check that it is running, then try again." };
  }
  const parsed = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) return { ok: false, status: response.status, message: authErrorMessage(response.status, parsed as TErrorBody) };

  return { ok: true, status: response.status, data: parsed as T };
}

/**
 * The secret of an otpauth:// URI, in groups of four for typing into an authenticator app.
 *
 * @example totpSecretFromUri("otpauth://totp/DripAudit:a%40b.c?secret=JBSWY3DPEHPK3PXP&issuer=DripAudit") //=> "JBSW Y3DP EHPK 3PXP"
 */
export function totpSecretFromUri(uri: string): string | null {
  const match = /[?&]secret=([^&]+)/i.exec(uri);
  if (!match?.[1]) return null;
  const secret = decodeURIComponent(match[1]).toUpperCase().replace(/\s+/g, "");

  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}
