/**
 * Streams a sessions file (spec §3.1 interval form or §3.2 MAR event form, detected from the headers:
 * an `action` column means MAR) as batches of engine `Encounter`s with their metadata, row errors and
 * notices. `readSessions` collects the whole file; importers that must bound memory use this with
 * `contiguous: true`.
 *
 * An encounter is only known to be complete at the end of the file, unless the file keeps each
 * encounter's rows together (`contiguous: true`): then an encounter is emitted as soon as a row of
 * another encounter follows it. Rows whose slashed dates cannot tell month/day from day/month are
 * held back until a later row settles the order for the file (or the file ends: US month/day), so
 * one file is read with one date order.
 */
import type { Administration } from "../coding/types";
import { ImportFileError } from "./import-file-error";
import { createEncounterCollector, type EncounterCollector } from "./collect-encounters";
import { createStringInterner } from "./intern-strings";
import { createHeaderDetector, describeAmbiguous, mapColumns, type ColumnMap, type ExplicitColumnMapping } from "./map-columns";
import { createMarActionNormalizer, type MarActionKind } from "./normalize-mar-action";
import { normalizeHeader } from "./normalize-header";
import { pairMarEvents, type MarEvent } from "./pair-mar-events";
import { parseIntervalRow, type ParsedSessionRow, type SessionRowContext } from "./parse-interval-row";
import { parseMarRow } from "./parse-mar-row";
import { inferDateOrder, isAmbiguousSlashDate, type DateOrder } from "./parse-local-date-time";
import { readCsvRows, type CsvRow, type CsvSource } from "./read-csv-rows";
import type { ImportNotice, RowError } from "./row-error";
import { SESSION_INTERVAL_COLUMNS, SESSION_MAR_COLUMNS } from "./sessions-columns";
import type { ImportedEncounter, SessionsForm } from "./session-types";
import { isValidTimeZone } from "./to-time-point";

export type ReadSessionsOptions = {
  /** IANA zone of date-times without an offset (the organization's zone). */
  timeZone: string;
  /** Explicit `canonical → header` mapping (`--map`); wins over synonyms. */
  mapping?: ExplicitColumnMapping;
  /** `auto` (default): settle month/day vs day/month from the file, US month/day when it never tells. */
  dateOrder?: DateOrder | "auto";
  /** `auto` (default): MAR when there is an `action` column. */
  form?: SessionsForm | "auto";
  /** Extra MAR action spellings per kind. */
  marActions?: Partial<Record<MarActionKind, readonly string[]>>;
  /** See `SessionRowContext.stopBeforeStart` (default `engine`). */
  stopBeforeStart?: "engine" | "error";
  /** Index of this file in a multi-file run: ids of files after the first get an `F<n>-` prefix. */
  fileIndex?: number;
  /** File name for messages. */
  label?: string;
  delimiter?: string;
  chunkSize?: number;
  /** Most rows held back while the date order is undecided (default 100,000; then month/day). */
  maxPendingRows?: number;
  /**
   * The file keeps each encounter's rows together: emit encounters as soon as they are complete
   * (memory bounded by one batch). If an emitted encounter's id shows up again, its later rows form
   * a second encounter with the same id and an `ENCOUNTER_NOT_CONTIGUOUS` notice. Default false.
   */
  contiguous?: boolean;
};

/** What is known about the file so far (complete on the last batch). */
export type SessionsFileInfo = {
  form: SessionsForm;
  /** Canonical column → file header actually used. */
  columns: Record<string, string>;
  headers: string[];
  dateOrder: DateOrder;
  /** Data rows read (excluding header, preamble, blank and totals rows). */
  rowCount: number;
};

export type SessionsBatch = {
  /** Encounters completed in this batch, in order of first appearance. */
  encounters: ImportedEncounter[];
  /** Row errors found in this batch, by line. */
  errors: RowError[];
  notices: ImportNotice[];
  info: SessionsFileInfo;
  /** True on the last batch. */
  done: boolean;
};

const DATE_COLUMNS: Record<SessionsForm, readonly string[]> = {
  interval: ["start", "stop", "date_of_service", "start_date", "stop_date"],
  mar: ["time", "date_of_service"],
};

function detectForm(headers: readonly string[], mapping: ExplicitColumnMapping | undefined): SessionsForm {
  const keys = new Set(headers.map(normalizeHeader));
  if (mapping?.action && keys.has(normalizeHeader(mapping.action))) return "mar";
  const actionSpec = SESSION_MAR_COLUMNS.find((c) => c.name === "action")!;
  return [actionSpec.name, ...(actionSpec.synonyms ?? [])].some((s) => keys.has(normalizeHeader(s))) ? "mar" : "interval";
}

/**
 * Streams one sessions file in batches. Throws `ImportFileError` for whole-file problems
 * (unreadable, empty, binary, missing required columns); every bad row becomes a `RowError` and the
 * rest is kept.
 * @example
 * for await (const batch of streamSessions("sorted.csv", { timeZone: "America/New_York", contiguous: true })) {
 *   await save(batch.encounters, batch.errors);
 * }
 */
export async function* streamSessions(source: CsvSource, options: ReadSessionsOptions): AsyncGenerator<SessionsBatch> {
  if (!isValidTimeZone(options.timeZone)) {
    throw new ImportFileError("BAD_OPTION", `unknown time zone ${JSON.stringify(options.timeZone)}`);
  }
  const label = options.label ?? (typeof source === "string" ? source : "input");
  const fileIndex = options.fileIndex ?? 0;
  const isHeaderRow = createHeaderDetector([...SESSION_INTERVAL_COLUMNS, ...SESSION_MAR_COLUMNS], options.mapping ? { explicit: options.mapping } : {});
  const normalizeAction = createMarActionNormalizer(options.marActions ?? {});
  const maxPending = options.maxPendingRows ?? 100_000;

  const errors: RowError[] = [];
  const notices: ImportNotice[] = [];
  let form: SessionsForm | undefined;
  let columns: ColumnMap = {};
  let headers: string[] = [];
  let dateColumns: number[] = [];
  let rowCount = 0;

  let dateOrder: DateOrder | undefined = options.dateOrder === "MDY" || options.dateOrder === "DMY" ? options.dateOrder : undefined;
  const pending: CsvRow[] = [];

  const intervals = createEncounterCollector<Administration>(fileIndex);
  const events = createEncounterCollector<MarEvent>(fileIndex);
  const intern = createStringInterner();

  const ctx = (): SessionRowContext => ({
    timeZone: options.timeZone,
    dateOrder: dateOrder ?? "MDY",
    idPrefix: fileIndex > 0 ? `F${fileIndex + 1}-` : "",
    intern,
    stopBeforeStart: options.stopBeforeStart ?? "engine",
  });
  let rowContext = ctx();

  const processRow = (row: CsvRow): void => {
    if (form === "mar") {
      const parsed = parseMarRow(row.cells, row.line, columns, rowContext, normalizeAction);
      accept(parsed, events);
    } else {
      const parsed = parseIntervalRow(row.cells, row.line, columns, rowContext);
      accept(parsed, intervals);
    }
  };
  function accept<T>(parsed: ParsedSessionRow<T>, collector: EncounterCollector<T>): void {
    if (!parsed.ok) {
      for (const e of parsed.errors) errors.push(e);
      return;
    }
    collector.add(parsed.meta, parsed.item, parsed.start, parsed.warnings);
  }

  const settleDateOrder = (order: DateOrder, reason: string): void => {
    dateOrder = order;
    rowContext = ctx();
    notices.push({ code: "DATE_ORDER", message: `${label}: dates read as ${order === "MDY" ? "month/day/year" : "day/month/year"} (${reason})` });
    for (const row of pending) processRow(row);
    pending.length = 0;
  };

  const handleRow = (row: CsvRow): void => {
    rowCount++;
    if (dateOrder === undefined) {
      let ambiguous = false;
      for (const index of dateColumns) {
        const value = row.cells[index];
        if (!value) continue;
        const inferred = inferDateOrder(value);
        if (inferred) {
          settleDateOrder(inferred, `line ${row.line} has ${JSON.stringify(value.trim())}`);
          processRow(row);
          return;
        }
        if (isAmbiguousSlashDate(value)) ambiguous = true;
      }
      if (ambiguous || pending.length > 0) {
        pending.push(row);
        if (pending.length >= maxPending) settleDateOrder("MDY", `no date in the first ${maxPending} rows settled the order; US default`);
        return;
      }
    }
    processRow(row);
  };

  const info = (): SessionsFileInfo => {
    const columnHeaders: Record<string, string> = {};
    for (const [name, index] of Object.entries(columns)) columnHeaders[name] = headers[index] ?? "";
    return { form: form ?? "interval", columns: columnHeaders, headers, dateOrder: dateOrder ?? "MDY", rowCount };
  };

  const toEncounters = (all: boolean): ImportedEncounter[] => {
    const out: ImportedEncounter[] = [];
    if (form === "mar") {
      for (const group of all ? events.finish() : events.takeCompleted()) {
        const paired = pairMarEvents(group.items);
        for (const e of paired.errors) errors.push(e);
        const warnings = group.warnings;
        for (const w of paired.warnings) warnings.push(w);
        out.push({ encounter: { id: group.meta.encounterId, administrations: paired.administrations }, meta: group.meta, warnings });
      }
      for (const n of events.notices.splice(0)) notices.push(n);
    } else {
      for (const group of all ? intervals.finish() : intervals.takeCompleted()) {
        out.push({ encounter: { id: group.meta.encounterId, administrations: group.items }, meta: group.meta, warnings: group.warnings });
      }
      for (const n of intervals.notices.splice(0)) notices.push(n);
    }
    return out;
  };

  const batchOf = (encounters: ImportedEncounter[], done: boolean): SessionsBatch => {
    const batch: SessionsBatch = { encounters, errors: errors.splice(0).sort((a, b) => a.line - b.line), notices: notices.splice(0), info: info(), done };
    return batch;
  };

  for await (const batch of readCsvRows(source, {
    isHeaderRow,
    label,
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
  })) {
    if (form === undefined) {
      headers = batch.headers;
      form = options.form === "mar" || options.form === "interval" ? options.form : detectForm(headers, options.mapping);
      const specs = form === "mar" ? SESSION_MAR_COLUMNS : SESSION_INTERVAL_COLUMNS;
      const mapped = mapColumns(headers, specs, { ...(options.mapping ? { explicit: options.mapping } : {}), label });
      columns = mapped.columns;
      dateColumns = DATE_COLUMNS[form].map((c) => columns[c]).filter((i): i is number => i !== undefined);
      for (const name of mapped.duplicates) {
        notices.push({ line: batch.headerLine, code: "DUPLICATE_HEADER", message: `more than one column matches ${name}; the first was used` });
      }
      for (const ambiguous of mapped.ambiguous) {
        notices.push({ line: batch.headerLine, code: "AMBIGUOUS_COLUMN", message: `${describeAmbiguous([ambiguous])}; it was not imported (map ${ambiguous.column} to one header)` });
      }
      if (mapped.unknownMappings.length > 0) {
        notices.push({ code: "UNUSED_MAPPING", message: `--map entries not used for ${form} sessions: ${mapped.unknownMappings.join(", ")}` });
      }
    }
    for (const e of batch.errors) errors.push(e);
    for (const n of batch.notices) notices.push(n);
    for (const row of batch.rows) handleRow(row);
    if (options.contiguous) yield batchOf(toEncounters(false), false);
  }
  if (dateOrder === undefined) {
    if (pending.length > 0) settleDateOrder("MDY", "no date in the file settled the order; US default");
    else dateOrder = "MDY";
  }
  yield batchOf(toEncounters(true), true);
}
