import { describe, expect, test } from "vitest";
import { judgeSession, SESSION_ABSOLUTE_LIFETIME_SECONDS, shouldTouchSession } from "@/lib/auth/session-policy";

const signIn = new Date("2026-03-08T06:00:00Z"); // the night US clocks go forward: wall time does not matter
const minutes = (n: number) => new Date(signIn.getTime() + n * 60_000);
const absolute = new Date(signIn.getTime() + SESSION_ABSOLUTE_LIFETIME_SECONDS * 1000);

describe("judgeSession", () => {
  test.each([
    ["just signed in", { lastActiveAt: signIn, now: minutes(1) }, "active"],
    ["14 min idle", { lastActiveAt: signIn, now: minutes(14) }, "active"],
    ["15 min idle", { lastActiveAt: signIn, now: minutes(15) }, "idle"],
    ["active 5 min ago after 11 h", { lastActiveAt: minutes(655), now: minutes(660) }, "active"],
    ["active a minute ago at the 12 h mark", { lastActiveAt: minutes(719), now: minutes(720) }, "expired"],
  ] as const)("%s → %s", (_label, { lastActiveAt, now }, verdict) => {
    expect(judgeSession({ createdAt: signIn, lastActiveAt, expiresAt: absolute }, now, 15)).toBe(verdict);
  });

  test("the idle limit is a setting", () => {
    const times = { createdAt: signIn, lastActiveAt: signIn, expiresAt: absolute };
    expect(judgeSession(times, minutes(20), 30)).toBe("active");
    expect(judgeSession(times, minutes(30), 30)).toBe("idle");
  });

  test("an expiresAt the library shortened (sign-out elsewhere, password reset) wins", () => {
    expect(judgeSession({ createdAt: signIn, lastActiveAt: signIn, expiresAt: minutes(2) }, minutes(3), 15)).toBe("expired");
  });
});

describe("shouldTouchSession", () => {
  test("writes the activity time at most every 30 seconds", () => {
    expect(shouldTouchSession(signIn, new Date(signIn.getTime() + 29_999))).toBe(false);
    expect(shouldTouchSession(signIn, new Date(signIn.getTime() + 30_000))).toBe(true);
  });
});
