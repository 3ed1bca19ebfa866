import { describe, expect, test } from "vitest";
import { adm, run, summary } from "./helpers";

const D1 = "2025-03-04";
const D2 = "2025-03-05";

describe("§3.5 add-on units dated by their threshold minute (default)", () => {
  test.each([
    ["§3.5 chemo 21:00–00:30: units earned 22:30 and 23:30 → both on the start date", "21:00", "00:30+1", [`96413@${D1}`, `96415x2@${D1}`]],
    ["§3.5 chemo 22:30–01:30: units earned 00:00 and 01:00 → next date", "22:30", "01:30+1", [`96413@${D1}`, `96415x2@${D2}`]],
    ["§3.5 chemo 21:00–01:00: third unit earned 00:30 → one code split over two dates", "21:00", "01:00+1", [`96413@${D1}`, `96415x2@${D1}`, `96415@${D2}`]],
  ] as const)("%s", (_name, start, stop, expected) => {
    expect(summary(run([adm("paclitaxel", "chemo", "iv_infusion", start, stop)]), true)).toEqual(expected);
  });

  test("§13.7 addonDateAssignment=startDate (HCPro 2009): NS 23:48–01:30 with a push → all on the start date", () => {
    const adms = () => [adm("normal saline", "hydration", "iv_infusion", "23:48", "01:30+1"), adm("ondansetron", "therapeutic", "iv_push", "23:48")];
    expect(summary(run(adms()), true)).toEqual([`96374@${D1}`, `96361x2@${D2}`]);
    expect(summary(run(adms(), { addonDateAssignment: "startDate" }), true)).toEqual([`96374@${D1}`, `96361x2@${D1}`]);
  });

  test("§3.5 split lines say which units fall on which date", () => {
    const r = run([adm("paclitaxel", "chemo", "iv_infusion", "21:00", "01:00+1")]);
    expect(r.lines[2]!.explanation).toContain(`(1 of 3 dated ${D2}, the date the threshold minute falls on, §3.5)`);
    expect(r.lines[1]!.explanation).toContain(`(2 of 3 dated ${D1}`);
  });
});

describe("§3.5 / §13.7 midnightRule", () => {
  const overnight = () => [adm("ondansetron", "therapeutic", "iv_push", "22:00"), adm("famotidine", "therapeutic", "iv_infusion", "02:00+1", "02:40+1")];

  test("§3.5 encounter (CMS): one initial across dates; line dates = the date each service was given", () => {
    expect(summary(run(overnight()), true)).toEqual([`96365@${D2}`, `96375@${D1}`]);
  });

  test("§13.7 calendarDay (CPT): a new initial on each date", () => {
    const r = run(overnight(), { midnightRule: "calendarDay" });
    expect(summary(r, true)).toEqual([`96374@${D1}`, `96365@${D2}`]);
    expect(r.lines[1]!.explanation).toContain(`a new initial for ${D2} (midnightRule=calendarDay`);
  });

  test("§3.5 CPT example: continuous hydration across midnight stays one service in both modes", () => {
    const adms = () => [adm("normal saline", "hydration", "iv_infusion", "23:00", "02:00+1")];
    expect(summary(run(adms()))).toEqual(["96360", "96361x2"]);
    expect(summary(run(adms(), { midnightRule: "calendarDay" }))).toEqual(["96360", "96361x2"]);
  });

  test("§5 calendarDay: hydration crossing midnight is still trimmed by a drug running on the next date", () => {
    // Saline 22:00–02:00 (240 min) minus a 00:00–01:00 drug on D2 → 180 min of hydration (not 240 → ×3);
    // unit 1 earned at minute 91 (23:30, D1), unit 2 at minute 151 (01:30, D2, after the 60-min gap).
    const r = run([adm("normal saline", "hydration", "iv_infusion", "22:00", "02:00+1"), adm("ceftriaxone", "therapeutic", "iv_infusion", "00:00+1", "01:00+1")], { midnightRule: "calendarDay" });
    expect(summary(r, true)).toEqual([`96360@${D1}`, `96365@${D2}`, `96361@${D1}`, `96361@${D2}`]);
  });
});
