import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

describe("§12 the seed blog's own examples", () => {
  test.each([
    [
      "§12 1 h chemo then hydration (≥31 min) → 96413 + 96361 (not 96360)",
      () => [adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00"), adm("normal saline", "hydration", "iv_infusion", "10:00", "10:45")],
      ["96413", "96361"],
    ],
    [
      "§12 a 3-hour two-drug chemo visit gets its 96415 and 96417",
      () => [adm("carboplatin", "chemo", "iv_infusion", "09:00", "11:00"), adm("paclitaxel", "chemo", "iv_infusion", "11:00", "12:00")],
      ["96413", "96415", "96417"],
    ],
    [
      "§12 AAPC Pulmonology: 75 minutes never gets an extra hour",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:15")],
      ["96365"],
    ],
    [
      "§12 75-minute chemo never gets an extra hour",
      () => [adm("rituximab", "chemo", "iv_infusion", "09:00", "10:15")],
      ["96413"],
    ],
  ] as const)("%s", (_name, build, expected) => {
    expect(codes(build())).toEqual(expected);
  });

  test("§12 add-ons never stand alone: a lone concurrent-looking service is an initial, not 96368", () => {
    expect(codes([adm("leucovorin", "therapeutic", "iv_infusion", "09:00", "11:00")])).toEqual(["96365", "96366"]);
  });

  test("§12 a missing stop time is a MISSING_STOP warning, not a silent extra hour", () => {
    const r = run([adm("oxaliplatin", "chemo", "iv_infusion", "09:00")]);
    expect(summary(r)).toEqual(["96409"]);
    expect(warningCodes(r)).toEqual(["MISSING_STOP"]);
  });
});
