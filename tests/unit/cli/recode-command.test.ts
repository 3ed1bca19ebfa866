/**
 * End-to-end: spawns the CLI as a user would (`npx tsx lib/cli/main.ts recode …`) on the fixtures in
 * tests/fixtures/sessions and checks exit codes, stdout (the result only) and stderr (diagnostics).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = resolve(__dirname, "../../..");
const FIXTURES = "tests/fixtures/sessions";
const dir = mkdtempSync(join(tmpdir(), "cli-"));

type Run = { code: number; stdout: string; stderr: string };

/**
 * Runs the CLI. `viaNpx` spawns exactly what a user types (`npx tsx lib/cli/main.ts …`); the default
 * spawns the same local tsx binary without npx's start-up cost.
 */
function cli(args: string[], env: Record<string, string | undefined> = { TZ: undefined }, viaNpx = false): Promise<Run> {
  return new Promise((done) => {
    execFile(
      viaNpx ? "npx" : join(ROOT, "node_modules/.bin/tsx"),
      viaNpx ? ["tsx", "lib/cli/main.ts", ...args] : ["lib/cli/main.ts", ...args],
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

type RecodeJson = {
  engineVersion: string;
  encounters: {
    encounterId: string;
    lines: { code: string; units: number; modifiers: string[]; explanation: string; administrationIds: string[] }[];
    warnings: { code: string; administrationId?: string; message: string }[];
  }[];
  errors: { line: number; code: string; message: string; column?: string; file?: string }[];
};

const T = 60_000;

describe.concurrent("cli recode (spawned)", () => {
  test(
    "seed example: 1 h chemo then 45 min hydration → 96413 + 96361",
    async () => {
      const r = await cli(["recode", `${FIXTURES}/interval-basic.csv`, "--tz", "America/New_York"], { TZ: undefined }, true);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as RecodeJson;
      expect(typeof json.engineVersion).toBe("string");
      expect(json.encounters.map((e) => e.encounterId)).toEqual(["E1", "E2"]);
      const e1 = json.encounters[0]!;
      expect(e1.lines.map((l) => [l.code, l.units, l.modifiers])).toEqual([
        ["96413", 1, []],
        ["96361", 1, []],
      ]);
      expect(e1.lines[0]!.administrationIds).toEqual(["L2"]);
      expect(e1.lines[0]!.explanation).toMatch(/§/);
      expect(json.encounters[1]!.warnings).toEqual([expect.objectContaining({ code: "MISSING_STOP", administrationId: "L5" })]);
      expect(json.errors).toEqual([]);
      expect(r.stderr).toContain("interval form");
    },
    60 * T,
  );

  test(
    "MAR form: pause/restart summed (245 min rituximab → 96413 + 96415×3), row error reported, exit 0",
    async () => {
      const r = await cli(["recode", `${FIXTURES}/mar-basic.csv`, "--tz", "America/New_York"]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as RecodeJson;
      const lines = json.encounters[0]!.lines.map((l) => `${l.code}x${l.units}`);
      expect(lines[0]).toBe("96413x1");
      expect(lines).toContain("96415x3");
      expect(json.errors).toEqual([expect.objectContaining({ line: 10, code: "END_WITHOUT_START", column: "action" })]);
    },
    60 * T,
  );

  test(
    "messy export: row errors carry the file line, good rows are coded",
    async () => {
      const r = await cli(["recode", `${FIXTURES}/interval-messy.csv`]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as RecodeJson;
      expect(json.errors.map((e) => [e.line, e.code])).toEqual([
        [9, "BAD_TIME"],
        [10, "BAD_ROUTE"],
      ]);
      expect(json.encounters.map((e) => e.encounterId)).toEqual(["V100", "V102"]);
      expect(r.stderr).toMatch(/totals row/);
    },
    60 * T,
  );

  test(
    "--format csv: one row per line, formula injection neutralized",
    async () => {
      const r = await cli(["recode", `${FIXTURES}/formula-injection.csv`, "--format", "csv"]);
      expect(r.code).toBe(0);
      const rows = r.stdout.trim().split(/\r\n/);
      expect(rows[0]).toBe("encounter_id,code,units,modifiers,date_of_service,explanation");
      expect(rows[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",96374,1,,2025-03-04,/);
    },
    60 * T,
  );

  test(
    "several files: encounters merged in order, errors name their file",
    async () => {
      const r = await cli(["recode", `${FIXTURES}/interval-basic.csv`, `${FIXTURES}/interval-messy.csv`]);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.stdout) as RecodeJson;
      expect(json.encounters.map((e) => e.encounterId)).toEqual(["E1", "E2", "V100", "V102"]);
      expect(json.errors[0]).toMatchObject({ line: 9, file: `${FIXTURES}/interval-messy.csv` });
      expect(json.encounters[2]!.lines[0]!.administrationIds[0]).toMatch(/^F2-L/);
    },
    60 * T,
  );

  test(
    "options change the coding: --missing-stop none, --setting professional, --map",
    async () => {
      const none = JSON.parse((await cli(["recode", `${FIXTURES}/interval-basic.csv`, "--missing-stop", "none"])).stdout) as RecodeJson;
      expect(none.encounters[1]!.lines.map((l) => l.code)).toEqual(["96374"]);
      const mapPath = join(dir, "map.json");
      writeFileSync(mapPath, JSON.stringify({ patient_id: "Pt", route: "How" }));
      const content = "encounter_id,Pt,drug,How,start,stop\nE9,P9,Oxaliplatin,IV,2025-03-04 09:00,2025-03-04 10:00\n";
      const csv = join(dir, "mapped.csv");
      writeFileSync(csv, content);
      for (const map of [mapPath, "patient_id=Pt,route=How"]) {
        const r = await cli(["recode", csv, "--map", map, "--setting", "professional"]);
        expect(r.code).toBe(0);
        expect((JSON.parse(r.stdout) as RecodeJson).encounters[0]!.lines[0]!.code).toBe("96413");
      }
    },
    120 * T,
  );

  test.each([
    ["missing required column", [`${FIXTURES}/missing-columns.csv`], /missing required column\(s\): patient_id, route; file headers: "encounter_id", "drug", "start"/],
    ["empty file", [`${FIXTURES}/empty.csv`], /is empty/],
    ["unreadable file", [`${FIXTURES}/does-not-exist.csv`], /cannot read .*does-not-exist\.csv/],
    ["bad --tz", [`${FIXTURES}/interval-basic.csv`, "--tz", "Mars/Olympus"], /invalid --tz "Mars\/Olympus"/],
    ["bad --setting", [`${FIXTURES}/interval-basic.csv`, "--setting", "home"], /invalid --setting "home": expected facility or professional/],
    ["bad --midnight-rule", [`${FIXTURES}/interval-basic.csv`, "--midnight-rule", "noon"], /invalid --midnight-rule/],
    ["bad --missing-stop", [`${FIXTURES}/interval-basic.csv`, "--missing-stop", "guess"], /invalid --missing-stop/],
    ["bad --format", [`${FIXTURES}/interval-basic.csv`, "--format", "xml"], /invalid --format/],
    ["bad --map", [`${FIXTURES}/interval-basic.csv`, "--map", "drug"], /cannot read --map file drug/],
    ["unknown option", [`${FIXTURES}/interval-basic.csv`, "--frobnicate"], /Unknown option '--frobnicate'/],
    ["no file", [], /at least one sessions file/],
  ])(
    "%s → exit 1, one-line message on stderr, nothing on stdout",
    async (_name, args, message) => {
      const r = await cli(["recode", ...args]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    },
    60 * T,
  );

  test(
    "binary file → exit 1",
    async () => {
      const bin = join(dir, "x.xlsx");
      writeFileSync(bin, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff]));
      const r = await cli(["recode", bin]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/not a text CSV file/);
    },
    60 * T,
  );

  test(
    "TZ env var is the default time zone; an invalid TZ is named",
    async () => {
      const tokyo = await cli(["recode", `${FIXTURES}/interval-basic.csv`], { TZ: "Asia/Tokyo" });
      expect(tokyo.stderr).toContain("times in Asia/Tokyo");
      const bad = await cli(["recode", `${FIXTURES}/interval-basic.csv`], { TZ: "Nowhere/Land" });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/invalid TZ environment variable "Nowhere\/Land"/);
      const none = await cli(["recode", `${FIXTURES}/interval-basic.csv`]);
      expect(none.stderr).toContain("times in America/New_York");
    },
    120 * T,
  );

  test(
    "--help for the CLI and the command",
    async () => {
      const top = await cli(["--help"], { TZ: undefined }, true);
      expect(top.code).toBe(0);
      expect(top.stdout).toMatch(/Commands:\n\s+recode/);
      const recode = await cli(["recode", "--help"]);
      expect(recode.code).toBe(0);
      expect(recode.stdout).toMatch(/--tz Area\/City/);
      expect(recode.stdout).toMatch(/TZ environment variable/);
      const unknown = await cli(["frobnicate"]);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    },
    120 * T,
  );
});
