import { describe, expect, test } from "vitest";
import { CODES, codeEncounter, DEFAULT_CODING_SETTINGS, ENGINE_VERSION } from "@/lib/coding";
import { adm, run, summary, warningCodes } from "./helpers";

describe("§1 / §11 final validation: no add-on without an eligible primary", () => {
  test("§11 CO-B15: a chemo infusion after a therapeutic primary (office) has no 96417 parent → dropped with a warning, chained 96415 too", () => {
    const r = run(
      [adm("iron sucrose", "therapeutic", "iv_infusion", "09:00", "10:00", { primaryReason: true }), adm("bortezomib", "chemo", "iv_infusion", "10:00", "12:00")],
      { setting: "professional" },
    );
    expect(summary(r)).toEqual(["96365"]);
    expect(warningCodes(r)).toEqual(["ORPHAN_ADDON_DROPPED", "ORPHAN_ADDON_DROPPED"]);
    expect(r.warnings.map((w) => w.message.slice(0, 9))).toEqual(["96417 ×1 ", "96415 ×1 "]);
  });
});

describe("spec §6 line order and fields", () => {
  const visit = () => [
    adm("Fulvestrant", undefined, "injection", "08:00", undefined, { hcpcs: "J9395" }),
    adm("normal saline", "hydration", "iv_infusion", "08:00", "09:00"),
    adm("ondansetron", "therapeutic", "iv_push", "09:00"),
    adm("carboplatin", "chemo", "iv_infusion", "09:05", "11:00"),
    adm("paclitaxel", "chemo", "iv_infusion", "11:00", "14:00"),
    adm("Fluorouracil", "chemo", "iv_infusion", "14:05", undefined, { service: "pump_start_portable" }),
  ];

  test("initial first, then other primaries by code, then add-ons by code", () => {
    expect(summary(run(visit()))).toEqual(["96413", "96402", "96416", "96361", "96375", "96415x3", "96417"]);
  });

  test("every line: label from our table, add-on flag, date, ids, explanation citing §", () => {
    const r = run(visit());
    for (const l of r.lines) {
      const info = CODES.get(l.code)!;
      expect(l.label).toBe(info.label);
      expect(l.isAddOn).toBe(info.isAddOn);
      expect(l.dateOfService).toBe("2025-03-04");
      expect(l.administrationIds.length).toBeGreaterThan(0);
      expect(l.explanation.startsWith(`${l.code} ×${l.units}: `)).toBe(true);
      expect(l.explanation).toMatch(/§\d/);
      expect(l.units).toBeGreaterThan(0);
    }
  });

  test("96415 from two drugs merges into one line with both explanations", () => {
    const line = run(visit()).lines.find((l) => l.code === "96415")!;
    expect(line.units).toBe(3);
    expect(line.explanation).toBe(
      "96415 ×3: carboplatin 09:05–11:00 = 115 min; first 90 min in 96413; 25 min beyond → 1 hour (§3.3); paclitaxel 11:00–14:00 = 180 min; first 90 min in 96417; 90 min beyond → 2 hours (§3.3)",
    );
  });

  test("labels are our own short labels (no AMA descriptor text)", () => {
    for (const info of CODES.values()) {
      expect(info.label.length).toBeLessThanOrEqual(60);
      expect(info.label).not.toMatch(/list separately|in addition to code for primary procedure/i);
    }
  });

  test("every warning carries a code, the administration id and a message", () => {
    const r = run([adm("Zzzumab", undefined, "iv_infusion", "09:00"), adm("normal saline", "hydration", "iv_infusion", "09:00", "09:20")]);
    expect(warningCodes(r).sort()).toEqual(["HYDRATION_TOO_SHORT", "MISSING_STOP", "UNKNOWN_CATEGORY"]);
    for (const w of r.warnings) {
      expect(typeof w.administrationId).toBe("string");
      expect(w.message).toContain(w.administrationId!);
      expect(w.message).toMatch(/§\d/);
    }
  });

  test("public API: ENGINE_VERSION string, DEFAULT_CODING_SETTINGS, empty encounter", () => {
    expect(typeof ENGINE_VERSION).toBe("string");
    expect(DEFAULT_CODING_SETTINGS).toMatchObject({ setting: "facility", midnightRule: "encounter", missingStop: "push", separateSiteModifier: "XU" });
    expect(codeEncounter({ id: "E0", administrations: [] }, DEFAULT_CODING_SETTINGS)).toEqual({ lines: [], warnings: [] });
  });

  test("the input array is not mutated (pure)", () => {
    const adms = visit().reverse();
    const copy = structuredClone(adms);
    codeEncounter({ id: "E1", administrations: adms }, DEFAULT_CODING_SETTINGS);
    expect(adms).toEqual(copy);
  });
});
