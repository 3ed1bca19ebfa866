import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

describe("§6 sequential infusions of a new drug", () => {
  test.each([
    [
      "§6 OHCA-4TIPS: chemo 2 h then a second chemo 1 h 45 → 96413 + 96417 + 96415×2",
      () => [adm("cyclophosphamide", "chemo", "iv_infusion", "09:00", "11:00"), adm("doxorubicin", "chemo", "iv_infusion", "11:00", "12:45")],
      ["96413", "96415x2", "96417"],
    ],
    [
      "§6 AAPC: a 90-min second chemo → one 96417 only",
      () => [adm("carboplatin", "chemo", "iv_infusion", "09:00", "10:00"), adm("paclitaxel", "chemo", "iv_infusion", "10:00", "11:30")],
      ["96413", "96417"],
    ],
    [
      "§6 new therapeutic drug after a therapeutic initial → 96367, extra hours 96366",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ivig", "therapeutic", "iv_infusion", "10:00", "12:00")],
      ["96365", "96366", "96367"],
    ],
    [
      "§6 therapeutic infusion after a chemo initial → 96367 (96366 hours)",
      () => [adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "11:00"), adm("magnesium sulfate", "therapeutic", "iv_infusion", "11:00", "13:00")],
      ["96413", "96366", "96367", "96415"],
    ],
    [
      "§3.2 a second drug for 15 min is a push, not 96367",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("famotidine", "therapeutic", "iv_infusion", "10:00", "10:15")],
      ["96365", "96375"],
    ],
    [
      "§6 OHCA 149056: the same drug restarted after an interruption adds time, not a new code",
      () => [adm("rituximab", "chemo", "iv_infusion", "09:00", "10:00"), adm("rituximab", "chemo", "iv_infusion", "10:30", "11:00")],
      ["96413"],
    ],
  ] as const)("%s", (_name, build, expected) => {
    expect(codes(build())).toEqual(expected);
  });

  test("§13.1 sequentialMinMinutes=31 (Palmetto A53778): a 20-min sequential drug adds no unit", () => {
    const adms = () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("levetiracetam", "therapeutic", "iv_infusion", "10:00", "10:20")];
    expect(codes(adms())).toEqual(["96365", "96367"]);
    const r = run(adms(), { sequentialMinMinutes: 31 });
    expect(summary(r)).toEqual(["96365"]);
    expect(warningCodes(r)).toEqual(["SEQUENTIAL_TOO_SHORT"]);
  });
});

describe("§6 pushes: new drug, same drug repeated", () => {
  test.each([
    [
      "§6 non-chemo push of a new drug → 96375 (one unit per drug)",
      "facility",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ondansetron", "therapeutic", "iv_push", "08:50"), adm("dexamethasone", "therapeutic", "iv_push", "08:55")],
      ["96365", "96375x2"],
    ],
    [
      "§6 FOLFOX: 5-FU bolus after oxaliplatin → 96411",
      "facility",
      () => [adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "11:00"), adm("fluorouracil", "chemo", "iv_push", "11:05")],
      ["96413", "96411", "96415"],
    ],
    [
      "§3.5 CPT13: facility, same drug pushed 22:00 and 02:00 → 96374 + 96376",
      "facility",
      () => [adm("morphine", "therapeutic", "iv_push", "22:00"), adm("morphine", "therapeutic", "iv_push", "02:00+1")],
      ["96374", "96376"],
    ],
    [
      "§1a OHCA-96376: professional, same drug pushed again → no code",
      "professional",
      () => [adm("morphine", "therapeutic", "iv_push", "22:00"), adm("morphine", "therapeutic", "iv_push", "02:00+1")],
      ["96374"],
    ],
    [
      "§3.2 repeat push of the same drug only 30 min later → no 96376",
      "facility",
      () => [adm("morphine", "therapeutic", "iv_push", "09:00"), adm("morphine", "therapeutic", "iv_push", "09:30")],
      ["96374"],
    ],
    [
      "§3.2 repeat push 31 min later → 96376",
      "facility",
      () => [adm("morphine", "therapeutic", "iv_push", "09:00"), adm("morphine", "therapeutic", "iv_push", "09:31")],
      ["96374", "96376"],
    ],
    [
      "§3.2 >30 min is measured from the last REPORTED push (09:00 reported, 09:20 not, 09:45 reported)",
      "facility",
      () => [adm("morphine", "therapeutic", "iv_push", "09:00"), adm("morphine", "therapeutic", "iv_push", "09:20"), adm("morphine", "therapeutic", "iv_push", "09:45")],
      ["96374", "96376"],
    ],
    [
      "§1b repeat push of the same chemo drug has no code",
      "facility",
      () => [adm("vincristine", "chemo", "iv_push", "09:00"), adm("vincristine", "chemo", "iv_push", "11:00")],
      ["96409"],
    ],
    [
      "§1a two syringes of the same drug at the same time are one push",
      "facility",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ondansetron", "therapeutic", "iv_push", "10:05"), adm("ondansetron", "therapeutic", "iv_push", "10:05")],
      ["96365", "96375"],
    ],
  ] as const)("%s", (_name, setting, build, expected) => {
    expect(codes(build(), { setting })).toEqual(expected);
  });

  test("§6 repeat pushes that are not billable carry REPEAT_PUSH_NOT_BILLABLE", () => {
    const second = adm("morphine", "therapeutic", "iv_push", "09:10");
    const r = run([adm("morphine", "therapeutic", "iv_push", "09:00"), second]);
    expect(summary(r)).toEqual(["96374"]);
    expect(warningCodes(r)).toEqual(["REPEAT_PUSH_NOT_BILLABLE"]);
    expect(r.warnings[0]!.administrationId).toBe(second.id);
  });

  test("§3.5 96376 explanation states the gap and facility-only rule", () => {
    const r = run([adm("morphine", "therapeutic", "iv_push", "22:00"), adm("morphine", "therapeutic", "iv_push", "02:00+1")]);
    expect(r.lines[1]!.explanation).toBe("96376 ×1: morphine push at 02:00; same drug pushed again 240 min after its last reported dose (>30 min; facility only; §3.2, §6)");
    expect(r.lines[1]!.dateOfService).toBe("2025-03-05");
  });
});
