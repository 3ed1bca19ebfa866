import { describe, expect, test } from "vitest";
import { lockoutState } from "@/lib/auth/sign-in-lockout";

const now = new Date("2026-12-04T12:00:00Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("lockoutState", () => {
  test.each([
    [[], 5, "Wrong email or password — 5 tries left before a 15-minute pause."],
    [[ago(3), ago(2)], 3, "Wrong email or password — 3 tries left before a 15-minute pause."],
    [[ago(4), ago(3), ago(2), ago(1)], 1, "Wrong email or password — 1 try left before a 15-minute pause."],
  ])("%# failures leave %i tries", (failures, triesLeft, message) => {
    expect(lockoutState({ byEmail: failures, byAddress: [] }, now)).toEqual({ locked: false, triesLeft, message });
  });

  test("the fifth failure locks until the oldest of the five is 15 minutes old", () => {
    const state = lockoutState({ byEmail: [ago(10), ago(4), ago(3), ago(2), ago(1)], byAddress: [] }, now);
    expect(state).toEqual({ locked: true, triesLeft: 0, message: "Too many failed sign-ins — try again in 5 minutes." });
  });

  test("failures from one address count across emails", () => {
    const state = lockoutState({ byEmail: [ago(1)], byAddress: [ago(14.5), ago(4), ago(3), ago(2), ago(1)] }, now);
    expect(state.locked).toBe(true);
    expect(state.message).toBe("Too many failed sign-ins — try again in 1 minute.");
  });
});
