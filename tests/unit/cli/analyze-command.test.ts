/**
 * The seed's arithmetic end to end through `analyze` (spec §5.4): a practice running 20 sessions a
 * week, each with one uncoded chemo hour valued at $150 through --rates, loses 20 hours and $3,000 a
 * week, $156,000 a year, over a full year and over any shorter whole-week window.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, test } from "vitest";
import { addDays } from "@/lib/analysis/week-bucket";
import { runCli } from "@/lib/cli/run-cli";

const dir = mkdtempSync(join(tmpdir(), "analyze-"));
const FIRST_MONDAY = "2025-01-06";
const WEEKS = 52;

function capture() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

async function analyze(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(["analyze", ...args], { stdout: stdout.stream, stderr: stderr.stream, env: {} });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

beforeAll(() => {
  const sessions = ["encounter_id,patient_id,date_of_service,payer,drug,hcpcs,route,start,stop"];
  const claims = ["claim_id,encounter_id,patient_id,date_of_service,payer,cpt,units,billed_amount,allowed_amount,paid_amount"];
  for (let week = 0; week < WEEKS; week += 1) {
    for (let session = 0; session < 20; session += 1) {
      const date = addDays(FIRST_MONDAY, week * 7 + (session % 5));
      const id = `E${week}-${session}`;
      // Two hours of chemo: 96413 + one 96415 hour (§3.3); the biller sends only 96413.
      sessions.push(`${id},P${session},${date},Aetna,Oxaliplatin,J9263,iv_infusion,${date}T09:00,${date}T11:00`);
      claims.push(`C${id},${id},P${session},${date},Aetna,96413,1,400.00,300.00,300.00`);
    }
  }
  writeFileSync(join(dir, "sessions.csv"), `${sessions.join("\n")}\n`);
  writeFileSync(join(dir, "claims.csv"), `${claims.join("\n")}\n`);
  writeFileSync(join(dir, "rates.csv"), "payer,cpt,rate\n*,96415,150\n");
});

const files = () => ["--sessions", join(dir, "sessions.csv"), "--claims", join(dir, "claims.csv"), "--rates", join(dir, "rates.csv")];

describe("analyze: the seed's arithmetic", () => {
  test("a full year: 20 lost hours a week, $3,000 a week, $156,000 annualized", async () => {
    const { code, stdout, stderr } = await analyze(files());
    expect(code, stderr).toBe(0);
    const output = JSON.parse(stdout);
    expect(output.summary).toMatchObject({
      from: FIRST_MONDAY,
      weeks: 52,
      encounters: 1040,
      lostAddOnHours: 1040,
      lostAddOnHoursPerWeek: 20,
      leakageCents: 1040 * 15_000,
      weeklyLeakageCents: 300_000,
      annualizedLeakageCents: 15_600_000,
      byCause: { coding: 1040 * 15_000, documentation: 0, payer: 0 },
      complianceExposureCents: 0,
    });
    expect(output.weekly).toHaveLength(52);
    expect(output.weekly[0]).toMatchObject({ weekStart: FIRST_MONDAY, lostAddOnHours: 20, leakageCents: 300_000 });
    expect(output.findings[0]).toMatchObject({ kind: "missed_addon_hours", cause: "coding", code: "96415", units: 1, valueCents: 15_000, valueSource: "fee_schedule" });
    expect(output.byCode).toEqual([{ code: "96415", units: 1040, leakageCents: 1040 * 15_000, findings: 1040 }]);
    expect(output.errors).toEqual([]);
  });

  test.each([
    ["13 weeks", "2025-01-06", "2025-04-06", 13],
    ["4 weeks starting mid-year", "2025-06-02", "2025-06-29", 4],
    ["1 week", "2025-03-03", "2025-03-09", 1],
  ])("any shorter whole-week window (%s) also annualizes to $156,000", async (_name, from, to, weeks) => {
    const { code, stdout } = await analyze([...files(), "--from", from, "--to", to]);
    expect(code).toBe(0);
    const { summary } = JSON.parse(stdout);
    expect(summary).toMatchObject({ weeks, lostAddOnHours: 20 * weeks, lostAddOnHoursPerWeek: 20, weeklyLeakageCents: 300_000, annualizedLeakageCents: 15_600_000 });
  });

  test("invalid input is exit 1 with one clear line", async () => {
    const missing = await analyze(["--sessions", join(dir, "nope.csv"), "--claims", join(dir, "claims.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split("\n")).toHaveLength(1);
    expect((await analyze(["--sessions", join(dir, "sessions.csv")])).stderr).toMatch(/needs --claims/);
    expect((await analyze([...files(), "--from", "2025-03-01"])).stderr).toMatch(/--from and --to go together/);
    expect((await analyze([...files(), "--tz", "Mars/Olympus"])).stderr).toMatch(/not an IANA time zone/);
  });
});

describe("analyze: the billing setting of an encounter (spec §3.1: the row's setting, else the practice's)", () => {
  // A therapeutic infusion then hydration documented as the primary reason: facility codes
  // 96365 + 96361 (hierarchy), professional 96360 + 96367 (primary reason, rule book §4.2).
  const sessionsFile = join(dir, "setting-sessions.csv");
  const secondFile = join(dir, "setting-sessions-2.csv");
  const claimsFile = join(dir, "setting-claims.csv");
  beforeAll(() => {
    const header = "encounter_id,patient_id,date_of_service,payer,drug,hcpcs,route,start,stop,primary_reason,setting";
    const rows = (id: string, patient: string, date: string, setting: string) => [
      `${id},${patient},${date},Aetna,Ceftriaxone,J0696,iv_infusion,${date}T09:00,${date}T10:00,,`,
      `${id},${patient},${date},Aetna,Normal saline,J7050,iv_infusion,${date}T10:00,${date}T11:00,y,${setting}`,
    ];
    writeFileSync(sessionsFile, [header, ...rows("E1", "P1", "2025-03-04", ""), ...rows("E2", "P2", "2025-03-05", "professional"), ...rows("E3", "P3", "2025-03-06", "22")].join("\n") + "\n");
    // E4's first administration in one file, its second (with a setting) in another.
    writeFileSync(secondFile, [header, "E4,P4,2025-03-07,Aetna,Ceftriaxone,J0696,iv_infusion,2025-03-07T09:00,2025-03-07T10:00,,"].join("\n") + "\n");
    writeFileSync(join(dir, "setting-sessions-3.csv"), [header, "E4,P4,2025-03-07,Aetna,Normal saline,J7050,iv_infusion,2025-03-07T10:00,2025-03-07T11:00,y,professional"].join("\n") + "\n");
    const claims = ["claim_id,encounter_id,patient_id,date_of_service,payer,cpt,units,billed_amount,paid_amount"];
    for (const [id, patient, date] of [["E1", "P1", "2025-03-04"], ["E2", "P2", "2025-03-05"], ["E3", "P3", "2025-03-06"], ["E4", "P4", "2025-03-07"]] as const) {
      claims.push(`C${id},${id},${patient},${date},Aetna,96365,1,300.00,200.00`, `C${id},${id},${patient},${date},Aetna,96361,1,100.00,50.00`);
    }
    writeFileSync(claimsFile, `${claims.join("\n")}\n`);
  });

  const encountersWithFindings = async (args: string[]) => {
    const { code, stdout, stderr } = await analyze(args);
    expect(code, stderr).toBe(0);
    return [...new Set((JSON.parse(stdout).findings as { encounterId: string }[]).map((f) => f.encounterId))].sort();
  };

  test("no --setting: rows without a setting are facility (the default); a row's professional or POS 22 wins", async () => {
    // Billed 96365 + 96361 everywhere: only the professional encounter E2 differs from its code set.
    expect(await encountersWithFindings(["--sessions", sessionsFile, "--claims", claimsFile])).toEqual(["E2"]);
  });

  test("--setting professional is the default for rows without one; the facility row (POS 22) keeps facility", async () => {
    expect(await encountersWithFindings(["--sessions", sessionsFile, "--claims", claimsFile, "--setting", "professional"])).toEqual(["E1", "E2"]);
    expect(await encountersWithFindings(["--sessions", sessionsFile, "--claims", claimsFile, "--setting", "facility"])).toEqual(["E2"]);
  });

  test("an encounter split over two files takes the setting a row of either file gives", async () => {
    expect(await encountersWithFindings(["--sessions", secondFile, "--sessions", join(dir, "setting-sessions-3.csv"), "--claims", claimsFile])).toEqual(["E4"]);
  });

  test("--help documents the default and the rule", async () => {
    const { code, stdout } = await analyze(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--setting facility|professional   the practice's billing setting (default facility");
    expect(stdout).toContain('an encounter is coded in the setting its rows give in a "setting"');
  });
});
