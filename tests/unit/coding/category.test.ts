import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

describe("§8.2 category from HCPCS and drug name", () => {
  test.each([
    ["§8.2 step 1: J9xxx IV → chemo", "Oxaliplatin", "J9263", ["96413"]],
    ["§8.2 step 1: J9 code even with an unknown name", "Study drug 123", "J9999", ["96413"]],
    ["§8.2 step 8: mesna J9209 is a protectant → therapeutic", "Mesna", "J9209", ["96365"]],
    ["§8.2 step 8: leucovorin → therapeutic", "Leucovorin calcium", undefined, ["96365"]],
    ["§8.2 step 4: rituximab biosimilar Q5115 → chemo", "Truxima", "Q5115", ["96413"]],
    ["§8.2 step 5: infliximab J1745 → chemo by default (complexBiologics=chemo)", "Remicade", "J1745", ["96413"]],
    ["§8.2 step 12: J7050 saline → hydration", "Sodium chloride 0.9% 250 mL", "J7050", ["96360"]],
    ["§8.2 by name: 'Normal Saline 1000 mL' → hydration", "Normal Saline 1000 mL", undefined, ["96360"]],
    ["§8.2 by name: '0.9% Sodium Chloride' → hydration", "0.9% Sodium Chloride", undefined, ["96360"]],
    ["§8.2 by name: 'Lactated Ringer's' → hydration", "Lactated Ringer's", undefined, ["96360"]],
    ["§8.2 step 9: 'sodium ferric gluconate' → therapeutic (a drug word beats a fluid word)", "Sodium ferric gluconate", undefined, ["96365"]],
    ["§2.1 a drug in a fluid bag is not hydration: 'oxaliplatin in D5W'", "Oxaliplatin in D5W", undefined, ["96413"]],
    ["§2.1 CGS2012: D5½NS + 20 mEq KCl for volume → hydration", "D5 1/2 NS + 20 mEq KCl", undefined, ["96360"]],
    ["§2.1 / §13.8: potassium chloride alone → therapeutic by default", "Potassium chloride 20 mEq", undefined, ["96365"]],
  ] as const)("%s", (_name, drug, hcpcs, expected) => {
    const extra = hcpcs === undefined ? {} : { hcpcs };
    expect(codes([adm(drug, undefined, "iv_infusion", "09:00", "10:00", extra)])).toEqual(expected);
  });

  test("§13.8 electrolytes=hydration: potassium alone → hydration", () => {
    expect(codes([adm("Potassium chloride 20 mEq", undefined, "iv_infusion", "09:00", "10:00")], { electrolytes: "hydration" })).toEqual(["96360"]);
  });

  test("§13.9 complexBiologics=therapeutic: infliximab → 96365", () => {
    expect(codes([adm("infliximab", undefined, "iv_infusion", "09:00", "10:00")], { complexBiologics: "therapeutic" })).toEqual(["96365"]);
  });

  test("documented category wins over the catalog", () => {
    expect(codes([adm("Oxaliplatin", "therapeutic", "iv_infusion", "09:00", "10:00", { hcpcs: "J9263" })])).toEqual(["96365"]);
  });

  test("spec §3.6: organization catalog overrides the built-in one (HCPCS, then drug name)", () => {
    const drugCatalog = [{ hcpcs: "J1745", category: "therapeutic" as const }, { drug: "Mystery Mab", category: "chemo" as const }];
    expect(codes([adm("Remicade", undefined, "iv_infusion", "09:00", "10:00", { hcpcs: "J1745" })], { drugCatalog })).toEqual(["96365"]);
    expect(codes([adm("mystery mab", undefined, "iv_infusion", "09:00", "10:00")], { drugCatalog })).toEqual(["96413"]);
  });

  test("§8.2 step 13: unknown drug → therapeutic with UNKNOWN_CATEGORY naming the administration", () => {
    const a = adm("Zzzumab", undefined, "iv_infusion", "09:00", "10:00");
    const r = run([a]);
    expect(summary(r)).toEqual(["96365"]);
    expect(warningCodes(r)).toEqual(["UNKNOWN_CATEGORY"]);
    expect(r.warnings[0]!.administrationId).toBe(a.id);
  });
});
