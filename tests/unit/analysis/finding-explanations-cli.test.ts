/**
 * Issue 13 "Must show": every finding kind's explanation in `analyze` output contains the minutes
 * and the dollar amounts it rests on — run through the CLI (files in, JSON out), as a user sees it.
 * (Recoupments need an 835 PLB; tests/unit/analysis/finding-explanations.test.ts covers them.)
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "@/lib/cli/run-cli";

const dir = mkdtempSync(join(tmpdir(), "explain-"));
const D = "2025-03-04";

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

type OutputFinding = { encounterId: string; kind: string; cause: string; code: string | null; valueCents: number; claimId: string | null; explanation: string };
let findings: OutputFinding[] = [];

beforeAll(async () => {
  const s = (id: string, drug: string, category: string, route: string, start: string, stop: string) =>
    `${id},P-${id},${D},Aetna,${drug},${category},${route},${D}T${start},${stop ? `${D}T${stop}` : ""}`;
  const sessions = [
    "encounter_id,patient_id,date_of_service,payer,drug,category,route,start,stop",
    s("E1", "Oxaliplatin", "chemo", "IV", "09:00", "11:00"),
    s("E2", "Oxaliplatin", "chemo", "IV", "09:00", "10:45"),
    s("E3", "Normal saline", "hydration", "IV", "10:00", "10:25"),
    s("E4", "Oxaliplatin", "chemo", "IV", "09:00", "10:00"),
    s("E5", "Iron sucrose", "therapeutic", "IVPB", "10:00", ""),
    s("H1", "Iron sucrose", "therapeutic", "IVPB", "09:00", "11:30"),
    s("H2", "Iron sucrose", "therapeutic", "IVPB", "09:00", "11:30"),
    s("H3", "Iron sucrose", "therapeutic", "IVPB", "09:00", "11:30"),
    s("E6", "Oxaliplatin", "chemo", "IV", "09:00", "11:00"),
    s("E7", "Oxaliplatin", "chemo", "IV", "09:00", "13:00"),
    s("E8", "Oxaliplatin", "chemo", "IV", "09:00", "11:00"),
    s("E9", "Oxaliplatin", "chemo", "IV", "09:00", "10:00"),
    s("E9", "Fluorouracil", "chemo", "IV", "10:00", "10:45"),
    s("E10", "Drug A", "therapeutic", "IVPB", "09:00", "10:00"),
    s("E10", "Drug B", "therapeutic", "IVPB", "09:10", "09:50"),
  ];
  const c = (claim: string, id: string, code: string, units: number, paid: string, paidUnits: number, adjustments = "") =>
    `${claim},${id},P-${id},${D},Aetna,${code},${units},${paid},${paid},${paid},${paidUnits},${adjustments}`;
  const claims = [
    "claim_id,encounter_id,patient_id,date_of_service,payer,cpt,units,billed_amount,allowed_amount,paid_amount,paid_units,adjustment_codes",
    c("C1", "E1", "96413", 1, "300.00", 1),
    c("C2", "E2", "96413", 1, "300.00", 1),
    c("C2", "E2", "96415", 2, "300.00", 2),
    c("C3", "E3", "96360", 1, "100.00", 1),
    c("C4", "E4", "96365", 1, "200.00", 1),
    c("C5", "E5", "96374", 1, "90.00", 1),
    ...["H1", "H2", "H3"].flatMap((id) => [c(`C${id}`, id, "96365", 1, "200.00", 1), c(`C${id}`, id, "96366", 1, "60.00", 1)]),
    c("C6", "E6", "96413", 1, "300.00", 1),
    c("C6", "E6", "96415", 1, "0.00", 0, "CO-97:150.00"),
    c("C7", "E7", "96413", 1, "300.00", 1),
    c("C7", "E7", "96415", 3, "150.00", 1, "CO-151:300.00"),
    c("C8", "E8", "96415", 1, "0.00", 0, "CO-B15:150.00"),
    c("C9", "E9", "96413", 1, "300.00", 1),
    c("C10", "E10", "96365", 1, "200.00", 1),
  ];
  const rates = ["payer,cpt,rate", "*,96413,300", "*,96415,150", "*,96365,200", "*,96366,60", "*,96374,90", "*,96360,100", "*,96417,120", "*,96368,70"];
  writeFileSync(join(dir, "sessions.csv"), `${sessions.join("\n")}\n`);
  writeFileSync(join(dir, "claims.csv"), `${claims.join("\n")}\n`);
  writeFileSync(join(dir, "rates.csv"), `${rates.join("\n")}\n`);

  const stdout = capture();
  const stderr = capture();
  const code = await runCli(
    ["analyze", "--sessions", join(dir, "sessions.csv"), "--claims", join(dir, "claims.csv"), "--rates", join(dir, "rates.csv"), "--tz", "UTC"],
    { stdout: stdout.stream, stderr: stderr.stream, env: {} },
  );
  expect(code, stderr.text()).toBe(0);
  const output = JSON.parse(stdout.text());
  expect(output.errors).toEqual([]);
  findings = output.findings;
});

const find = (encounterId: string, kind: string): OutputFinding => {
  const found = findings.filter((f) => f.encounterId === encounterId && f.kind === kind);
  expect(found, JSON.stringify(findings.filter((f) => f.encounterId === encounterId), null, 1)).toHaveLength(1);
  return found[0]!;
};

const money = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

describe("analyze output: every finding kind states its minutes and dollars", () => {
  test.each([
    ["E1", "missed_addon_hours", [120], [15_000]],
    ["E2", "overcoded_units", [105, 151], [15_000]],
    ["E3", "unsupported_line", [25], [10_000]],
    ["E4", "wrong_initial", [60], [30_000, 20_000, 10_000]],
    ["E5", "missing_stop_time", [150], [20_000, 6_000, 9_000, 17_000]],
    ["E6", "denied_line", [120], [15_000]],
    ["E7", "unit_cut", [240], [15_000, 30_000]],
    ["E8", "addon_without_primary", [120], [15_000]],
    ["E8", "missed_initial", [120], [30_000]],
    ["E9", "missed_sequential", [45], [12_000]],
    ["E10", "missed_concurrent", [40], [7_000]],
  ] as const)("%s %s", (encounterId, kind, minutes, cents) => {
    const finding = find(encounterId, kind);
    for (const m of minutes) expect(finding.explanation).toContain(`${m} min`);
    for (const amount of cents) expect(finding.explanation).toContain(money(amount));
    expect(finding.explanation).toContain(money(finding.valueCents));
    // Every value names its source precisely.
    expect(finding.explanation).toMatch(/fee schedule, default \(\*\) row for \d{5} \(effective|own paid median of \d+ Aetna lines, dates of service/);
  });

  test("coding findings name the claim to correct", () => {
    for (const finding of findings.filter((f) => f.cause === "coding")) expect(finding.claimId, `${finding.encounterId} ${finding.kind}`).not.toBeNull();
    expect(find("E1", "missed_addon_hours").claimId).toBe("C1");
    expect(find("E9", "missed_sequential").claimId).toBe("C9");
  });

  test("the missing stop time names the median's count", () => {
    expect(find("E5", "missing_stop_time").explanation).toContain("median of 150 min over 3 documented administrations of Iron sucrose");
  });
});
