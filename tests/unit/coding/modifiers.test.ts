import { describe, expect, test } from "vitest";
import { adm, run } from "./helpers";

const twoSites = () => [
  adm("cisplatin", "chemo", "iv_infusion", "09:00", "10:00", { ivSite: "L arm" }),
  adm("magnesium sulfate", "therapeutic", "iv_infusion", "09:30", "10:30", { ivSite: "R arm" }),
];

describe("§4.3 / §13.4 modifiers", () => {
  test.each([
    ["§4.3 RAC0071: separateSiteModifier XU on the second initial only", { separateSiteModifier: "XU" }, [[], ["XU"]]],
    ["§4.3 RAC0071: separateSiteModifier 59", { separateSiteModifier: "59" }, [[], ["59"]]],
  ] as const)("%s", (_name, overrides, expected) => {
    expect(run(twoSites(), overrides).lines.map((l) => l.modifiers)).toEqual(expected);
  });

  test("§4.3 NOR-INIT: the second-site warning says the record must show why", () => {
    const r = run(twoSites());
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.code).toBe("SECOND_SITE_NEEDS_DOCUMENTATION");
    expect(r.warnings[0]!.message).toContain("the record must show why a separate access site was medically necessary (§4.3)");
  });

  test("§13.4 modifier 53 on a discontinued sequential infusion", () => {
    const r = run([adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "10:00"), adm("ceftriaxone", "therapeutic", "iv_infusion", "10:00", "10:10")], { shortInfusion: "discontinued53" });
    expect(r.lines.map((l) => `${l.code}:${l.modifiers.join(",")}`)).toEqual(["96413:", "96367:53"]);
  });

  test("no modifiers on a single-site encounter", () => {
    const r = run([adm("cisplatin", "chemo", "iv_infusion", "09:00", "11:00"), adm("ondansetron", "therapeutic", "iv_push", "08:45")]);
    expect(r.lines.every((l) => l.modifiers.length === 0)).toBe(true);
    expect(r.lines).toHaveLength(3);
  });
});
