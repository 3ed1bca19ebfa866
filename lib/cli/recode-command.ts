/**
 * `recode <sessions.csv> [more files…]`: reads sessions (interval or MAR form), runs the coding
 * engine on every encounter and prints the canonical lines (spec §6).
 */
import { codeEncounter, DEFAULT_CODING_SETTINGS, ENGINE_VERSION } from "../coding/index";
import type { CodedLine, CodingSettings, CodingWarning } from "../coding/types";
import { isImportFileError } from "../import/import-file-error";
import type { MarActionKind } from "../import/normalize-mar-action";
import { parseColumnMapping } from "../import/parse-column-mapping";
import { readSessions } from "../import/read-sessions";
import type { RowError } from "../import/row-error";
import type { ImportedEncounter } from "../import/session-types";
import { isValidTimeZone } from "../import/to-time-point";
import { CliUsageError, type CliCommand, type CliIo } from "./cli-command";
import { createOutputWriter } from "./create-output-writer";
import { neutralizeCsvCell } from "./neutralize-csv-cell";
import { assertChoice, parseCommandArgs } from "./parse-command-args";

const DEFAULT_TIME_ZONE = "America/New_York";
const MAX_STDERR_ITEMS = 20;

const HELP = `Usage: npm run --silent cli -- recode <sessions.csv> [more files…] [options]

Recodes infusion encounters into CPT drug-administration lines (spec §6). Accepts the interval form
(one row per administration, §3.1) and the MAR event form (one row per MAR action, §3.2); the form
is detected from the headers (an "action" column means MAR).

Options:
  --setting facility|professional    billing setting (default facility; a "setting" column overrides per encounter)
  --tz Area/City                     IANA time zone of times without an offset
                                     (default: the TZ environment variable if set, else ${DEFAULT_TIME_ZONE})
  --midnight-rule encounter|calendarDay   one initial per encounter (CMS, default) or per calendar day (CPT)
  --missing-stop push|none           IV drug with no stop time: code as a push (default) or code nothing time-based
  --format json|csv                  output format (default json)
  --map <file.json | canonical=Header,…>   explicit column mapping (wins over header synonyms)
  --date-order auto|mdy|dmy          order of slashed dates like 03/04/2025 (default auto: settled from the
                                     file, month/day when nothing tells)
  --form auto|interval|mar           sessions form (default auto)
  --mar-action kind=Spelling,…       extra MAR action spellings; kind is start, restart, continue, end, push or ignore
  -h, --help                         show this help

Output (stdout), JSON:
  {"engineVersion":"…","encounters":[{"encounterId":"E1","dateOfService":"2025-03-04","lines":[{"code":"96413",
   "units":1,"modifiers":[],"explanation":"…","label":"…","administrationIds":["L2"],"dateOfService":"2025-03-04"}],
   "warnings":[{"code":"MISSING_STOP","administrationId":"L5","message":"…"}]}],
   "errors":[{"line":12,"column":"start","code":"BAD_DATE","message":"…"}]}
  Encounters in order of first appearance; lines in the engine's order; administration ids are "L<file line>"
  ("F2-L<line>" for the second file, and so on). Row errors carry "file" when several files are given.
CSV: one row per line: encounter_id,code,units,modifiers,date_of_service,explanation (modifiers ";"-separated;
  cells starting with = + - @ tab or CR are prefixed with '). Row errors go to stderr.

Exit status: 0 on success (row errors are reported in "errors"); 1 when a file is unreadable, empty or
binary, a required column is missing (the message lists the file's headers and the unmapped columns),
or an option is invalid.`;

type RecodeOptions = {
  files: string[];
  settings: CodingSettings;
  timeZone: string;
  format: "json" | "csv";
  mapArg?: string;
  dateOrder: "auto" | "MDY" | "DMY";
  form: "auto" | "interval" | "mar";
  marActions: Partial<Record<MarActionKind, string[]>>;
};

const MAR_KINDS: readonly MarActionKind[] = ["start", "restart", "continue", "end", "push", "ignore"];

function parseMarActions(value: string | undefined): Partial<Record<MarActionKind, string[]>> {
  const out: Partial<Record<MarActionKind, string[]>> = {};
  if (!value) return out;
  for (const part of value.split(",")) {
    const eq = part.indexOf("=");
    const kind = part.slice(0, eq).trim() as MarActionKind;
    const spelling = part.slice(eq + 1).trim();
    if (eq === -1 || !MAR_KINDS.includes(kind) || !spelling) {
      throw new CliUsageError(`invalid --mar-action ${JSON.stringify(part.trim())}: expected kind=Spelling with kind one of ${MAR_KINDS.join(", ")}`);
    }
    (out[kind] ??= []).push(spelling);
  }
  return out;
}

function parseRecodeArgs(args: string[], io: CliIo): RecodeOptions | "help" {
  const { values, positionals } = parseCommandArgs(args, {
    setting: { type: "string" },
    tz: { type: "string" },
    "midnight-rule": { type: "string" },
    "missing-stop": { type: "string" },
    format: { type: "string" },
    map: { type: "string" },
    "date-order": { type: "string" },
    form: { type: "string" },
    "mar-action": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return "help";
  if (positionals.length === 0) throw new CliUsageError("recode needs at least one sessions file (see recode --help)");

  const setting = assertChoice("setting", values.setting, ["facility", "professional"] as const, DEFAULT_CODING_SETTINGS.setting);
  const midnightRule = assertChoice("midnight-rule", values["midnight-rule"], ["encounter", "calendarDay"] as const, DEFAULT_CODING_SETTINGS.midnightRule);
  const missingStop = assertChoice("missing-stop", values["missing-stop"], ["push", "none"] as const, DEFAULT_CODING_SETTINGS.missingStop);
  const format = assertChoice("format", values.format, ["json", "csv"] as const, "json");
  const dateOrder = assertChoice("date-order", values["date-order"]?.toLowerCase(), ["auto", "mdy", "dmy"] as const, "auto");
  const form = assertChoice("form", values.form, ["auto", "interval", "mar"] as const, "auto");

  let timeZone: string;
  if (values.tz !== undefined) {
    if (!isValidTimeZone(values.tz)) throw new CliUsageError(`invalid --tz ${JSON.stringify(values.tz)}: not an IANA time zone (e.g. America/New_York)`);
    timeZone = values.tz;
  } else if (io.env.TZ) {
    if (!isValidTimeZone(io.env.TZ)) {
      throw new CliUsageError(`invalid TZ environment variable ${JSON.stringify(io.env.TZ)}: not an IANA time zone; pass --tz Area/City`);
    }
    timeZone = io.env.TZ;
  } else {
    timeZone = DEFAULT_TIME_ZONE;
  }

  const options: RecodeOptions = {
    files: positionals,
    settings: { ...DEFAULT_CODING_SETTINGS, setting, midnightRule, missingStop },
    timeZone,
    format,
    dateOrder: dateOrder === "auto" ? "auto" : dateOrder === "mdy" ? "MDY" : "DMY",
    form,
    marActions: parseMarActions(values["mar-action"]),
  };
  if (values.map !== undefined) options.mapArg = values.map;
  return options;
}

type RecodedEncounter = {
  imported: ImportedEncounter;
  lines: CodedLine[];
  warnings: CodingWarning[];
};

type OutputError = RowError & { file?: string };

function recodeOne(imported: ImportedEncounter, base: CodingSettings): RecodedEncounter | { error: string } {
  const settings: CodingSettings = { ...base };
  if (imported.meta.setting) settings.setting = imported.meta.setting;
  const year = Number(imported.meta.dateOfService.slice(0, 4));
  if (Number.isInteger(year) && year > 1900) settings.year = year;
  try {
    const result = codeEncounter(imported.encounter, settings);
    return { imported, lines: result.lines, warnings: [...result.warnings, ...imported.warnings] };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function encounterJson(r: RecodedEncounter): string {
  return JSON.stringify({
    encounterId: r.imported.meta.encounterId,
    dateOfService: r.imported.meta.dateOfService,
    lines: r.lines.map((l) => ({
      code: l.code,
      units: l.units,
      modifiers: l.modifiers,
      explanation: l.explanation,
      label: l.label,
      administrationIds: l.administrationIds,
      dateOfService: l.dateOfService,
    })),
    warnings: r.warnings.map((w) => ({ code: w.code, ...(w.administrationId !== undefined ? { administrationId: w.administrationId } : {}), message: w.message })),
  });
}

function errorJson(e: OutputError): string {
  return JSON.stringify({
    line: e.line,
    ...(e.column !== undefined ? { column: e.column } : {}),
    code: e.code,
    message: e.message,
    ...(e.file !== undefined ? { file: e.file } : {}),
  });
}

async function runRecode(args: string[], io: CliIo): Promise<number> {
  const parsed = parseRecodeArgs(args, io);
  if (parsed === "help") {
    io.stdout.write(`${HELP}\n`);
    return 0;
  }
  const diag = (text: string): void => {
    io.stderr.write(`${text}\n`);
  };

  let mapping: Record<string, string> | undefined;
  if (parsed.mapArg !== undefined) {
    try {
      mapping = await parseColumnMapping(parsed.mapArg);
    } catch (error) {
      if (isImportFileError(error)) throw new CliUsageError(error.message);
      throw error;
    }
  }

  const encounters: ImportedEncounter[] = [];
  const byId = new Map<string, ImportedEncounter>();
  const errors: OutputError[] = [];
  const multiFile = parsed.files.length > 1;
  for (const [fileIndex, file] of parsed.files.entries()) {
    let result;
    try {
      result = await readSessions(file, {
        timeZone: parsed.timeZone,
        ...(mapping ? { mapping } : {}),
        dateOrder: parsed.dateOrder,
        form: parsed.form,
        marActions: parsed.marActions,
        fileIndex,
        label: file,
      });
    } catch (error) {
      if (isImportFileError(error)) throw new CliUsageError(error.message);
      throw error;
    }
    diag(
      `recode: ${file}: ${result.form} form, ${result.rowCount} row(s), ${result.encounters.length} encounter(s), ${result.errors.length} row error(s); times in ${parsed.timeZone}`,
    );
    for (const notice of result.notices.slice(0, MAX_STDERR_ITEMS)) diag(`recode: ${file}${notice.line ? `:${notice.line}` : ""}: ${notice.message}`);
    if (result.notices.length > MAX_STDERR_ITEMS) diag(`recode: ${file}: … ${result.notices.length - MAX_STDERR_ITEMS} more notice(s)`);
    for (const e of result.errors) errors.push(multiFile ? { ...e, file } : e);
    for (const imported of result.encounters) {
      const existing = byId.get(imported.meta.encounterId);
      if (existing) {
        existing.encounter.administrations.push(...imported.encounter.administrations);
        existing.warnings.push(...imported.warnings);
      } else {
        byId.set(imported.meta.encounterId, imported);
        encounters.push(imported);
      }
    }
  }

  const out = createOutputWriter(io.stdout);
  if (parsed.format === "json") {
    await out.write(`{"engineVersion":${JSON.stringify(ENGINE_VERSION)},"encounters":[`);
    let first = true;
    for (const imported of encounters) {
      const r = recodeOne(imported, parsed.settings);
      if ("error" in r) {
        errors.push({ line: imported.meta.firstLine, code: "ENGINE_ERROR", message: `encounter ${imported.meta.encounterId}: ${r.error}` });
        continue;
      }
      await out.write(`${first ? "" : ","}${encounterJson(r)}`);
      first = false;
    }
    await out.write(`],"errors":[${errors.map(errorJson).join(",")}]}\n`);
  } else {
    await out.write("encounter_id,code,units,modifiers,date_of_service,explanation\r\n");
    for (const imported of encounters) {
      const r = recodeOne(imported, parsed.settings);
      if ("error" in r) {
        errors.push({ line: imported.meta.firstLine, code: "ENGINE_ERROR", message: `encounter ${imported.meta.encounterId}: ${r.error}` });
        continue;
      }
      for (const l of r.lines) {
        const cells = [imported.meta.encounterId, l.code, l.units, l.modifiers.join(";"), l.dateOfService, l.explanation];
        await out.write(`${cells.map(neutralizeCsvCell).join(",")}\r\n`);
      }
    }
    for (const e of errors.slice(0, MAX_STDERR_ITEMS)) {
      diag(`recode: ${e.file ?? parsed.files[0]}:${e.line}: ${e.code}${e.column ? ` (${e.column})` : ""}: ${e.message}`);
    }
    if (errors.length > MAX_STDERR_ITEMS) diag(`recode: … ${errors.length - MAX_STDERR_ITEMS} more row error(s)`);
  }
  await out.flush();
  return 0;
}

export const recodeCommand: CliCommand = {
  name: "recode",
  summary: "recode sessions (interval or MAR form) into CPT drug-administration lines",
  help: HELP,
  run: runRecode,
};
