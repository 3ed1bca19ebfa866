/**
 * `report --org NAME [--from --to] [--deidentify] [--format pdf|html|xlsx] --out FILE`: the client
 * report of one practice from the database, with the same generateReport as the Reports screen, so
 * its figures are the overview's for the same period. The operator at the server's console may
 * identify patients: the report shows MRNs unless --deidentify.
 */
import { constants } from "node:fs";
import { access, chmod, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseDashboardFilters } from "../dashboard/filters";
import { getDashboardOrganization } from "../db/dashboard";
import { CHROMIUM_INSTALL_HINT, resolveChromiumPath } from "../report/chromium";
import { generateReport } from "../report/generate-report";
import { recordReportGenerated } from "../report/report-audit";
import { REPORT_FORMATS, REPORT_SECTIONS, type TReportFormat, type TReportRequest, type TReportSection } from "../report/report-data";
import { isReportError } from "../report/report-error";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { findPracticeByName, listPracticesForCli, openCliDatabase } from "./cli-database";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const HELP = `Usage: npm run --silent cli -- report --org <practice> --out <file> [options]

Writes the client report of one practice from the database (DATABASE_URL, else the SQLite file in
DRIPAUDIT_DATA_DIR): the same document as the Reports screen — executive summary, leakage by cause,
weekly trend, breakdowns, documentation, denials, top findings with evidence, rebill candidates,
methodology. Its figures equal the overview's for the same practice and period.

Options:
  --org <practice>          the practice, by name
  --from YYYY-MM-DD         first day of the period (snapped back to the start of its week)
  --to YYYY-MM-DD           last day of the period (snapped forward to the end of its week);
                            without --from/--to: all the practice's data
  --deidentify              no patient ids (MRNs) anywhere: encounter ids and patient keys only
  --format pdf|html|xlsx    default: from the --out extension, else pdf. pdf needs Chromium
                            (/usr/bin/chromium, or CHROMIUM_PATH)
  --sections a,b,…          only these sections (${REPORT_SECTIONS.join(", ")}); default all
  --prepared-by <firm>      the consulting firm named on the cover
  --out <file>              the file to write (mode 0600; replaced if it exists)
  -h, --help                show this help

Output (stdout): one line of JSON: {"out","format","bytes","practice","from","to","weeks","encounters",
"deidentified","annualizedLeakageCents","weeklyLeakageCents"} (money in integer cents). Progress goes to stderr.

Exit status: 0 when the report was written; 1 on an unknown practice, a bad or reversed date, an
empty period, an unknown format or section, no Chromium for a PDF, or an --out path that cannot be
written (the message on stderr says which).`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of `at` in the practice's time zone (the report's "as of" day). */
function dateInTimeZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? "";

  return `${part("year")}-${part("month")}-${part("day")}`;
}

function checkDate(option: "from" | "to", value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new CliUsageError(`invalid --${option} ${JSON.stringify(value)}: expected a date as YYYY-MM-DD`);
  }

  return value;
}

function formatOf(requested: string | undefined, out: string): TReportFormat {
  if (requested !== undefined) return assertChoice("format", requested, REPORT_FORMATS, "pdf");
  const extension = path.extname(out).toLowerCase();
  if (extension === ".html" || extension === ".htm") return "html";
  if (extension === ".xlsx") return "xlsx";

  return "pdf";
}

function sectionsOf(value: string | undefined): TReportSection[] {
  if (value === undefined) return [...REPORT_SECTIONS];
  const names = value.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(REPORT_SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new CliUsageError(`invalid --sections ${JSON.stringify(value)}: expected some of ${REPORT_SECTIONS.join(", ")}`);
  }

  return REPORT_SECTIONS.filter((section) => names.includes(section));
}

/** The --out file can be written: its folder exists and is writable, and it is not itself a folder. */
async function checkOutPath(out: string): Promise<string> {
  const file = path.resolve(out);
  const folder = path.dirname(file);
  const folderInfo = await stat(folder).catch(() => null);
  if (!folderInfo?.isDirectory()) throw new CliUsageError(`cannot write --out ${JSON.stringify(out)}: the folder ${folder} does not exist`);
  try {
    await access(folder, constants.W_OK);
  } catch {
    throw new CliUsageError(`cannot write --out ${JSON.stringify(out)}: the folder ${folder} is not writable`);
  }
  const existing = await stat(file).catch(() => null);
  if (existing?.isDirectory()) throw new CliUsageError(`cannot write --out ${JSON.stringify(out)}: it is a folder`);

  return file;
}

/** Writes beside the target, 0600, and renames into place: the file appears only when complete. */
async function writePrivateFile(file: string, bytes: Buffer): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    await writeFile(partial, bytes, { mode: 0o600, flag: "wx" });
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function runReport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    org: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    deidentify: { type: "boolean" },
    format: { type: "string" },
    sections: { type: "string" },
    "prepared-by": { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])} (see report --help)`);
  const orgName = values.org?.trim();
  if (!orgName) throw new CliUsageError("report needs --org <practice>");
  if (!values.out?.trim()) throw new CliUsageError("report needs --out <file>");
  const from = checkDate("from", values.from);
  const to = checkDate("to", values.to);
  if (from && to && from > to) throw new CliUsageError(`--from ${from} is after --to ${to}`);
  const format = formatOf(values.format, values.out);
  const sections = sectionsOf(values.sections);
  const firmName = values["prepared-by"]?.replace(/\s+/g, " ").trim() || null;
  const chromiumPath = format === "pdf" ? resolveChromiumPath(process.env) : null;
  if (format === "pdf" && !chromiumPath) throw new CliUsageError(`${CHROMIUM_INSTALL_HINT} (or use --format html)`);
  const out = await checkOutPath(values.out);

  const { target, db } = await openCliDatabase(io, "report");
  try {
    const choice = findPracticeByName(await listPracticesForCli({ db, target }), orgName, "import files with `import --org`");
    const practice = await getDashboardOrganization(db, choice.id);
    if (!practice) throw new CliUsageError(`no practice named ${JSON.stringify(orgName)}`);

    const generatedAt = new Date();
    const request: TReportRequest = {
      organizationId: practice.id,
      // Whole weeks, exactly as the dashboard's date filter snaps them.
      filters: parseDashboardFilters({ ...(from ? { from } : {}), ...(to ? { to } : {}) }, practice.weekStartsOn),
      sections,
      deidentify: values.deidentify === true,
      preparedBy: { firmName, logoDataUrl: null, userName: null },
      asOf: dateInTimeZone(generatedAt, practice.timeZone),
      generatedAt: generatedAt.toISOString(),
    };

    let report;
    try {
      report = await generateReport(db, request, format, {
        mayIdentifyPatients: true,
        ...(chromiumPath ? { chromiumPath } : {}),
        onProgress: (step) => io.stderr.write(`report: ${Math.round(step.fraction * 100)}% ${step.label}\n`),
      });
    } catch (error) {
      if (isReportError(error)) throw new CliUsageError(error.message);
      throw error;
    }
    await writePrivateFile(out, report.bytes);
    const period = report.data.period;
    await recordReportGenerated(db, {
      organizationId: practice.id,
      actor: { userId: null, actorEmail: null, address: "cli" },
      format,
      deidentify: request.deidentify,
      from: period?.from ?? null,
      to: period?.to ?? null,
      sections,
    });

    const totals = report.data.overview.totals;
    io.stdout.write(
      `${JSON.stringify({
        out,
        format,
        bytes: report.bytes.length,
        practice: practice.name,
        from: period?.from ?? null,
        to: period?.to ?? null,
        weeks: period?.weeks ?? null,
        encounters: report.data.overview.encounters,
        deidentified: request.deidentify,
        annualizedLeakageCents: totals.annualizedLeakageCents,
        weeklyLeakageCents: totals.weeklyLeakageCents,
      })}\n`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export const reportCommand: CliCommand = {
  name: "report",
  summary: "write a practice's client report (PDF, HTML or Excel workbook) from the database",
  help: HELP,
  run: runReport,
};
