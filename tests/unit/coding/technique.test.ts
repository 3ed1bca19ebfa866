import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, tp, warningCodes } from "./helpers";

describe("§2.2 / §3.2 push vs infusion", () => {
  test.each([
    ["§3.2 therapeutic IV infusion of 15 min → push 96374", "therapeutic", "iv_infusion", "09:15", ["96374"]],
    ["§3.2 chemo IV infusion of 15 min → chemo push 96409", "chemo", "iv_infusion", "09:15", ["96409"]],
    ["§3.2 chemo IV infusion of 16 min → 96413", "chemo", "iv_infusion", "09:16", ["96413"]],
    ["§2.2 documented IV push → 96374", "therapeutic", "iv_push", undefined, ["96374"]],
    ["§2.2 documented chemo push → 96409", "chemo", "iv_push", undefined, ["96409"]],
    ["§5 HCPro: a fluid bolus pushed → IV push code", "hydration", "iv_push", undefined, ["96374"]],
  ] as const)("%s", (_name, category, route, stop, expected) => {
    expect(codes([adm("drug x", category, route, "09:00", stop)])).toEqual(expected);
  });

  test("§3.1 segments of the same drug are summed before the push test: 10 + 10 min → 20 min infusion", () => {
    expect(codes([adm("drug x", "therapeutic", "iv_infusion", "09:00", "09:10"), adm("drug x", "therapeutic", "iv_infusion", "09:30", "09:40")])).toEqual(["96365"]);
  });

  test("§13.4 shortInfusion=discontinued53: a 15-min chemo infusion → 96413-53 (AAPC 173706)", () => {
    const r = run([adm("rituximab", "chemo", "iv_infusion", "09:00", "09:15")], { shortInfusion: "discontinued53" });
    expect(summary(r)).toEqual(["96413-53"]);
    expect(warningCodes(r)).toEqual(["DISCONTINUED_INFUSION"]);
  });
});

describe("§2.2 / §13.10 missing stop time: a warning, never a silent extra hour", () => {
  test.each([
    ["push", "chemo", ["96409"]],
    ["push", "therapeutic", ["96374"]],
    ["none", "chemo", []],
    ["none", "therapeutic", []],
  ] as const)("§13.10 missingStop=%s, %s infusion without stop → %j + MISSING_STOP", (missingStop, category, expected) => {
    const a = adm("drug x", category, "iv_infusion", "09:00");
    const r = run([a], { missingStop });
    expect(summary(r)).toEqual(expected);
    expect(warningCodes(r)).toEqual(["MISSING_STOP"]);
    expect(r.warnings[0]!.administrationId).toBe(a.id);
    expect(r.warnings[0]!.message).toContain(a.id);
    expect(r.warnings[0]!.message).toContain(missingStop === "push" ? "coded as a push" : "nothing time-based is coded");
  });

  test("§2.2 an untimed infusion after a chemo initial is a push add-on, not infusion time", () => {
    const r = run([adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "11:00"), adm("ondansetron", "therapeutic", "iv_infusion", "08:45")]);
    expect(summary(r)).toEqual(["96413", "96375", "96415"]);
    expect(warningCodes(r)).toEqual(["MISSING_STOP"]);
  });

  test("§3.1 a restarted segment without stop: the timed segment counts, the untimed one does not", () => {
    const r = run([adm("rituximab", "chemo", "iv_infusion", "09:00", "10:15"), adm("rituximab", "chemo", "iv_infusion", "10:45")]);
    expect(summary(r)).toEqual(["96413"]);
    expect(warningCodes(r)).toEqual(["MISSING_STOP"]);
  });
});

describe("data problems: STOP_BEFORE_START, ZERO_DURATION, OVERLAP_SAME_DRUG", () => {
  test("STOP_BEFORE_START: treated as an unusable stop (missingStop=push → push)", () => {
    const r = run([adm("drug x", "therapeutic", "iv_infusion", "10:00", "09:00")]);
    expect(summary(r)).toEqual(["96374"]);
    expect(warningCodes(r)).toEqual(["STOP_BEFORE_START"]);
  });

  test("ZERO_DURATION: stop equal to start on an infusion; with missingStop=none nothing is coded", () => {
    const r = run([adm("drug x", "therapeutic", "iv_infusion", "10:00", "10:00")], { missingStop: "none" });
    expect(summary(r)).toEqual([]);
    expect(warningCodes(r)).toEqual(["ZERO_DURATION"]);
  });

  test("a push documented with stop = start is normal, no warning", () => {
    const r = run([adm("ondansetron", "therapeutic", "iv_push", "10:00", "10:00")]);
    expect(summary(r)).toEqual(["96374"]);
    expect(r.warnings).toEqual([]);
  });

  test("§3.4 OVERLAP_SAME_DRUG: overlapping records of one drug count the union once", () => {
    const b = adm("paclitaxel", "chemo", "iv_infusion", "10:00", "12:00");
    const r = run([adm("paclitaxel", "chemo", "iv_infusion", "09:00", "11:00"), b]);
    // union 09:00–12:00 = 180 min → 96413 + 96415×2 (not 240 min → ×3)
    expect(summary(r)).toEqual(["96413", "96415x2"]);
    expect(warningCodes(r)).toEqual(["OVERLAP_SAME_DRUG"]);
    expect(r.warnings[0]!.administrationId).toBe(b.id);
  });

  test("§1 route 'other' is not coded and is reported", () => {
    const r = run([adm("bcg", "chemo", "other", "09:00", "10:00")]);
    expect(summary(r)).toEqual([]);
    expect(warningCodes(r)).toEqual(["UNSUPPORTED_ROUTE"]);
  });

  test("tp helper: explicit time points are used as given", () => {
    expect(tp("2025-03-05T02:00").at - tp("2025-03-04T23:00").at).toBe(180 * 60_000);
  });
});
