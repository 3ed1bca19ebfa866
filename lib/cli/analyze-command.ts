/**
 * `analyze --sessions <file> --claims <file> [--rates <file>]`: the whole leakage analysis of spec §5
 * without a database, through the same library code the app uses (`analyzePractice`).
 */
import { analyzePractice } from "../analysis/analyze-practice";
import type { FeeScheduleRate } from "../analysis/valuation";
import type { WeekStartsOn } from "../analysis/week-bucket";
import { DEFAULT_CODING_SETTINGS } from "../coding/index";
import type { ClaimLine, ProviderAdjustment } from "../import/claims/claim-line";
import { readClaimsFile } from "../import/claims/read-claims-file";
import type { ExplicitColumnMapping } from "../import/map-columns";
import { isImportFileError } from "../import/import-file-error";
import { parseColumnMapping } from "../import/parse-column-mapping";
import { readFeeSchedule } from "../import/read-fee-schedule";
import { readSessions } from "../import/read-sessions";
import type { ImportedEncounter } from "../import/session-types";
import { isValidTimeZone } from "../import/to-time-point";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const DEFAULT_TIME_ZONE = "America/New_York";
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

const HELP = `Usage: npm run --silent cli -- analyze --sessions <file> --claims <file> [options]

Recodes every encounter, nets claim versions, matches claim lines to encounters and reports the
leakage of spec §5: findings by cause (coding, documentation, payer), compliance exposure apart,
weekly series and annualized figures. Needs no database.

Options:
  --sessions <file>        sessions export, interval or MAR form (repeat for several files)
  --claims <file>          claims CSV or X12 835 remittance (repeat for several files; give 835s in paid-date order)
  --rates <file>           fee schedule CSV (payer, cpt, rate, effective_from, effective_to); values a unit
                           when the practice has fewer than 5 paid lines for that payer and code
  --setting facility|professional   the practice's billing setting (default facility, as a new practice's):
                           spec §3.1, an encounter is coded in the setting its rows give in a "setting"
                           column (facility/professional or a place of service, e.g. 11 = professional,
                           22 = facility; the first row that gives one decides), else in this one
  --tz Area/City           IANA time zone of times without an offset (default: TZ if set, else ${DEFAULT_TIME_ZONE})
  --from YYYY-MM-DD        first date of service in scope (with --to: weeks = days ÷ 7, spec §5.4)
  --to YYYY-MM-DD          last date of service in scope
  --week-start monday|sunday|…      first day of the week (default monday)
  --map <file.json | canonical=Header,…>   column mapping applied to every input file
  --format json            output format (json only)
  -h, --help               show this help

Output (stdout), JSON:
  {"engineVersion","summary":{"from","to","weeks","encounters","lostAddOnHours","lostAddOnHoursPerWeek",
   "leakageCents","weeklyLeakageCents","annualizedLeakageCents","byCause":{"coding","documentation","payer"},
   "complianceExposureCents","recoveredCents"},"weekly":[{"weekStart","lostAddOnHours","leakageCents","byCause"}],
   "byCode":[{"code","units","leakageCents","findings"}],"findings":[{"encounterId","dateOfService","payer",
   "kind","cause","code","units","valueCents","valueSource","isEstimate","explanation"}],
   "recovered":[{"encounterId","kind","code","units","recoveredCents","claimId","paidDate",
   "outcome":"recovered|partially_recovered|denied_again"}],"claimMatching":{"matchedLines","unmatchedLines","ambiguousLines"},"errors":[{"file","line","code","message"}]}
  Money is integer cents. Documentation findings are estimates ("isEstimate": true).
  A claim with a later correction or replacement (claim_frequency 7, or another version in an 835)
  is also analyzed as first billed: "recovered" lists what the correction paid for those findings,
  and "findings" are the ones still open after it.

Exit status: 0 on success (row errors are listed in "errors"); 1 when a file cannot be read, a required
column is missing, or an option is invalid.`;

type AnalyzeOptions = {
  sessions: string[];
  claims: string[];
  rates?: string;
  setting: "facility" | "professional";
  timeZone: string;
  weekStartsOn: WeekStartsOn;
  dateFilter?: { from: string; to: string };
  mapArg?: string;
};

function parseAnalyzeArgs(args: string[], io: CliIo): AnalyzeOptions | "help" {
  const { values, positionals } = parseCommandArgs(args, {
    sessions: { type: "string", multiple: true },
    claims: { type: "string", multiple: true },
    rates: { type: "string" },
    setting: { type: "string" },
    tz: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "week-start": { type: "string" },
    map: { type: "string" },
    format: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return "help";
  if (positionals.length > 0) throw new CliUsageError(`unexpected argument ${JSON.stringify(positionals[0])}: name files with --sessions and --claims`);
  if (!values.sessions?.length) throw new CliUsageError("analyze needs --sessions <file> (see analyze --help)");
  if (!values.claims?.length) throw new CliUsageError("analyze needs --claims <file> (see analyze --help)");
  assertChoice("format", values.format, ["json"] as const, "json");
  const setting = assertChoice("setting", values.setting, ["facility", "professional"] as const, DEFAULT_CODING_SETTINGS.setting);
  const weekStart = assertChoice("week-start", values["week-start"]?.toLowerCase(), WEEKDAYS, "monday");

  const timeZone = values.tz ?? io.env.TZ ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone)) throw new CliUsageError(`invalid ${values.tz ? "--tz" : "TZ"} ${JSON.stringify(timeZone)}: not an IANA time zone (e.g. America/New_York)`);

  if ((values.from === undefined) !== (values.to === undefined)) throw new CliUsageError("--from and --to go together");
  let dateFilter: AnalyzeOptions["dateFilter"];
  if (values.from !== undefined && values.to !== undefined) {
    for (const [name, value] of [["from", values.from], ["to", values.to]] as const) {
      if (!ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new CliUsageError(`invalid --${name} ${JSON.stringify(value)}: expected YYYY-MM-DD`);
    }
    if (values.to < values.from) throw new CliUsageError(`--to ${values.to} is before --from ${values.from}`);
    dateFilter = { from: values.from, to: values.to };
  }

  return {
    sessions: values.sessions,
    claims: values.claims,
    ...(values.rates !== undefined ? { rates: values.rates } : {}),
    setting,
    timeZone,
    weekStartsOn: WEEKDAYS.indexOf(weekStart) as WeekStartsOn,
    ...(dateFilter ? { dateFilter } : {}),
    ...(values.map !== undefined ? { mapArg: values.map } : {}),
  };
}

type OutputError = { file: string; line?: number; column?: string; code: string; message: string };

async function readInputs(options: AnalyzeOptions, mapping: ExplicitColumnMapping | undefined, diag: (text: string) => void) {
  const errors: OutputError[] = [];
  const encounters: ImportedEncounter[] = [];
  const byId = new Map<string, ImportedEncounter>();
  for (const [fileIndex, file] of options.sessions.entries()) {
    const result = await readSessions(file, { timeZone: options.timeZone, ...(mapping ? { mapping } : {}), fileIndex, label: file });
    diag(`analyze: ${file}: ${result.form} form, ${result.rowCount} row(s), ${result.encounters.length} encounter(s), ${result.errors.length} row error(s)`);
    for (const error of result.errors) errors.push({ file, ...error });
    for (const imported of result.encounters) {
      const existing = byId.get(imported.meta.encounterId);
      if (existing) {
        existing.encounter.administrations.push(...imported.encounter.administrations);
        // Spec §3.1: a setting given on any row of the encounter wins over the practice default.
        if (!existing.meta.setting && imported.meta.setting) existing.meta.setting = imported.meta.setting;
      }
      else {
        byId.set(imported.meta.encounterId, imported);
        encounters.push(imported);
      }
    }
  }

  const claimLines: ClaimLine[] = [];
  const providerAdjustments: ProviderAdjustment[] = [];
  for (const file of options.claims) {
    const result = await readClaimsFile(file, { file, ...(mapping ? { map: mapping } : {}) });
    const fatal = result.errors.find((error) => error.fatal);
    if (fatal) throw new CliUsageError(`${file}: ${fatal.message}`);
    diag(`analyze: ${file}: ${result.format}, ${result.lines.length} claim line(s), ${result.errors.length} error(s), ${result.warnings.length} warning(s)`);
    for (const error of result.errors) {
      errors.push({ file, ...(error.line !== undefined ? { line: error.line } : {}), ...(error.column ? { column: error.column } : {}), code: error.code, message: error.message });
    }
    // Not push(...lines): a large remittance would overflow the call stack.
    for (const line of result.lines) claimLines.push(line);
    for (const payment of result.payments ?? []) providerAdjustments.push(...payment.providerAdjustments);
  }

  let feeSchedule: FeeScheduleRate[] = [];
  if (options.rates !== undefined) {
    const result = await readFeeSchedule(options.rates, { ...(mapping ? { explicit: mapping } : {}), label: options.rates });
    diag(`analyze: ${options.rates}: ${result.rates.length} rate(s), ${result.errors.length} row error(s)`);
    for (const error of result.errors) errors.push({ file: options.rates, ...error });
    feeSchedule = result.rates;
  }
  return { encounters, claimLines, providerAdjustments, feeSchedule, errors };
}

async function runAnalyze(args: string[], io: CliIo): Promise<number> {
  const options = parseAnalyzeArgs(args, io);
  if (options === "help") {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const diag = (text: string) => void io.stderr.write(`${text}\n`);
  let inputs: Awaited<ReturnType<typeof readInputs>>;
  try {
    const mapping = options.mapArg !== undefined ? await parseColumnMapping(options.mapArg) : undefined;
    inputs = await readInputs(options, mapping, diag);
  } catch (error) {
    if (isImportFileError(error)) throw new CliUsageError(error.message);
    throw error;
  }

  const analysis = analyzePractice({
    encounters: inputs.encounters,
    claimLines: inputs.claimLines,
    providerAdjustments: inputs.providerAdjustments,
    feeSchedule: inputs.feeSchedule,
    codingSettings: { ...DEFAULT_CODING_SETTINGS, setting: options.setting },
    weekStartsOn: options.weekStartsOn,
    ...(options.dateFilter ? { dateFilter: options.dateFilter } : {}),
  });
  if (!analysis.summary) diag("analyze: no encounters in scope: nothing to analyze");
  const { matchedLines, unmatchedLines, ambiguousLines } = analysis.claimMatching;
  diag(`analyze: ${analysis.encounters.length} encounter(s); claim lines matched ${matchedLines}, unmatched ${unmatchedLines}, ambiguous ${ambiguousLines}`);

  const output = {
    engineVersion: analysis.engineVersion,
    summary: analysis.summary && { ...analysis.summary, recoveredCents: analysis.recoveredCents },
    weekly: analysis.weekly,
    byCode: analysis.byCode,
    findings: analysis.findings.map((finding) => ({
      encounterId: finding.encounterId,
      dateOfService: finding.dateOfService,
      payer: finding.payer,
      kind: finding.kind,
      cause: finding.cause,
      code: finding.code,
      units: finding.units,
      valueCents: finding.valueCents,
      valueSource: finding.valueSource,
      isEstimate: finding.isEstimate,
      claimId: finding.claimId,
      explanation: finding.explanation,
    })),
    recovered: analysis.recovered,
    claimMatching: analysis.claimMatching,
    errors: inputs.errors,
  };
  io.stdout.write(`${JSON.stringify(output)}\n`);
  return 0;
}

export const analyzeCommand: CliCommand = {
  name: "analyze",
  summary: "leakage analysis of sessions against claims (no database)",
  help: HELP,
  run: runAnalyze,
};
