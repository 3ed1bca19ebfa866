import { describe, expect, test } from "vitest";
import { addonHours, hydrationSecondaryUnits } from "@/lib/coding";
import { adm, after, codes, run, summary, tp, tpZ } from "./helpers";

describe("§3.3 unit formulas", () => {
  test.each([
    [0, 0], [15, 0], [16, 0], [75, 0], [90, 0], [91, 1], [105, 1], [150, 1], [151, 2], [210, 2], [211, 3], [245, 3], [312, 4],
  ])("§3.3 addon_hours(%i) = %i", (t, units) => {
    expect(addonHours(t)).toBe(units);
  });

  test.each([
    [30, 0], [31, 1], [90, 1], [91, 2], [102, 2], [120, 2], [150, 2], [151, 3], [175, 3],
  ])("§3.3 hydration_secondary(%i) = %i", (t, units) => {
    expect(hydrationSecondaryUnits(t)).toBe(units);
  });
});

describe("§3.3 published results through the engine", () => {
  test.each([
    ["§3.3 AAPC Pulmonology: 75 min therapeutic → 96365 only", "therapeutic", 75, ["96365"]],
    ["§3.3 AAPC Pulmonology: 105 min → 96365 + 96366", "therapeutic", 105, ["96365", "96366"]],
    ["§3.3 AAPC/CodingNews: 93 min chemo → 96413 + 96415", "chemo", 93, ["96413", "96415"]],
    ["§3.3 AAPC/CodingNews: 90 min chemo → 96413 only", "chemo", 90, ["96413"]],
    ["§3.3 OHCA 171590: 115 min → 96413 + 96415", "chemo", 115, ["96413", "96415"]],
    ["§3.3 OHCA 149056: 245 min → 96413 + 96415×3", "chemo", 245, ["96413", "96415x3"]],
    ["§3.3 OHCA 179066: 312 min → 96413 + 96415×4", "chemo", 312, ["96413", "96415x4"]],
    ["§3.2 16 min is an infusion", "therapeutic", 16, ["96365"]],
    ["§3.2 15 min is a push", "therapeutic", 15, ["96374"]],
    ["§3.2 91 min → first extra hour", "therapeutic", 91, ["96365", "96366"]],
    ["§3.2 150 min → still one extra hour", "therapeutic", 150, ["96365", "96366"]],
    ["§3.2 151 min → two extra hours", "therapeutic", 151, ["96365", "96366x2"]],
  ] as const)("%s", (_name, category, minutes, expected) => {
    expect(codes([adm("drug x", category, "iv_infusion", "09:00", after("09:00", minutes))])).toEqual(expected);
  });

  test("§3.1 OHCA 149056: rituximab 11:20–16:40 stopped 12:40, restarted 13:55 → 4 h 05 → 96413 + 96415×3", () => {
    const r = run([
      adm("rituximab", "chemo", "iv_infusion", "11:20", "12:40"),
      adm("rituximab", "chemo", "iv_infusion", "13:55", "16:40"),
    ]);
    expect(summary(r)).toEqual(["96413", "96415x3"]);
    expect(r.lines[1]!.explanation).toBe(
      "96415 ×3: rituximab 11:20–12:40 + 13:55–16:40 = 80 + 165 = 245 min; first 90 min in 96413; 155 min beyond → 3 hours (§3.3)",
    );
    expect(r.lines[0]!.administrationIds).toHaveLength(2);
  });

  test("§3.3 explanation shows the time math: oxaliplatin 09:05–12:20", () => {
    const r = run([adm("oxaliplatin", "chemo", "iv_infusion", "09:05", "12:20")]);
    expect(r.lines.map((l) => l.explanation)).toEqual([
      "96413 ×1: oxaliplatin 09:05–12:20 = 195 min; initial service: highest in the facility hierarchy 96413 > 96409 > 96365 > 96374 > 96360 (§4.1)",
      "96415 ×2: oxaliplatin 09:05–12:20 = 195 min; first 90 min in 96413; 105 min beyond → 2 hours (§3.3)",
    ]);
  });
});

describe("§3.1 minutes: floor of (stop − start), DST-safe", () => {
  test("90 min 59 s is 90 min: no extra hour (§3.2)", () => {
    const a = adm("drug x", "therapeutic", "iv_infusion", "09:00", "10:30");
    a.stop = { ...a.stop!, at: a.stop!.at + 59_000 };
    expect(codes([a])).toEqual(["96365"]);
  });

  test("an infusion across the spring-forward change is timed by instants, not wall clock (§3.1)", () => {
    // 01:00 EST (-300) → 04:00 EDT (-240): wall clock says 3 h, real time is 2 h = 120 min → 1 extra hour.
    const a = adm("drug x", "therapeutic", "iv_infusion", "09:00", "10:00");
    a.start = tpZ("2025-03-09T01:00", -300);
    a.stop = tpZ("2025-03-09T04:00", -240);
    expect(codes([a])).toEqual(["96365", "96366"]);
    expect(a.stop.at - a.start.at).toBe(120 * 60_000);
  });

  test("time points helper sanity", () => {
    expect(tp("02:00+1").local).toBe("2025-03-05T02:00");
    expect(after("23:00", 180)).toBe("02:00+1");
  });
});
