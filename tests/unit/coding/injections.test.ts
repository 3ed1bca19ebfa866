import { describe, expect, test } from "vitest";
import { adm, codes, run, summary } from "./helpers";

describe("§1a / §1b SC and IM injections", () => {
  test.each([
    ["§1a therapeutic SC/IM injection → 96372", "Vitamin B12", "therapeutic", undefined, ["96372"]],
    ["§1b non-hormonal antineoplastic (methotrexate SC) → 96401", "Methotrexate", undefined, undefined, ["96401"]],
    ["§8.2 step 2 Vitalware: leuprolide J9217 → 96402", "Leuprolide acetate", undefined, "J9217", ["96402"]],
    ["§8.2 step 2: goserelin J9202 → 96402", "Zoladex", undefined, "J9202", ["96402"]],
    ["§8.2 step 2: fulvestrant J9395 → 96402", "Fulvestrant", undefined, "J9395", ["96402"]],
    ["§8.2 step 7: leuprolide J1950 (non-cancer) → 96372", "Leuprolide acetate", undefined, "J1950", ["96372"]],
    ["§8.2 step 6 First Coast: denosumab J0897 → 96372", "Prolia", undefined, "J0897", ["96372"]],
  ] as const)("%s", (_name, drug, category, hcpcs, expected) => {
    expect(codes([adm(drug, category, "injection", "09:00", undefined, hcpcs === undefined ? {} : { hcpcs })])).toEqual(expected);
  });

  test("§1a NOR-INIT: two syringes of the same drug at the same time = one injection", () => {
    const r = run([adm("Fulvestrant", undefined, "injection", "09:00", undefined, { hcpcs: "J9395" }), adm("Fulvestrant", undefined, "injection", "09:00", undefined, { hcpcs: "J9395" })]);
    expect(summary(r)).toEqual(["96402"]);
    expect(r.lines[0]!.administrationIds).toHaveLength(2);
  });

  test("§1a two different drugs → 96372 ×2", () => {
    expect(codes([adm("Vitamin B12", "therapeutic", "injection", "09:00"), adm("Ceftriaxone", "therapeutic", "injection", "09:05")])).toEqual(["96372x2"]);
  });

  test("§4.1 injections take no part in the IV initial choice; listed after the initial", () => {
    expect(
      codes([adm("Leuprolide", undefined, "injection", "08:30", undefined, { hcpcs: "J9217" }), adm("zoledronic acid", "therapeutic", "iv_infusion", "09:00", "09:20")]),
    ).toEqual(["96365", "96402"]);
  });
});
