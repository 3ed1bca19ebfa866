import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

describe("§6 / §3.4 concurrent infusions (96368)", () => {
  test.each([
    [
      "§6 OHCA 170567 FOLFOX4: leucovorin concurrent with oxaliplatin → 96413 + 96368",
      () => [adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "11:00"), adm("leucovorin", "therapeutic", "iv_infusion", "09:00", "11:00")],
      ["96413", "96368", "96415"],
    ],
    [
      "§6 ML-CONC: no concurrent code for chemo with chemo",
      () => [adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00"), adm("etoposide", "chemo", "iv_infusion", "09:00", "10:30")],
      ["96413"],
    ],
    [
      "§6 ML-CONC: no concurrent code for a push during an infusion",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ondansetron", "therapeutic", "iv_push", "09:30")],
      ["96365", "96375"],
    ],
    [
      "§3.4 overlap of 15 min (<16) → sequential with the overlap deducted: 60 − 15 = 45 min → 96367",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ceftriaxone", "therapeutic", "iv_infusion", "09:45", "10:45")],
      ["96365", "96367"],
    ],
    [
      "§3.4 overlap of exactly 16 min → concurrent",
      () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ceftriaxone", "therapeutic", "iv_infusion", "09:44", "10:00")],
      ["96365", "96368"],
    ],
    [
      "§6 once per encounter: a third concurrent bag gets no second 96368",
      () => [
        adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "11:00"),
        adm("leucovorin", "therapeutic", "iv_infusion", "09:00", "11:00"),
        adm("dexamethasone", "therapeutic", "iv_infusion", "09:00", "09:45"),
      ],
      ["96413", "96368", "96415"],
    ],
  ] as const)("%s", (_name, build, expected) => {
    expect(codes(build())).toEqual(expected);
  });

  test("§3.4 default: a 20-min overlap is concurrent; the 40 min it ran alone is sequential, flagged OVERLAP_REVIEW", () => {
    const r = run([adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ceftriaxone", "therapeutic", "iv_infusion", "09:40", "10:40")]);
    expect(summary(r)).toEqual(["96365", "96367", "96368"]);
    expect(warningCodes(r)).toEqual(["OVERLAP_REVIEW"]);
  });

  test("§13.5 concurrentMinOverlapMinutes=30: a 20-min overlap becomes sequential with 20 min deducted", () => {
    const adms = () => [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("ceftriaxone", "therapeutic", "iv_infusion", "09:40", "10:40")];
    const r = run(adms(), { concurrentMinOverlapMinutes: 30 });
    expect(summary(r)).toEqual(["96365", "96367"]);
    expect(warningCodes(r)).toEqual(["OVERLAP_REVIEW"]);
    expect(r.lines[1]!.explanation).toContain("minus 20 min overlapping iron sucrose (§3.4) → 10:00–10:40 = 40 min");
  });

  test("§6 / §3.4 chemo fully overlapped by chemo: flagged, nothing extra coded (its time is covered)", () => {
    const r = run([adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00"), adm("etoposide", "chemo", "iv_infusion", "09:00", "10:30")]);
    expect(warningCodes(r)).toEqual(["CHEMO_WITH_CHEMO_OVERLAP", "SEQUENTIAL_TOO_SHORT"]);
    expect(summary(r)).toEqual(["96413"]);
  });

  test("§6 chemo partly overlapping chemo: overlap deducted, remainder → 96417", () => {
    const r = run([adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00"), adm("etoposide", "chemo", "iv_infusion", "09:30", "11:00")]);
    expect(summary(r)).toEqual(["96413", "96417"]);
    expect(warningCodes(r)).toEqual(["CHEMO_WITH_CHEMO_OVERLAP"]);
    expect(r.lines[1]!.explanation).toContain("minus 30 min overlapping cisplatin (§3.4) → 10:00–11:00 = 60 min");
  });

  test("§13.11 concurrentPer=dateOfService: one 96368 per date in a multi-day encounter", () => {
    const adms = () => [
      adm("vancomycin", "therapeutic", "iv_infusion", "20:00", "21:00"),
      adm("ceftriaxone", "therapeutic", "iv_infusion", "20:00", "21:00"),
      adm("vancomycin", "therapeutic", "iv_infusion", "08:00+1", "09:00+1", { id: "V2" }),
      adm("magnesium sulfate", "therapeutic", "iv_infusion", "08:00+1", "09:00+1"),
    ];
    expect(summary(run(adms()), true)).toEqual(["96365@2025-03-04", "96366@2025-03-05", "96368@2025-03-04"]);
    expect(summary(run(adms(), { concurrentPer: "dateOfService" }), true)).toEqual([
      "96365@2025-03-04",
      "96366@2025-03-05",
      "96368@2025-03-04",
      "96368@2025-03-05",
    ]);
  });

  test("§3.4 MedLearn 2022-01-31 times under the engine defaults (see NOTES.md): 96365 + 96366×7 + 96367 + 96368, flagged", () => {
    const r = run([adm("drug a", "therapeutic", "iv_infusion", "06:00", "07:30"), adm("drug b", "therapeutic", "iv_infusion", "07:00", "16:00")]);
    expect(summary(r)).toEqual(["96365", "96366x7", "96367", "96368"]);
    expect(warningCodes(r)).toEqual(["OVERLAP_REVIEW"]);
  });
});
