import { describe, expect, test } from "vitest";
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import { adm, codes, run, warningCodes } from "./helpers";

const push = (start: string, drug = "Ondansetron") => adm(drug, "therapeutic", "iv_push", start, start);

/**
 * §3.2 / §6: a push of the same drug again is 96376 (facility only) when it starts more than
 * `repeatPushMinGapMinutes` after the last *reported* push of that drug; closer, it has no code.
 */
describe("§3.2 repeatPushMinGapMinutes (non-default values)", () => {
  test("the default is 30 min and the default setting is a facility (where 96376 exists)", () => {
    expect(DEFAULT_CODING_SETTINGS.repeatPushMinGapMinutes).toBe(30);
    expect(DEFAULT_CODING_SETTINGS.setting).toBe("facility");
  });

  test.each([
    ["default 30: 30 min apart is not more than 30 → no code", ["09:00", "09:30"], {}, ["96374"]],
    ["default 30: 31 min apart → 96376", ["09:00", "09:31"], {}, ["96374", "96376"]],
    ["15: 15 min apart → no code", ["09:00", "09:15"], { repeatPushMinGapMinutes: 15 }, ["96374"]],
    ["15: 16 min apart → 96376 (no code under the default 30)", ["09:00", "09:16"], { repeatPushMinGapMinutes: 15 }, ["96374", "96376"]],
    ["60: 45 min apart → no code (96376 under the default 30)", ["09:00", "09:45"], { repeatPushMinGapMinutes: 60 }, ["96374"]],
    ["60: exactly 60 min apart → no code", ["09:00", "10:00"], { repeatPushMinGapMinutes: 60 }, ["96374"]],
    ["60: 61 min apart → 96376", ["09:00", "10:01"], { repeatPushMinGapMinutes: 60 }, ["96374", "96376"]],
    ["60: the gap counts from the last reported push (09:00), not the unreported 09:40 → one 96376 at 10:05", ["09:00", "09:40", "10:05"], { repeatPushMinGapMinutes: 60 }, ["96374", "96376"]],
    ["15: every push more than 15 min after the last reported one → 96376 ×2", ["09:00", "09:20", "09:40"], { repeatPushMinGapMinutes: 15 }, ["96374", "96376x2"]],
    ["professional, gap 5: an office repeat push never has a code", ["09:00", "10:00"], { repeatPushMinGapMinutes: 5, setting: "professional" as const }, ["96374"]],
  ])("%s", (_name, starts, overrides, expected) => {
    expect(codes(starts.map((start) => push(start)), overrides)).toEqual(expected);
  });

  test("an unbilled repeat push says why, with the configured gap", () => {
    const result = run([push("09:00"), push("09:45")], { repeatPushMinGapMinutes: 60 });
    expect(warningCodes(result)).toEqual(["REPEAT_PUSH_NOT_BILLABLE"]);
    expect(result.warnings[0]!.message).toContain("96376 needs more than 60 min");
  });

  test("a different drug in between is a sequential push (96375) whatever the gap setting", () => {
    expect(codes([push("09:00"), push("09:05", "Dexamethasone"), push("09:10")], { repeatPushMinGapMinutes: 5 })).toEqual(["96374", "96375", "96376"]);
    expect(codes([push("09:00"), push("09:05", "Dexamethasone"), push("09:10")], { repeatPushMinGapMinutes: 60 })).toEqual(["96374", "96375"]);
  });
});
