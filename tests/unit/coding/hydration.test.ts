import { describe, expect, test } from "vitest";
import { adm, after, codes, run, summary, warningCodes } from "./helpers";

describe("§3.3 / §5 secondary hydration after another initial → 96361 by hydration_secondary", () => {
  test.each([
    ["§3.3 OHCA 159393: 90 min → 96361×1", 90, ["96413", "96361"]],
    ["§3.3 HCPRO09: 102 min → 96361×2", 102, ["96413", "96361x2"]],
    ["§3.3 Emerald Health: 120 min → 96361×2", 120, ["96413", "96361x2"]],
    ["§3.3 MedLearn 2021-11-15: 175 min → 96361×3", 175, ["96413", "96361x3"]],
    ["§3.2 31 min → 96361×1", 31, ["96413", "96361"]],
    ["§3.2 30 min → not reported", 30, ["96413"]],
  ] as const)("%s", (_name, minutes, expected) => {
    expect(
      codes([adm("pemetrexed", "chemo", "iv_infusion", "09:00", "10:00"), adm("normal saline", "hydration", "iv_infusion", "10:00", after("10:00", minutes))]),
    ).toEqual(expected);
  });
});

describe("§3.3 / §3.5 hydration as the initial: 96360 + 96361 × addon_hours", () => {
  test.each([
    ["§3.2 30 min hydration alone → nothing", 30, []],
    ["§3.2 31 min → 96360", 31, ["96360"]],
    ["§3.2 90 min → 96360", 90, ["96360"]],
    ["§12 96361 after 96360 needs 91 min", 91, ["96360", "96361"]],
    ["§3.3 151 min → 96360 + 96361×2", 151, ["96360", "96361x2"]],
  ] as const)("%s", (_name, minutes, expected) => {
    expect(codes([adm("normal saline", "hydration", "iv_infusion", "09:00", after("09:00", minutes))])).toEqual(expected);
  });

  test("§3.3 CPT example: hydration only 23:00–02:00 (180 min) → 96360 + 96361×2", () => {
    const r = run([adm("normal saline", "hydration", "iv_infusion", "23:00", "02:00+1")]);
    expect(summary(r)).toEqual(["96360", "96361x2"]);
    // Units 1 and 2 are earned at minutes 91 (00:30) and 151 (01:30), both after midnight (§3.5 default).
    expect(summary(r, true)).toEqual(["96360@2025-03-04", "96361x2@2025-03-05"]);
  });
});

describe("§3.4 / §5 time that overlaps drug infusions or pushes is not hydration", () => {
  test("§3.4 Emerald Health: saline 16:00–19:00 with a 17:00–18:00 drug → 96365 + 96361×2", () => {
    const r = run([adm("normal saline", "hydration", "iv_infusion", "16:00", "19:00"), adm("ceftriaxone", "therapeutic", "iv_infusion", "17:00", "18:00")]);
    expect(summary(r)).toEqual(["96365", "96361x2"]);
    expect(r.lines[1]!.explanation).toContain("minus 60 min at the same time as a drug infusion or push");
    expect(r.lines[1]!.explanation).toContain("16:00–17:00 + 18:00–19:00 = 60 + 60 = 120 min");
  });

  test("§5 NCCI-XI B.5: hydration entirely concurrent with chemo → not reported, HYDRATION_TOO_SHORT", () => {
    const r = run([adm("normal saline", "hydration", "iv_infusion", "09:00", "11:00"), adm("paclitaxel", "chemo", "iv_infusion", "09:00", "12:00")]);
    expect(summary(r)).toEqual(["96413", "96415x2"]);
    expect(warningCodes(r)).toEqual(["HYDRATION_TOO_SHORT"]);
  });

  test("§3.4 MedLearn: documented push minutes are subtracted from hydration", () => {
    // 09:00–10:05 = 65 min, minus a 10-min push → 55 min → 96361×1 (would be ×2 at 65).
    const r = run([adm("normal saline", "hydration", "iv_infusion", "09:00", "10:05"), adm("rituximab", "chemo", "iv_infusion", "10:05", "11:05"), adm("ondansetron", "therapeutic", "iv_push", "09:20", "09:30")]);
    expect(summary(r)).toEqual(["96413", "96361", "96375"]);
  });
});

describe("§3.4 / §13.2 hydration segments are summed (configurable)", () => {
  const prePost = () => [
    adm("normal saline", "hydration", "iv_infusion", "08:30", "08:50"),
    adm("cisplatin", "chemo", "iv_infusion", "08:50", "09:50"),
    adm("normal saline", "hydration", "iv_infusion", "09:50", "10:10"),
  ];
  test("§3.4 pre 20 + post 20 = 40 min → 96361 and a HYDRATION_SEGMENTS_SUMMED flag", () => {
    const r = run(prePost());
    expect(summary(r)).toEqual(["96413", "96361"]);
    expect(warningCodes(r)).toEqual(["HYDRATION_SEGMENTS_SUMMED"]);
  });

  test("§13.2 sumHydrationSegments=false → segments under 31 min are not added", () => {
    const r = run(prePost(), { sumHydrationSegments: false });
    expect(summary(r)).toEqual(["96413"]);
    expect(warningCodes(r)).toEqual(["HYDRATION_TOO_SHORT"]);
  });

  test("§3.4 OHCA 159393: 3 × 30-min segments between drugs = 90 min → 96361×1", () => {
    expect(
      codes([
        adm("normal saline", "hydration", "iv_infusion", "08:00", "08:30"),
        adm("oxaliplatin", "chemo", "iv_infusion", "08:30", "09:30"),
        adm("normal saline", "hydration", "iv_infusion", "09:30", "10:00"),
        adm("leucovorin", "therapeutic", "iv_infusion", "10:00", "10:30"),
        adm("normal saline", "hydration", "iv_infusion", "10:30", "11:00"),
      ]),
    ).toEqual(["96413", "96361", "96367"]);
  });

  test("§3.4 two overlapping bags of the same fluid count once (OVERLAP_SAME_DRUG)", () => {
    const r = run([adm("normal saline", "hydration", "iv_infusion", "09:00", "10:00"), adm("normal saline", "hydration", "iv_infusion", "09:30", "10:40")]);
    expect(summary(r)).toEqual(["96360", "96361"]);
    expect(warningCodes(r)).toEqual(["OVERLAP_SAME_DRUG"]);
  });
});

describe("§13.10 hydration with no stop time", () => {
  test.each(["push", "none"] as const)("missingStop=%s: hydration is never a push; MISSING_STOP", (missingStop) => {
    const r = run([adm("normal saline", "hydration", "iv_infusion", "09:00")], { missingStop });
    expect(summary(r)).toEqual([]);
    expect(warningCodes(r)).toEqual(["MISSING_STOP"]);
  });
});
