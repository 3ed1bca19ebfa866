/**
 * The check on the demo practice itself (two years, ~30,000 encounters), once, on SQLite:
 * the demo files imported with `import --org`, then `report --format pdf`; the PDF's text holds the
 * annualized and weekly leakage that `analyze` prints for the same files and settings, and the
 * de-identified PDF holds no patient id of the input. The claims come as the demo's claims.csv (the
 * same lines as its 835 remittances, without the PLB take-back): one import and one analysis
 * instead of 124 files, each re-analysed on import (18 minutes here).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { DEMO_OPTIONS, DEMO_ORGANIZATION } from "@/lib/demo/demo-files";
import { formatDollars } from "@/lib/format";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";

const hasTools = spawnSync("pdftotext", ["-v"]).status === 0 && existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
const wanted = !process.env.DRIPAUDIT_TEST_PROVIDER || process.env.DRIPAUDIT_TEST_PROVIDER === "sqlite";

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (d) => (out += String(d)));
  stderr.on("data", (d) => (err += String(d)));
  const io: CliIo = { stdout, stderr, env: {} };
  const code = await runCli(args, io);

  return { code, out, err };
}

function pdfText(file: string): string {
  const result = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

describe.skipIf(!hasTools || !wanted)("report of the demo practice (SQLite)", () => {
  let dir: string;
  let files: { feeSchedule: string; sessions: string; mar: string; claims: string };
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR, DRIPAUDIT_PATIENT_ID_KEY: process.env.DRIPAUDIT_PATIENT_ID_KEY };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-report-demo-"));
    const demo = path.join(dir, "demo");
    await writePracticeFiles(demo, { ...DEMO_OPTIONS });
    files = {
      feeSchedule: path.join(demo, "fee-schedule.csv"),
      sessions: path.join(demo, "sessions.csv"),
      mar: path.join(demo, "sessions-mar.csv"),
      claims: path.join(demo, "claims.csv"),
    };
    process.env.DRIPAUDIT_DATA_DIR = path.join(dir, "data");
    delete process.env.DATABASE_URL;
    delete process.env.DRIPAUDIT_PATIENT_ID_KEY;
    // One `import` per file: each waits for its analysis before exiting, while one `import` of several
    // files analyses in the background as the next file writes, and under load a file can fail on
    // the locked SQLite database.
    for (const file of [files.feeSchedule, files.sessions, files.mar, files.claims]) {
      const imported = await cli(["import", "--org", DEMO_ORGANIZATION.name, file]);
      expect({ code: imported.code, out: imported.out, err: imported.err.split("\n").filter((line) => !line.includes("rows read")) }).toMatchObject({ code: 0 });
    }
    // ~80 s on CI's 2 cores (generate the demo, four imports, each with its analysis): 3× that.
  }, 240_000);

  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test("the PDF shows the leakage `analyze` prints for the same files; the de-identified one no patient id", async () => {
    const analyzed = await cli([
      "analyze", "--sessions", files.sessions, "--sessions", files.mar, "--claims", files.claims, "--rates", files.feeSchedule,
      "--setting", DEMO_OPTIONS.setting, "--tz", DEMO_ORGANIZATION.timeZone,
    ]);
    expect(analyzed.code).toBe(0);
    const summary = (JSON.parse(analyzed.out) as { summary: { annualizedLeakageCents: number; weeklyLeakageCents: number; encounters: number } }).summary;
    expect(summary.encounters).toBeGreaterThan(20_000);

    const identified = path.join(dir, "demo-report.pdf");
    const result = await cli(["report", "--org", DEMO_ORGANIZATION.name, "--format", "pdf", "--out", identified]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ encounters: summary.encounters, annualizedLeakageCents: summary.annualizedLeakageCents, weeklyLeakageCents: summary.weeklyLeakageCents });
    const text = pdfText(identified);
    expect(text).toContain(formatDollars(summary.annualizedLeakageCents));
    expect(text).toContain(formatDollars(summary.weeklyLeakageCents));

    const deidentified = path.join(dir, "demo-report-deidentified.pdf");
    expect((await cli(["report", "--org", DEMO_ORGANIZATION.name, "--deidentify", "--out", deidentified])).code).toBe(0);
    const mrns = new Set(readFileSync(files.sessions, "utf8").match(/SYN-P\d+/g) ?? []);
    expect(mrns.size).toBeGreaterThan(100);
    const deidentifiedText = pdfText(deidentified);
    expect([...mrns].filter((mrn) => deidentifiedText.includes(mrn))).toEqual([]);
    expect(text.match(/SYN-P\d+/g)?.length ?? 0).toBeGreaterThan(0);
    // ~12 s on CI (analyze, two PDF reports): 5× that.
  }, 60_000);
});
