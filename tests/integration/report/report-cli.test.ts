/**
 * The `report` command, in process through runCli, on a practice imported with `import --org` from
 * a small synthetic practice written by the demo's own generator (8 weeks, ~700 encounters, MRNs
 * like the demo's): the PDF's text holds the leakage `analyze` prints for the same files, a
 * de-identified report holds no MRN of the input, HTML and workbook figures equal the overview's,
 * every report is an audit event, and each user error exits 1 with a plain message.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CliIo } from "@/lib/cli/cli-command";
import { runCli } from "@/lib/cli/run-cli";
import { parseDashboardFilters } from "@/lib/dashboard/filters";
import { createPrismaClient, resolveDatabaseTarget, type Db } from "@/lib/db";
import { getDashboardOrganization, getOverviewData } from "@/lib/db/dashboard";
import { formatDollars } from "@/lib/format";
import { SUMMARY_LABELS, WORKBOOK_SHEETS } from "@/lib/report/report-workbook";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { publishedVersion } from "@/tests/helpers/published-version";

const providers = await resolveTestProviders();
const PRACTICE = "Harbor Infusion";
const hasPdftotext = spawnSync("pdftotext", ["-v"]).status === 0;
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");

function io(): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = "";
  let e = "";
  stdout.on("data", (d) => (o += String(d)));
  stderr.on("data", (d) => (e += String(d)));
  return { io: { stdout, stderr, env: {} }, out: () => o, err: () => e };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const t = io();
  const code = await runCli(args, t.io);
  return { code, out: t.out(), err: t.err() };
}

type TReportLine = { out: string; format: string; bytes: number; from: string; to: string; weeks: number; encounters: number; annualizedLeakageCents: number; weeklyLeakageCents: number };

function pdfText(file: string): string {
  const result = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

const filesDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-report-files-"));
const practiceFiles = await writePracticeFiles(filesDir, { seed: 7, weeks: 8, scale: 0.3, setting: "professional" });
const FILES = {
  feeSchedule: path.join(filesDir, "fee-schedule.csv"),
  sessions: path.join(filesDir, "sessions.csv"),
  mar: path.join(filesDir, "sessions-mar.csv"),
  claims: path.join(filesDir, "claims.csv"),
};
/** Every patient id (MRN) of the input files. */
const MRNS = [...new Set(readFileSync(FILES.sessions, "utf8").match(/SYN-P\d+/g) ?? [])];

afterAll(() => rmSync(filesDir, { recursive: true, force: true }));

describe.each(providers)("cli report on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let dataDir: string;
  let outDir: string;
  let db: Db;
  let organizationId: string;
  const saved = {
    DATABASE_URL: process.env.DATABASE_URL,
    DRIPAUDIT_DATA_DIR: process.env.DRIPAUDIT_DATA_DIR,
    DRIPAUDIT_PATIENT_KEY_SECRET: process.env.DRIPAUDIT_PATIENT_KEY_SECRET,
    DRIPAUDIT_PATIENT_ID_KEY: process.env.DRIPAUDIT_PATIENT_ID_KEY,
    CHROMIUM_PATH: process.env.CHROMIUM_PATH,
  };

  beforeAll(async () => {
    testDb = await create();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-report-data-"));
    outDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-report-out-"));
    process.env.DRIPAUDIT_DATA_DIR = dataDir;
    delete process.env.DRIPAUDIT_PATIENT_KEY_SECRET;
    delete process.env.DRIPAUDIT_PATIENT_ID_KEY;
    if (name === "postgresql") process.env.DATABASE_URL = testDb.databaseUrl;
    else delete process.env.DATABASE_URL;

    // One `import` per file: each waits for its own analysis (see report-demo.test.ts).
    for (const file of [FILES.feeSchedule, FILES.sessions, FILES.mar, FILES.claims]) {
      const imported = await cli(["import", "--org", PRACTICE, file]);
      expect({ code: imported.code, out: imported.out }).toMatchObject({ code: 0 });
    }
    db = createPrismaClient(name === "postgresql" ? testDb.target : resolveDatabaseTarget({ dataDir }));
    organizationId = (await db.organization.findFirstOrThrow({ where: { name: PRACTICE } })).id;
  }, 180_000);

  afterAll(async () => {
    await db?.$disconnect();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await testDb?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  test.skipIf(!hasChromium || !hasPdftotext)("the PDF's text holds the annualized and weekly leakage that `analyze` prints for the same files", async () => {
    const analyzed = await cli([
      "analyze", "--sessions", FILES.sessions, "--sessions", FILES.mar, "--claims", FILES.claims, "--rates", FILES.feeSchedule,
      "--setting", "professional", "--tz", "America/New_York",
    ]);
    expect(analyzed.code).toBe(0);
    const summary = (JSON.parse(analyzed.out) as { summary: { annualizedLeakageCents: number; weeklyLeakageCents: number; from: string; to: string } }).summary;
    expect(summary.annualizedLeakageCents).toBeGreaterThan(0);

    const out = path.join(outDir, "report.pdf");
    const result = await cli(["report", "--org", PRACTICE, "--format", "pdf", "--prepared-by", "Acme Revenue Partners", "--out", out]);
    expect(result.err).not.toMatch(/unexpected error/);
    expect(result.code).toBe(0);
    const line = JSON.parse(result.out) as TReportLine;
    expect(line).toMatchObject({ out, format: "pdf", annualizedLeakageCents: summary.annualizedLeakageCents, weeklyLeakageCents: summary.weeklyLeakageCents, from: summary.from });
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readFileSync(out).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(line.bytes).toBe(statSync(out).size);

    const text = pdfText(out);
    expect(text).toContain(formatDollars(summary.annualizedLeakageCents));
    expect(text).toContain(formatDollars(summary.weeklyLeakageCents));
    expect(text).toContain(PRACTICE);
    expect(text).toContain("Contains PHI");
    expect(text).toMatch(/Page 1 of \d+/);
  }, 120_000);

  test.skipIf(!hasChromium || !hasPdftotext)("--deidentify: no patient id of the input in the PDF nor the HTML; an identified HTML has them", async () => {
    expect(MRNS.length).toBeGreaterThan(10);
    const identified = path.join(outDir, "identified.html");
    expect((await cli(["report", "--org", PRACTICE, "--out", identified])).code).toBe(0);
    const identifiedHtml = readFileSync(identified, "utf8");
    expect(MRNS.some((mrn) => identifiedHtml.includes(mrn))).toBe(true);

    const html = path.join(outDir, "deidentified.html");
    const pdf = path.join(outDir, "deidentified.pdf");
    expect((await cli(["report", "--org", PRACTICE, "--deidentify", "--out", html])).code).toBe(0);
    expect((await cli(["report", "--org", PRACTICE, "--deidentify", "--out", pdf])).code).toBe(0);
    const texts = [readFileSync(html, "utf8"), pdfText(pdf)];
    for (const text of texts) {
      expect(MRNS.filter((mrn) => text.includes(mrn))).toEqual([]);
      expect(text).toContain("De-identified");
    }
  }, 120_000);

  test("HTML and workbook figures equal the overview's for the same (week-snapped) period", async () => {
    const practice = (await getDashboardOrganization(db, organizationId))!;
    const filters = parseDashboardFilters({ from: "2024-01-10", to: "2024-02-07" }, practice.weekStartsOn);
    expect(filters).toEqual({ from: "2024-01-08", to: "2024-02-11" });
    const overview = await getOverviewData(db, organizationId, await publishedVersion(db, organizationId), filters, practice.weekStartsOn);
    expect(overview.totals.leakageCents).toBeGreaterThan(0);

    const htmlOut = path.join(outDir, "period.html");
    const html = await cli(["report", "--org", PRACTICE, "--from", "2024-01-10", "--to", "2024-02-07", "--out", htmlOut]);
    expect(html.code).toBe(0);
    expect(JSON.parse(html.out)).toMatchObject({
      format: "html", from: "2024-01-08", to: "2024-02-11", weeks: 5, encounters: overview.encounters,
      annualizedLeakageCents: overview.totals.annualizedLeakageCents, weeklyLeakageCents: overview.totals.weeklyLeakageCents,
    });
    const text = readFileSync(htmlOut, "utf8");
    expect(text.startsWith("<!doctype html>")).toBe(true);
    expect(text).not.toMatch(/<script|<link|src="http|href="http/i);
    expect(text).toContain(formatDollars(overview.totals.annualizedLeakageCents));
    expect(text).toContain(formatDollars(overview.totals.weeklyLeakageCents));

    const xlsxOut = path.join(outDir, "period.xlsx");
    const xlsx = await cli(["report", "--org", PRACTICE, "--from", "2024-01-10", "--to", "2024-02-07", "--out", xlsxOut]);
    expect(xlsx.code).toBe(0);
    expect(JSON.parse(xlsx.out)).toMatchObject({ format: "xlsx", annualizedLeakageCents: overview.totals.annualizedLeakageCents });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsxOut);
    const sheet = workbook.getWorksheet(WORKBOOK_SHEETS.summary)!;
    const figures = new Map<string, unknown>();
    sheet.eachRow((row) => figures.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(figures.get(SUMMARY_LABELS.annualized)).toBe(overview.totals.annualizedLeakageCents / 100);
    expect(figures.get(SUMMARY_LABELS.weekly)).toBe(overview.totals.weeklyLeakageCents / 100);
    expect(figures.get(SUMMARY_LABELS.total)).toBe(overview.totals.leakageCents / 100);
    expect(workbook.getWorksheet(WORKBOOK_SHEETS.findings)!.rowCount).toBe(overview.totals.findings + overview.totals.complianceFindings + 1);
  }, 120_000);

  test("every report generated is an audit event: format, period, de-identified or not", async () => {
    const before = await db.auditEvent.count({ where: { organizationId, action: "reports.generated" } });
    expect(before).toBeGreaterThan(0);
    const out = path.join(outDir, "audited.html");
    expect((await cli(["report", "--org", PRACTICE, "--deidentify", "--sections", "summary,causes", "--out", out])).code).toBe(0);
    const events = await db.auditEvent.findMany({ where: { organizationId, action: "reports.generated" }, orderBy: { id: "desc" } });
    expect(events).toHaveLength(before + 1);
    expect(events[0]).toMatchObject({
      userId: null,
      address: "cli",
      subjectType: "report",
      detail: { format: "html", deidentified: true, period: { from: "2024-01-01" }, sections: ["summary", "causes"] },
    });
    expect(JSON.stringify(events.map((event) => event.detail))).not.toMatch(/SYN-P/);
  });

  describe("exit 1 with a plain message", () => {
    test("an unknown practice lists the practices", async () => {
      const result = await cli(["report", "--org", "Nowhere Clinic", "--format", "html", "--out", path.join(outDir, "x.html")]);
      expect(result).toMatchObject({ code: 1, out: "" });
      expect(result.err).toBe(`report: no practice named "Nowhere Clinic"; practices: "${PRACTICE}"\n`);
    });

    test("bad dates, and --from after --to", async () => {
      const bad = await cli(["report", "--org", PRACTICE, "--from", "2024-02-30", "--out", path.join(outDir, "x.html")]);
      expect(bad).toMatchObject({ code: 1, err: 'report: invalid --from "2024-02-30": expected a date as YYYY-MM-DD\n' });
      const reversed = await cli(["report", "--org", PRACTICE, "--from", "2024-03-01", "--to", "2024-01-01", "--out", path.join(outDir, "x.html")]);
      expect(reversed).toMatchObject({ code: 1, err: "report: --from 2024-03-01 is after --to 2024-01-01\n" });
    });

    test("an empty period names the (week-snapped) dates and the practice", async () => {
      const result = await cli(["report", "--org", PRACTICE, "--from", "2025-01-08", "--to", "2025-03-26", "--format", "html", "--out", path.join(outDir, "empty.html")]);
      expect(result.code).toBe(1);
      expect(result.err.split("\n").at(-2)).toBe(`report: No encounters between 2025-01-06 and 2025-03-30 in ${PRACTICE} — pick another period or import sessions.`);
      expect(existsSync(path.join(outDir, "empty.html"))).toBe(false);
    });

    test("no Chromium for a PDF says how to install it", async () => {
      process.env.CHROMIUM_PATH = path.join(outDir, "no-such-chromium");
      try {
        const result = await cli(["report", "--org", PRACTICE, "--out", path.join(outDir, "x.pdf")]);
        expect(result.code).toBe(1);
        expect(result.err).toMatch(/^report: PDF reports need Chromium on the server: install it with `sudo apt-get install chromium`.*Print → Save as PDF.*--format html/);
      } finally {
        if (saved.CHROMIUM_PATH === undefined) delete process.env.CHROMIUM_PATH;
        else process.env.CHROMIUM_PATH = saved.CHROMIUM_PATH;
      }
    });

    test("an --out path that cannot be written is refused before any work", async () => {
      const missing = await cli(["report", "--org", PRACTICE, "--format", "html", "--out", path.join(outDir, "no-such-folder", "r.html")]);
      expect(missing.code).toBe(1);
      expect(missing.err).toBe(`report: cannot write --out "${path.join(outDir, "no-such-folder", "r.html")}": the folder ${path.join(outDir, "no-such-folder")} does not exist\n`);
      const folder = path.join(outDir, "a-folder");
      mkdirSync(folder);
      const isFolder = await cli(["report", "--org", PRACTICE, "--format", "html", "--out", folder]);
      expect(isFolder).toMatchObject({ code: 1, err: `report: cannot write --out "${folder}": it is a folder\n` });
    });

    test("an unknown format or section, a missing --org or --out", async () => {
      expect(await cli(["report", "--org", PRACTICE, "--format", "docx", "--out", path.join(outDir, "x.docx")])).toMatchObject({
        code: 1,
        err: 'report: invalid --format "docx": expected pdf or html or xlsx\n',
      });
      expect((await cli(["report", "--org", PRACTICE, "--sections", "summary,gossip", "--out", path.join(outDir, "x.html")])).err).toMatch(/^report: invalid --sections "summary,gossip": expected some of summary, causes/);
      expect(await cli(["report", "--out", path.join(outDir, "x.html")])).toMatchObject({ code: 1, err: "report: report needs --org <practice>\n" });
      expect(await cli(["report", "--org", PRACTICE])).toMatchObject({ code: 1, err: "report: report needs --out <file>\n" });
    });
  });
});
