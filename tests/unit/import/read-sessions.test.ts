import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readSessions, type ReadSessionsOptions } from "@/lib/import/read-sessions";

const dir = mkdtempSync(join(tmpdir(), "sessions-"));
let n = 0;
function file(content: string): string {
  const path = join(dir, `s${n++}.csv`);
  writeFileSync(path, content);
  return path;
}
const NY: ReadSessionsOptions = { timeZone: "America/New_York" };
const FIXTURES = join(__dirname, "../../fixtures/sessions");
const iso = (at: number) => new Date(at).toISOString();

describe("readSessions, interval form", () => {
  test("seed fixture: encounters in first-appearance order with metadata", async () => {
    const r = await readSessions(join(FIXTURES, "interval-basic.csv"), NY);
    expect(r.form).toBe("interval");
    expect(r.errors).toEqual([]);
    expect(r.encounters.map((e) => e.encounter.id)).toEqual(["E1", "E2"]);
    const e1 = r.encounters[0]!;
    expect(e1.meta).toMatchObject({ encounterId: "E1", patientId: "P001", dateOfService: "2025-03-04", site: "Main", nurses: ["RN Adams"], payer: "Medicare" });
    expect(e1.encounter.administrations[0]).toEqual({
      id: "L2",
      drug: "Oxaliplatin",
      hcpcs: "J9263",
      category: "chemo",
      route: "iv_infusion",
      start: { at: Date.UTC(2025, 2, 4, 14, 0), local: "2025-03-04T09:00" },
      stop: { at: Date.UTC(2025, 2, 4, 15, 0), local: "2025-03-04T10:00" },
      ivSite: "L forearm",
      nurse: "RN Adams",
    });
    const iron = r.encounters[1]!.encounter.administrations[1]!;
    expect(iron.stop).toBeUndefined();
    expect(iron.category).toBeUndefined();
  });

  test("messy export: preamble, synonyms, BOM/CRLF, multi-line quoted field, bad rows with correct lines, totals", async () => {
    const r = await readSessions(join(FIXTURES, "interval-messy.csv"), NY);
    expect(r.columns).toMatchObject({ encounter_id: "Visit ID", patient_id: "MRN", drug: "Medication", hcpcs: "HCPCS Code", start: "Start Time", stop: "End Time", iv_site: "Access Site" });
    expect(r.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [9, "BAD_TIME", "start"],
      [10, "BAD_ROUTE", "route"],
    ]);
    expect(r.notices.map((x) => x.code)).toEqual(expect.arrayContaining(["PREAMBLE_SKIPPED", "TOTALS_ROW"]));
    expect(r.encounters.map((e) => e.encounter.id)).toEqual(["V100", "V102"]);
    const v100 = r.encounters[0]!;
    expect(v100.meta.patientId).toBe("00123");
    expect(v100.encounter.administrations.map((a) => [a.id, a.drug, a.route])).toEqual([
      ["L5", "Rituximab, 500 mg", "iv_infusion"],
      ["L7", "Diphenhydramine\r\n(premed)", "iv_push"],
    ]);
  });

  test("every bad cell of a row is reported, and nothing crashes", async () => {
    const r = await readSessions(
      file("encounter_id,patient_id,drug,route,category,start,stop,primary_reason,setting,service\nE1,P1,,teleport,vitamin,2025-02-30 09:00,,maybe,home,massage\n,,x,IV,,2025-03-04 09:00,,,,\n"),
      NY,
    );
    expect(r.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [2, "BAD_SETTING", "setting"],
      [2, "BAD_SERVICE", "service"],
      [2, "MISSING_VALUE", "drug"],
      [2, "BAD_ROUTE", "route"],
      [2, "BAD_CATEGORY", "category"],
      [2, "BAD_BOOLEAN", "primary_reason"],
      [2, "BAD_DATE", "start"],
      [3, "MISSING_VALUE", "encounter_id"],
    ]);
    expect(r.encounters).toEqual([]);
  });

  test("without encounter_id: grouped by patient + date of service (+ site)", async () => {
    const r = await readSessions(
      file(
        "patient_id,drug,route,start,stop,site\nP1,A,IV,2025-03-04 09:00,2025-03-04 10:00,North\nP1,B,IV,2025-03-04 10:00,2025-03-04 11:00,North\nP1,C,IV,2025-03-05 09:00,2025-03-05 10:00,North\nP1,D,IV,2025-03-04 12:00,2025-03-04 13:00,South\nP2,E,IV,2025-03-04 09:00,,\n",
      ),
      NY,
    );
    expect(r.encounters.map((e) => [e.encounter.id, e.encounter.administrations.map((a) => a.drug).join("")])).toEqual([
      ["P1:2025-03-04:North", "AB"],
      ["P1:2025-03-05:North", "C"],
      ["P1:2025-03-04:South", "D"],
      ["P2:2025-03-04", "E"],
    ]);
    expect(r.encounters[0]!.meta.isDerivedId).toBe(true);
  });

  test("separate date and time columns; a time-only stop before the start crosses midnight", async () => {
    const r = await readSessions(
      file("Encounter ID,MRN,Drug,Route,DOS,Start Time,Stop Time\nE1,P1,NS,IV,3/4/2025,23:00,02:00\nE1,P1,Dex,IV Push,3/4/2025,9:05 PM,9:07 PM\nE2,P2,NS,IV,3/4/2025,10:00,09:00\n"),
      NY,
    );
    const [ns, dex] = r.encounters[0]!.encounter.administrations;
    expect(ns!.start.local).toBe("2025-03-04T23:00");
    expect(ns!.stop!.local).toBe("2025-03-05T02:00");
    expect((ns!.stop!.at - ns!.start.at) / 60_000).toBe(180);
    expect(dex!.start.local).toBe("2025-03-04T21:05");
    // 10:00 → 09:00 is not a 23-hour infusion: kept as is, so the engine warns STOP_BEFORE_START.
    const e2 = r.encounters[1]!.encounter.administrations[0]!;
    expect(e2.stop!.at).toBeLessThan(e2.start.at);
  });

  test("stopBeforeStart: error → a STOP_BEFORE_START row error", async () => {
    const r = await readSessions(file("encounter_id,patient_id,drug,route,start,stop\nE1,P1,NS,IV,2025-03-04 10:00,2025-03-04 09:00\n"), { ...NY, stopBeforeStart: "error" });
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([[2, "STOP_BEFORE_START"]]);
  });

  test("optional columns: primary_reason, service, setting, hcpcs upper-cased, codes kept as strings", async () => {
    const r = await readSessions(
      file("encounter_id,patient_id,drug,hcpcs,route,start,stop,primary_reason,service,setting\n007,000123,,,,2025-03-04 09:00,,,Pump start,Office\n007,000123,Infliximab,j1745,IV,2025-03-04 09:00,2025-03-04 11:00,Y,,\n"),
      NY,
    );
    expect(r.errors).toEqual([]);
    const e = r.encounters[0]!;
    expect(e.meta).toMatchObject({ encounterId: "007", patientId: "000123", setting: "professional" });
    expect(e.encounter.administrations[0]).toMatchObject({ service: "pump_start_portable", route: "other" });
    expect(e.encounter.administrations[1]).toMatchObject({ hcpcs: "J1745", primaryReason: true });
  });

  describe("date order", () => {
    test("a day above 12 later in the file settles DMY for the earlier ambiguous rows", async () => {
      const r = await readSessions(
        file("encounter_id,patient_id,drug,route,start,stop\nE1,P1,A,IV,04/03/2025 09:00,04/03/2025 10:00\nE2,P1,B,IV,25/03/2025 09:00,25/03/2025 10:00\n"),
        NY,
      );
      expect(r.dateOrder).toBe("DMY");
      expect(r.encounters.map((e) => e.encounter.administrations[0]!.start.local)).toEqual(["2025-03-04T09:00", "2025-03-25T09:00"]);
      expect(r.encounters.map((e) => e.encounter.id)).toEqual(["E1", "E2"]);
    });

    test("never settled → US month/day", async () => {
      const r = await readSessions(file("encounter_id,patient_id,drug,route,start\nE1,P1,A,IV,04/03/2025 09:00\n"), NY);
      expect(r.dateOrder).toBe("MDY");
      expect(r.encounters[0]!.encounter.administrations[0]!.start.local).toBe("2025-04-03T09:00");
    });

    test("explicit order wins", async () => {
      const r = await readSessions(file("encounter_id,patient_id,drug,route,start\nE1,P1,A,IV,04/03/2025 09:00\n"), { ...NY, dateOrder: "DMY" });
      expect(r.encounters[0]!.encounter.administrations[0]!.start.local).toBe("2025-03-04T09:00");
    });

    test("a small pending cap settles MDY early and keeps row order", async () => {
      const rows = ["encounter_id,patient_id,drug,route,start"];
      for (let i = 0; i < 10; i++) rows.push(`E${i},P1,A,IV,03/04/2025 09:0${i}`);
      const r = await readSessions(file(rows.join("\n")), { ...NY, maxPendingRows: 3 });
      expect(r.encounters.map((e) => e.encounter.id)).toEqual(rows.slice(1).map((_, i) => `E${i}`));
      expect(r.dateOrder).toBe("MDY");
    });
  });

  describe("DST in America/New_York", () => {
    test("a nonexistent spring-forward time is a row error; an ambiguous fall-back time is the earlier instant + warning", async () => {
      const r = await readSessions(
        file("encounter_id,patient_id,drug,route,start,stop\nE1,P1,A,IV,2025-03-09 02:30,2025-03-09 04:00\nE2,P1,B,IV,2025-11-02 01:30,2025-11-02 03:00\n"),
        NY,
      );
      expect(r.errors.map((e) => [e.line, e.code, e.column])).toEqual([[2, "NONEXISTENT_LOCAL_TIME", "start"]]);
      const e2 = r.encounters[0]!;
      expect(iso(e2.encounter.administrations[0]!.start.at)).toBe("2025-11-02T05:30:00.000Z");
      expect(e2.warnings).toEqual([expect.objectContaining({ code: "AMBIGUOUS_LOCAL_TIME", administrationId: "L3" })]);
    });

    test("an infusion spanning the fall-back change lasts its real duration", async () => {
      const r = await readSessions(file("encounter_id,patient_id,drug,route,start,stop\nE1,P1,A,IV,2025-11-02 00:30,2025-11-02 03:00\n"), NY);
      const a = r.encounters[0]!.encounter.administrations[0]!;
      expect((a.stop!.at - a.start.at) / 60_000).toBe(210);
      expect(a.stop!.local).toBe("2025-11-02T03:00");
    });
  });

  test("explicit mapping for unknown headers", async () => {
    const r = await readSessions(file("Visit,Pt,Thing,How,When\nE1,P1,NS,IV,2025-03-04 09:00\n"), {
      ...NY,
      mapping: { drug: "Thing", route: "How", start: "When", patient_id: "Pt" },
    });
    expect(r.errors).toEqual([]);
    expect(r.encounters[0]!.encounter.administrations[0]!.drug).toBe("NS");
  });

  test("missing required columns → MISSING_COLUMNS", async () => {
    await expect(readSessions(join(FIXTURES, "missing-columns.csv"), NY)).rejects.toMatchObject({ code: "MISSING_COLUMNS" });
  });

  test("a second file gets prefixed administration ids", async () => {
    const r = await readSessions(join(FIXTURES, "interval-basic.csv"), { ...NY, fileIndex: 1 });
    expect(r.encounters[0]!.encounter.administrations[0]!.id).toBe("F2-L2");
  });
});

describe("readSessions, MAR form", () => {
  test("detected from the action column; events paired per order", async () => {
    const r = await readSessions(join(FIXTURES, "mar-basic.csv"), NY);
    expect(r.form).toBe("mar");
    const adms = r.encounters[0]!.encounter.administrations;
    expect(adms.map((a) => [a.id, a.drug, a.route, a.start.local.slice(11), a.stop?.local.slice(11) ?? null])).toEqual([
      ["L7", "Ondansetron", "iv_push", "11:00", "11:00"],
      ["L2", "Rituximab", "iv_infusion", "11:20", "12:40"],
      ["L5", "Rituximab", "iv_infusion", "13:55", "16:40"],
      ["L8", "Normal saline", "iv_infusion", "16:45", "17:30"],
      ["L9", "Normal saline", "iv_infusion", "17:30", null],
    ]);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([[10, "END_WITHOUT_START"]]);
  });

  test("unknown actions are row errors; extra synonyms are configurable", async () => {
    const content = "encounter_id,patient_id,order_id,drug,route,action,time\nM1,P1,O1,NS,IV,Hang,2025-03-04 09:00\nM1,P1,O1,NS,IV,Done,2025-03-04 10:00\n";
    const bad = await readSessions(file(content), NY);
    expect(bad.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "BAD_ACTION"],
      [3, "BAD_ACTION"],
    ]);
    const good = await readSessions(file(content), { ...NY, marActions: { start: ["Hang"], end: ["Done"] } });
    expect(good.errors).toEqual([]);
    expect(good.encounters[0]!.encounter.administrations).toHaveLength(1);
  });

  test("MAR with a date column and time-only values; grouped by patient + date without encounter ids", async () => {
    const r = await readSessions(
      file("MRN,Order ID,Medication,Route,MAR Action,Date,Time\nP1,O1,NS,IV,New Bag,03/04/2025,0900\nP1,O1,NS,IV,Stopped,03/04/2025,1000\n"),
      NY,
    );
    expect(r.form).toBe("mar");
    expect(r.encounters[0]!.encounter.id).toBe("P1:2025-03-04");
    const a = r.encounters[0]!.encounter.administrations[0]!;
    expect([a.start.local, a.stop!.local]).toEqual(["2025-03-04T09:00", "2025-03-04T10:00"]);
  });
});

describe("readSessions, ambiguous optional columns", () => {
  test("two headers that could each be the payer: neither is guessed, the notice names both", async () => {
    const r = await readSessions(
      file(
        [
          "encounter_id,patient_id,drug,route,start,stop,Insurance,Plan",
          "E1,P1,Ondansetron,IV push,2025-03-03 09:00,,Aetna,Aetna PPO",
        ].join("\n") + "\n",
      ),
      NY,
    );
    expect(r.errors).toEqual([]);
    expect(r.encounters).toHaveLength(1);
    expect(r.encounters[0]?.meta.payer).toBeUndefined();
    const notice = r.notices.find((n) => n.code === "AMBIGUOUS_COLUMN");
    expect(notice?.line).toBe(1);
    expect(notice?.message).toContain('"Insurance"');
    expect(notice?.message).toContain('"Plan"');
  });
});
