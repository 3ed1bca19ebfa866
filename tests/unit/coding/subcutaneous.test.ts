import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

describe("§1a / §7 subcutaneous infusion 96369–96371", () => {
  test.each([
    ["§1a SC immunoglobulin 60 min → 96369", "10:00", ["96369"]],
    ["§3.3 SC 120 min → 96369 + 96370", "11:00", ["96369", "96370"]],
    ["§3.3 SC 160 min → 96369 + 96370×2", "11:40", ["96369", "96370x2"]],
    ["§3.2 SC 15 min → an injection, 96372", "09:15", ["96372"]],
  ] as const)("%s", (_name, stop, expected) => {
    expect(codes([adm("Hizentra", "therapeutic", "subq_infusion", "09:00", stop)])).toEqual(expected);
  });

  test("§1a 96371 for an additional pump set-up with a new site (service subq_new_site)", () => {
    expect(codes([adm("Hizentra", "therapeutic", "subq_infusion", "09:00", "10:30"), adm("Hizentra", "therapeutic", "other", "09:30", undefined, { service: "subq_new_site" })])).toEqual(["96369", "96371"]);
  });

  test("§1 96371 alone (no 96369) is an orphan add-on and is dropped", () => {
    const r = run([adm("Hizentra", "therapeutic", "other", "09:30", undefined, { service: "subq_new_site" })]);
    expect(summary(r)).toEqual([]);
    expect(warningCodes(r)).toEqual(["ORPHAN_ADDON_DROPPED"]);
  });

  test("§4.3 RAC0071: 96369 with an IV initial is a second initial with the separate-site modifier", () => {
    const r = run([adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00"), adm("Hizentra", "therapeutic", "subq_infusion", "09:00", "10:00")]);
    expect(summary(r)).toEqual(["96365", "96369-XU"]);
    expect(warningCodes(r)).toEqual(["SECOND_SITE_NEEDS_DOCUMENTATION"]);
  });

  test("§13.10 SC infusion without stop: missingStop=push → injection; none → nothing", () => {
    expect(codes([adm("Hizentra", "therapeutic", "subq_infusion", "09:00")])).toEqual(["96372"]);
    expect(codes([adm("Hizentra", "therapeutic", "subq_infusion", "09:00")], { missingStop: "none" })).toEqual([]);
  });
});

describe("§1b intra-arterial chemo 96420–96423", () => {
  test.each([
    ["§1b OHCA-4TIPS: intra-arterial chemo 60 min → 96422", "10:00", ["96422"]],
    ["§1b intra-arterial chemo 150 min → 96422 + 96423", "11:30", ["96422", "96423"]],
    ["§1b intra-arterial chemo 10 min → push 96420", "09:10", ["96420"]],
  ] as const)("%s", (_name, stop, expected) => {
    expect(codes([adm("floxuridine", "chemo", "intra_arterial", "09:00", stop)])).toEqual(expected);
  });

  test("§4.3 intra-arterial chemo alongside IV chemo: a separate access with the modifier", () => {
    expect(codes([adm("cisplatin", "chemo", "intra_arterial", "09:00", "10:00"), adm("ondansetron", "therapeutic", "iv_push", "08:45")])).toEqual(["96422", "96374-XU"]);
  });
});
