import { describe, expect, test } from "vitest";
import { ImportFileError } from "@/lib/import/import-file-error";
import { CLAIMS_COLUMNS } from "@/lib/import/claims/claims-columns";
import { column, createHeaderDetector, createRequiredHeaderDetector, mapColumns } from "@/lib/import/map-columns";
import { normalizeHeader } from "@/lib/import/normalize-header";
import { SESSION_INTERVAL_COLUMNS, SESSION_MAR_COLUMNS } from "@/lib/import/sessions-columns";

describe("normalizeHeader", () => {
  test.each([
    [" Encounter ID ", "encounterid"],
    ["encounter_id", "encounterid"],
    ["ENCOUNTER-ID", "encounterid"],
    ["Date of Service", "dateofservice"],
    ["Order #", "order"],
    ["\uFEFFMRN", "mrn"],
  ])("%j → %s", (raw, expected) => {
    expect(normalizeHeader(raw)).toBe(expected);
  });
});

describe("mapColumns with the sessions synonyms", () => {
  test.each([
    ["Encounter ID", "encounter_id"],
    ["encounter_id", "encounter_id"],
    ["Visit ID", "encounter_id"],
    ["CSN", "encounter_id"],
    ["MRN", "patient_id"],
    ["Patient ID", "patient_id"],
    ["Account Number", "patient_id"],
    ["Medication", "drug"],
    ["Drug Name", "drug"],
    ["HCPCS Code", "hcpcs"],
    ["J-Code", "hcpcs"],
    ["Route of Administration", "route"],
    ["Start Time", "start"],
    ["START_TIME", "start"],
    ["Stop Time", "stop"],
    ["End Time", "stop"],
    ["Date of Service", "date_of_service"],
    ["DOS", "date_of_service"],
    ["IV Site", "iv_site"],
    ["Access Site", "iv_site"],
    ["Primary Reason", "primary_reason"],
    ["Nurse", "nurse"],
    ["Administered By", "nurse"],
    ["Payer", "payer"],
    ["Payor", "payer"],
    ["Location", "site"],
    ["Place of Service", "setting"],
    ["Start Date", "start_date"],
  ])("%s → %s", (header, canonical) => {
    const { columns } = mapColumns([header], SESSION_INTERVAL_COLUMNS.map((c) => ({ ...c, required: false })));
    expect(columns[canonical]).toBe(0);
  });

  test.each([
    ["Order ID", "order_id"],
    ["MAR Action", "action"],
    ["Action Time", "time"],
    ["Date/Time", "time"],
  ])("MAR: %s → %s", (header, canonical) => {
    const { columns } = mapColumns([header], SESSION_MAR_COLUMNS.map((c) => ({ ...c, required: false })));
    expect(columns[canonical]).toBe(0);
  });

  test("the canonical name wins over a synonym; the first duplicate wins and is reported", () => {
    const r = mapColumns(["Date", "date_of_service", "Drug", "drug"], [{ name: "date_of_service", synonyms: ["Date"] }, { name: "drug" }]);
    expect(r.columns).toEqual({ date_of_service: 1, drug: 2 });
    expect(r.duplicates).toEqual(["drug"]);
  });

  test("an explicit mapping wins, matched exactly or by normalized name; unknown canonicals are reported", () => {
    const r = mapColumns(
      ["Med Given", "Begin", "Drug"],
      [{ name: "drug", required: true }, { name: "start", required: true }],
      { explicit: { drug: "Med Given", start: "begin", nonsense: "X" } },
    );
    expect(r.columns).toEqual({ drug: 0, start: 1 });
    expect(r.unknownMappings).toEqual(["nonsense"]);
  });

  test("missing required columns → MISSING_COLUMNS listing the headers and the unmapped columns", () => {
    let error: unknown;
    try {
      mapColumns(["Encounter", "Medication", "Whatever"], SESSION_INTERVAL_COLUMNS, { label: "s.csv", explicit: { start: "Given At" } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    const e = error as ImportFileError;
    expect(e.code).toBe("MISSING_COLUMNS");
    expect(e.details?.unmapped).toEqual(["patient_id", "route", "start"]);
    expect(e.message).toContain('"Encounter", "Medication", "Whatever"');
    expect(e.message).toContain("patient_id, route, start");
    expect(e.message).toContain("start=Given At");
    expect(e.message.split("\n")).toHaveLength(1);
  });

  test("requireOneOf groups", () => {
    expect(() => mapColumns(["x"], [{ name: "a" }, { name: "b" }], { requireOneOf: [["a", "b"]] })).toThrow(/a or b/);
  });
});

describe("createHeaderDetector", () => {
  const isHeader = createHeaderDetector(SESSION_INTERVAL_COLUMNS);
  test.each([
    [["Encounter ID", "Drug", "Start"], true],
    [["MRN", "Medication"], true],
    [["Infusion report"], false],
    [["Date", "2025-03-05"], false],
    [["E1", "Oxaliplatin", "2025-03-04 09:00"], false],
  ])("%j → %s", (cells, expected) => {
    expect(isHeader(cells)).toBe(expected);
  });

  test("explicitly mapped headers count", () => {
    expect(createHeaderDetector([{ name: "drug" }, { name: "start" }], { explicit: { drug: "Med X", start: "When" } })(["Med X", "When"])).toBe(true);
  });
});

describe("ranked synonyms and ambiguity (issue 13)", () => {
  const specs = [
    column("payer", [["Insurance", "Carrier", "Primary Insurance"], ["Financial Class"]], { required: true }),
    column("allowed_amount", [["Allowed", "Allowable"]]),
  ];

  test("the first rank present decides; a weaker rank only counts alone", () => {
    expect(mapColumns(["Financial Class", "Primary Insurance"], specs).columns).toEqual({ payer: 1 });
    expect(mapColumns(["Financial Class"], specs).columns).toEqual({ payer: 0 });
    expect(mapColumns(["payer", "Insurance", "Carrier"], specs).columns).toEqual({ payer: 0 });
  });

  test("two headers of one rank: a required column throws MISSING_COLUMNS naming both; an optional one is reported", () => {
    let error: unknown;
    try {
      mapColumns(["Insurance", "Carrier"], specs, { label: "r.csv" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).details).toMatchObject({ unmapped: ["payer"], ambiguous: [{ column: "payer", headers: ["Insurance", "Carrier"] }] });
    expect((error as ImportFileError).message).toContain('payer is ambiguous: "Insurance" and "Carrier" could each be it, none was guessed');
    const optional = mapColumns(["Insurance", "Allowed", "Allowable"], specs);
    expect(optional.columns).toEqual({ payer: 0 });
    expect(optional.ambiguous).toEqual([{ column: "allowed_amount", headers: ["Allowed", "Allowable"] }]);
  });

  test("an explicit mapping settles an ambiguity", () => {
    expect(mapColumns(["Insurance", "Carrier"], specs, { explicit: { payer: "Carrier" } }).columns).toEqual({ payer: 1 });
  });

  test("sessions: MRN over an account number, either over Patient (often the name)", () => {
    const optional = SESSION_INTERVAL_COLUMNS.map((c) => ({ ...c, required: false }));
    expect(mapColumns(["Patient", "Account Number", "MRN"], optional).columns.patient_id).toBe(2);
    expect(mapColumns(["Patient", "Account Number"], optional).columns.patient_id).toBe(1);
    expect(mapColumns(["Patient"], optional).columns.patient_id).toBe(0);
  });

  test("no header name belongs to two columns of one file kind, nor to two ranks of one column (normalized)", () => {
    for (const [kind, specList] of Object.entries({ claims: CLAIMS_COLUMNS, sessions: SESSION_INTERVAL_COLUMNS, mar: SESSION_MAR_COLUMNS })) {
      const columnOf = new Map<string, string>();
      for (const spec of specList) {
        const own = normalizeHeader(spec.name);
        const rankOf = new Map<string, number>();
        const tiers = spec.tiers ?? [spec.synonyms ?? []];
        tiers.forEach((tier, r) => {
          for (const name of tier.map(normalizeHeader)) {
            if (name === own) continue;
            expect(rankOf.get(name) ?? r, `${kind}.${spec.name}: ${name} in two ranks`).toBe(r);
            rankOf.set(name, r);
          }
        });
        for (const name of [own, ...rankOf.keys()]) {
          expect(columnOf.get(name) ?? spec.name, `${kind}: ${name} in two columns`).toBe(spec.name);
          columnOf.set(name, spec.name);
        }
      }
    }
  });

  test("createRequiredHeaderDetector: only a row holding every required column is the header", () => {
    const detect = createRequiredHeaderDetector(CLAIMS_COLUMNS);
    expect(detect(["Payer", "Charges", "Payments"])).toBe(false);
    expect(detect(["Claim #", "Acct #", "DOS", "Insurance", "Carrier", "CPT", "Charges", "Ins Paid"])).toBe(true);
    expect(createRequiredHeaderDetector(CLAIMS_COLUMNS, { explicit: { payer: "Who Pays" } })(["Claim #", "Acct #", "DOS", "Who Pays", "CPT", "Charges", "Ins Paid"])).toBe(true);
  });
});
