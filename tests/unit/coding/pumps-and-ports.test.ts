import { describe, expect, test } from "vitest";
import { adm, codes, run, summary, warningCodes } from "./helpers";

const pumpStart = () => adm("Fluorouracil", "chemo", "iv_infusion", "11:10", undefined, { service: "pump_start_portable" });

describe("§7 pumps and ports", () => {
  test.each([
    ["§7 ASCO10: portable pump start → 96416", {}, ["96416"]],
    ["§7 CR 9749: Medicare, office-supplied pump → G0498", { medicareOfficeSuppliedPump: true }, ["G0498"]],
  ] as const)("%s", (_name, overrides, expected) => {
    const r = run([pumpStart()], overrides);
    expect(summary(r)).toEqual(expected);
    expect(r.warnings).toEqual([]);
  });

  test.each([
    ["§7 portable pump refill → 96521", "pump_refill_portable", ["96521"]],
    ["§7 implantable pump refill → 96522", "pump_refill_implantable", ["96522"]],
    ["§7 SELECT: port flush alone → 96523", "port_flush", ["96523"]],
  ] as const)("%s", (_name, service, expected) => {
    expect(codes([adm("heparin", "therapeutic", "other", "09:00", undefined, { service })])).toEqual(expected);
  });

  test("§7 NOR-CHEMO: a port flush with any other service is bundled (PORT_FLUSH_BUNDLED)", () => {
    const flush = adm("heparin", "therapeutic", "other", "11:00", undefined, { service: "port_flush" });
    const r = run([adm("oxaliplatin", "chemo", "iv_infusion", "09:00", "11:00"), flush]);
    expect(summary(r)).toEqual(["96413", "96415"]);
    expect(warningCodes(r)).toEqual(["PORT_FLUSH_BUNDLED"]);
    expect(r.warnings[0]!.administrationId).toBe(flush.id);
  });

  test("§7 a port flush with only an orphan add-on is still reported alone (orphans are dropped first)", () => {
    const r = run([adm("heparin", "therapeutic", "other", "09:00", undefined, { service: "port_flush" }), adm("Hizentra", "therapeutic", "other", "09:30", undefined, { service: "subq_new_site" })]);
    expect(summary(r)).toEqual(["96523"]);
  });

  test("§6 FOLFOX: oxaliplatin + concurrent leucovorin, 5-FU bolus, 5-FU pump → 96413 + 96416 + 96368 + 96411 + 96415", () => {
    expect(
      codes([
        adm("Oxaliplatin", undefined, "iv_infusion", "09:00", "11:00", { hcpcs: "J9263" }),
        adm("Leucovorin", undefined, "iv_infusion", "09:00", "11:00", { hcpcs: "J0640" }),
        adm("Fluorouracil", undefined, "iv_push", "11:05", undefined, { hcpcs: "J9190" }),
        pumpStart(),
      ]),
    ).toEqual(["96413", "96416", "96368", "96411", "96415"]);
  });

  test("§9 96416 once per encounter", () => {
    expect(codes([pumpStart(), pumpStart()])).toEqual(["96416"]);
  });
});
