import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { CodedLine } from "@/lib/coding/types";
import { netClaimVersions, readClaimsFile, type ClaimLine } from "@/lib/import/claims";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { emptyCounts, generatePractice } from "@/lib/synthetic/generate-practice";
import type { SyntheticEncounter } from "@/lib/synthetic/types";
import { writePracticeFiles, type WritePracticeResult } from "@/lib/synthetic/write-practice-files";
import { readPracticeSessions, readRemits, readTruth } from "./compare-practice";

// Three weeks around the spring-forward night (Sunday 2024-03-10).
const OPTIONS = { seed: 21, weeks: 3, startDate: "2024-03-04" };
/** Generation plus read-back takes 1–3 s; allow for a busy machine. */
const TIMEOUT = 120_000;
let dir = "";
let written: WritePracticeResult;
const generated = new Map<string, SyntheticEncounter>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "dripaudit-synthetic-files-"));
  written = await writePracticeFiles(dir, OPTIONS);
  for await (const week of generatePractice(OPTIONS, emptyCounts())) for (const e of week.encounters) generated.set(e.id, e);
}, TIMEOUT);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sig = (lines: readonly CodedLine[]) => lines.map((l) => `${l.code}x${l.units}${l.modifiers.length ? `-${l.modifiers.join("-")}` : ""}`).join(" ");

describe("sessions files", () => {
  test("read back with zero errors, and recode to the generator's canonical lines (interval and MAR)", async () => {
    const encounters = await readPracticeSessions(dir);
    expect(encounters.length).toBe(written.counts.encounters);
    expect(encounters.length).toBe(generated.size);
    let mar = 0;
    for (const imported of encounters) {
      const e = generated.get(imported.meta.encounterId)!;
      expect(e, imported.meta.encounterId).toBeDefined();
      if (e.form === "mar") mar++;
      expect(imported.meta.patientId).toBe(e.patient.id);
      expect(imported.meta.dateOfService).toBe(e.dateOfService);
      expect(imported.encounter.administrations.length).toBe(e.encounter.administrations.length);
      const recoded = codeEncounter(imported.encounter, { ...DEFAULT_CODING_SETTINGS, setting: "professional" });
      expect(sig(recoded.lines), `${e.id} (${e.form}, ${e.regimen})`).toBe(sig(e.canonical));
    }
    expect(mar).toBe(written.counts.marEncounters);
    expect(mar).toBeGreaterThan(20);
  }, TIMEOUT);

  test("the spring-forward overnight visit is 150 real minutes: 96360 + 96361 ×1", async () => {
    const encounters = await readPracticeSessions(dir);
    const night = encounters.filter((e) => e.meta.dateOfService === "2024-03-10");
    expect(night).toHaveLength(1);
    const adm = night[0]!.encounter.administrations[0]!;
    expect(adm.start.local).toBe("2024-03-10T00:45");
    expect(adm.stop!.local).toBe("2024-03-10T04:15");
    expect((adm.stop!.at - adm.start.at) / 60_000).toBe(150);
    expect(sig(codeEncounter(night[0]!.encounter, { ...DEFAULT_CODING_SETTINGS, setting: "professional" }).lines)).toBe("96360x1 96361x1");
  }, TIMEOUT);
});

describe("claims files", () => {
  test("every 835 parses with zero errors and zero balancing warnings", async () => {
    const files = readdirSync(join(dir, "remits"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    let transactions = 0;
    for (const file of files) {
      const result = await readClaimsFile(join(dir, "remits", file));
      expect(result.format).toBe("x12-835");
      expect(result.errors, file).toEqual([]);
      expect(result.warnings, file).toEqual([]);
      transactions += result.payments?.length ?? 0;
      for (const payment of result.payments ?? []) {
        expect(payment.paymentCents).toBeGreaterThanOrEqual(0);
        for (const plb of payment.providerAdjustments) expect(plb.claimId, `${file} PLB ${plb.reference}`).toBe(plb.reference);
      }
    }
    expect(transactions).toBeGreaterThanOrEqual(files.length);
  }, TIMEOUT);

  test("the claims CSV carries exactly the 835s' lines (zero errors)", async () => {
    const csv = await readClaimsFile(join(dir, "claims.csv"));
    expect(csv.format).toBe("csv");
    expect(csv.errors).toEqual([]);
    expect(csv.warnings).toEqual([]);
    const remits = await readRemits(dir);
    expect(remits.issues).toBe(0);
    const key = (l: ClaimLine) =>
      [l.claimId, l.patientId, l.dateOfService, l.payer, l.code, l.modifiers.join(":"), l.billedUnits, l.paidUnits, l.billedCents, l.paidCents, l.status, l.claimFrequency, l.paidDate, l.remarks.join(":"),
        l.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents}`).join(";")].join("|");
    expect(csv.lines.map(key).sort()).toEqual(remits.lines.map(key).sort());
    expect(csv.lines.filter((l) => l.encounterId !== undefined).length).toBeGreaterThan(csv.lines.length * 0.8);
  }, TIMEOUT);

  test("835 netting: the replaced claim nets to the corrected bill; the recoupment PLB names its claim", async () => {
    const remits = await readRemits(dir);
    const truth = readTruth(dir);
    const corrected = truth.payerEvents.find((e) => e.event === "reversal_correction")!;
    const positions = netClaimVersions(remits.lines).filter((p) => p.claimId === corrected.claimId);
    expect(positions.length).toBeGreaterThan(0);
    expect(positions.every((p) => p.versionCount === 3 && p.replaced && p.state === "active")).toBe(true);
    const versions = remits.lines.filter((l) => l.claimId === corrected.claimId && l.code === corrected.code);
    const units = versions[versions.length - 1]!.billedUnits;
    // The original billed one unit short (no line when that was the only unit), the reversal negates it.
    const expected = units > 1 ? [`1/1/${units - 1}`, `22/1/${1 - units}`, `1/7/${units}`] : [`1/7/${units}`];
    expect(versions.map((l) => `${l.statusCode}/${l.claimFrequency}/${l.billedUnits}`)).toEqual(expected);
    expect(remits.recoupments.map((r) => r.claimId)).toEqual(truth.payerEvents.filter((e) => e.event === "recoupment").map((e) => e.claimId));
  }, TIMEOUT);

  test("the fee schedule reads with zero errors and has a row per payer, code and year plus * rows", async () => {
    const fee = await readFeeSchedule(join(dir, "fee-schedule.csv"));
    expect(fee.errors).toEqual([]);
    expect(fee.rates.filter((r) => r.payer === "*").length).toBe(25);
    expect(fee.rates.length).toBe(25 * 5 + 25);
    expect(fee.rates.find((r) => r.payer === "Medicare" && r.code === "96413")!.rateCents).toBe(11936);
  }, TIMEOUT);
});
