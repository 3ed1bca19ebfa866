import { describe, expect, test } from "vitest";
import { authErrorMessage, EXPIRED_LINK_MESSAGE, totpSecretFromUri } from "@/components/auth/auth-request";
import { formatSignInTime } from "@/components/users/format-sign-in";

describe("authErrorMessage", () => {
  test("the sign-in lockout's messages are shown verbatim", () => {
    const tries = "Wrong email or password — 3 tries left before a 15-minute pause.";
    expect(authErrorMessage(401, { code: "INVALID_EMAIL_OR_PASSWORD", message: tries })).toBe(tries);
    const pause = "Too many failed sign-ins — try again in 14 minutes.";
    expect(authErrorMessage(429, { code: "SIGN_IN_LOCKED", message: pause })).toBe(pause);
  });

  test("an expired or used setup link", () => {
    expect(authErrorMessage(400, { code: "INVALID_TOKEN", message: "Invalid token" })).toBe(EXPIRED_LINK_MESSAGE);
  });

  test("the password policy's reason is shown as is", () => {
    expect(authErrorMessage(400, { code: "WEAK_PASSWORD", message: "Use at least 12 characters." })).toBe("Use at least 12 characters.");
  });

  test("better-auth's own codes get plain words", () => {
    expect(authErrorMessage(400, { code: "INVALID_PASSWORD", message: "Invalid password" })).toMatch(/not right — enter your current password/);
    expect(authErrorMessage(401, { code: "INVALID_CODE", message: "Invalid code" })).toMatch(/6-digit code/);
  });

  test("the generic rate limit says to wait", () => {
    expect(authErrorMessage(429, { message: "Too many requests. Please try again later." })).toMatch(/wait a minute/);
  });

  test("our API envelope and an empty body", () => {
    expect(authErrorMessage(403, { error: { code: "cross_site_request", message: "Refused: the request did not come from a DripAudit page." } })).toBe(
      "Refused: the request did not come from a DripAudit page.",
    );
    expect(authErrorMessage(500, null)).toMatch(/HTTP 500/);
  });
});

test("totpSecretFromUri groups the secret for typing", () => {
  expect(totpSecretFromUri("otpauth://totp/DripAudit:ana%40clinic.test?secret=jbswy3dpehpk3pxpab&issuer=DripAudit&digits=6")).toBe("JBSW Y3DP EHPK 3PXP AB");
  expect(totpSecretFromUri("otpauth://totp/DripAudit?issuer=DripAudit")).toBeNull();
});

describe("formatSignInTime", () => {
  test("in the practice's time zone", () => {
    expect(formatSignInTime(new Date("2026-12-04T19:05:00Z"), "America/New_York")).toBe("Dec 4, 2026, 2:05 PM EST");
    expect(formatSignInTime(new Date("2026-07-04T19:05:00Z"), "America/Los_Angeles")).toBe("Jul 4, 2026, 12:05 PM PDT");
  });

  test("never signed in", () => {
    expect(formatSignInTime(null, "America/New_York")).toBe("Never");
  });

  test("an unknown zone falls back to UTC", () => {
    expect(formatSignInTime(new Date("2026-12-04T19:05:00Z"), "Mars/Olympus")).toBe("Dec 4, 2026, 7:05 PM UTC");
  });
});
