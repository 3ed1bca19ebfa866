import { describe, expect, test } from "vitest";
import { guessColumnMapping, headerKey, toMappingPayload, unmappedNames } from "@/components/imports/guess-column-mapping";
import { normalizeHeader } from "@/lib/import/normalize-header";
import { getImportColumnSpecs } from "@/lib/import/import-column-specs";

describe("guessColumnMapping", () => {
  const specs = getImportColumnSpecs().sessions;

  test("matches by canonical name and synonyms, case and punctuation ignored, each header used once", () => {
    const mapping = guessColumnMapping(["Visit ID", "MRN", "Medication", "Admin Route", "Start Time", "Mystery"], specs);
    expect(mapping).toMatchObject({ encounter_id: "Visit ID", patient_id: "MRN", drug: "Medication", route: "Admin Route", start: "Start Time", stop: "" });
    expect(Object.values(mapping).filter((header) => header === "Mystery")).toEqual([]);
  });

  test("lists every canonical column of the kind, unmatched ones empty", () => {
    const mapping = guessColumnMapping([], specs);
    expect(Object.keys(mapping)).toEqual(specs.map((spec) => spec.name));
    expect(new Set(Object.values(mapping))).toEqual(new Set([""]));
  });

  test("headerKey is the importer's normalizeHeader", () => {
    for (const header of ["\uFEFFEncounter ID", " DATE-of_Service ", "Claim #", "Médicament"]) expect(headerKey(header)).toBe(normalizeHeader(header));
  });
});

describe("mapping helpers", () => {
  test("unmappedNames splits 'a or b' groups", () => {
    expect(unmappedNames(["drug", "encounter_id or date_of_service"])).toEqual(new Set(["drug", "encounter_id", "date_of_service"]));
  });

  test("toMappingPayload drops unchosen columns", () => {
    expect(toMappingPayload({ drug: "Medication", stop: "", route: "Route" })).toEqual({ drug: "Medication", route: "Route" });
  });
});

describe("getImportColumnSpecs", () => {
  test("has the five CSV kinds with their required columns", () => {
    const specs = getImportColumnSpecs();
    expect(Object.keys(specs).sort()).toEqual(["claims", "drug_catalog", "fee_schedule", "mar", "sessions"]);
    expect(specs.claims.filter((spec) => spec.required).map((spec) => spec.name)).toContain("claim_id");
    expect(specs.mar.find((spec) => spec.name === "action")?.required).toBe(true);
  });
});
