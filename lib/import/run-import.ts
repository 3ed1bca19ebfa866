/**
 * `runImport`: imports one file into an organization — the code path of both the /imports UI
 * and the CLI `import` command. Atomic (one data transaction per file), idempotent (same bytes =
 * duplicate, nothing changes) and streaming where the readers allow (docs/imports.md).
 *
 * Phases: hashing (sha256 of the bytes) → parsing (the kind's reader; rows become data or row
 * errors) → writing (one transaction: supersede, insert, row errors; for sessions the
 * "recoding" phase writes encounters chunk by chunk and recodes them with the engine) → done.
 * A file-level problem gives a `failed` batch (or `needs_mapping` when required columns are
 * missing) and writes no data rows.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { describeDatabaseError, getDb, type Db, type DatabaseTarget } from "@/lib/db";
import {
  createRunningBatch,
  failBatch,
  findBatchWeeks,
  findSucceededBatchByHash,
  finishBatch,
  getSavedColumnMappings,
  ImportAbortedError,
  loadCodingSettings,
  openBulkWriter,
  recoverInterruptedBatches,
  refreshPlannerStatistics,
  releaseBatch,
  saveColumnMapping,
  createClaimsAppender,
  writeClaims,
  writeProviderAdjustments,
  writeDrugCatalog,
  writeFeeSchedule,
  type BulkWriter,
  type ImportErrorRow,
  type WriteContext,
} from "@/lib/db/import";
import { writeImportErrors } from "@/lib/db/import/write-context";
import { recomputeAfterImport } from "@/lib/analysis/recompute-triggers";
import { getEnv } from "@/lib/env";
import { loadPatientIdKeyFromEnv } from "@/lib/security/patient-id-seal";
import { loadPatientKeySecret } from "@/lib/security/patient-key";
import type { ClaimsIssue, ClaimsReadResult } from "./claims/claim-line";
import { readClaimsFile } from "./claims/read-claims-file";
import { readCsvHeaders, scoreCsvKinds, sniffFile, type DetectedKind } from "./detect-import-kind";
import { isImportFileError } from "./import-file-error";
import { limitMessage, MAX_RAW_ROW_CHARS, shortenValue } from "./limit-text";
import { stream835 } from "./x12/read-835";
import { collectRawLines } from "./import-raw-lines";
import { readDrugCatalog } from "./read-drug-catalog";
import { readFeeSchedule } from "./read-fee-schedule";
import type { ImportNotice, RowError } from "./row-error";
import { importSessions, type SessionsImportResult } from "./import-sessions";

export type ImportKind = "sessions" | "mar" | "claims" | "remittance_835" | "fee_schedule" | "drug_catalog";
export type ImportPhase = "hashing" | "parsing" | "writing" | "recoding" | "done" | "failed";
export type ImportProgress = { phase: ImportPhase; bytesRead: number; bytesTotal: number; rowsRead: number; rowsWritten: number };
export type ImportCounts = {
  rowsTotal: number;
  rowsImported: number;
  rowsFailed: number;
  warnings: number;
  encounters: number;
  administrations: number;
  claimLines: number;
  codedLines: number;
  superseded: number;
};
export type ImportOutcome = {
  status: "succeeded" | "duplicate" | "failed" | "needs_mapping";
  batchId: number | null;
  kind: ImportKind | null;
  fileName: string;
  counts: ImportCounts;
  /** One plain sentence for the user. */
  message: string;
  missingColumns?: { headers: string[]; unmapped: string[]; kind: ImportKind };
  /** sha256 of the file's bytes (hex), when it could be read. */
  contentHash?: string;
  /** The column mapping the reader used (canonical → header), for CSV kinds. */
  columns?: Record<string, string>;
  /**
   * Row errors and warnings found (`total`) and kept as ImportError rows (`stored`): at most
   * MAX_STORED_ISSUES of each are kept, plus one ISSUES_NOT_STORED row saying how many were not.
   */
  issues?: { total: number; stored: number };
};
export type RunImportInput = {
  organizationId: string;
  filePath: string;
  fileName: string;
  /** Column mapping is saved per organization + sourceName + kind and reused. */
  sourceName?: string;
  /** Else detected from content/headers. */
  kind?: ImportKind;
  /** canonical column → file header; saved (with sourceName) when the import succeeds. */
  mapping?: Record<string, string>;
  userId?: string;
  /** The client address of whoever started the import (the audit trail's import.created). */
  address?: string;
  /** Called at phase changes and about every PROGRESS_INTERVAL_MS while bytes are read or rows written. */
  onProgress?: (progress: ImportProgress) => void;
  /** Aborting rolls back everything (the batch is kept as failed, "cancelled"). */
  signal?: AbortSignal;
  /** The database (default: the app's, getDb()). */
  database?: { db: Db; target: DatabaseTarget };
  /** Patient-key secret (default: DRIPAUDIT_PATIENT_KEY_SECRET or the data folder's secret file). */
  patientKeySecret?: string;
  /** Key that seals patient ids (default: DRIPAUDIT_PATIENT_ID_KEY or the data folder's key file). */
  patientIdKey?: Buffer;
  /** Rows per insert chunk between event-loop yields (default 2,000). */
  chunkRows?: number;
  /**
   * Recompute the organization's findings for the weeks the import touched once it commits
   * (default true). It runs in the background; `whenRecomputesIdle()` waits for it. A loader that
   * imports several files and recomputes once at the end passes false.
   */
  analyze?: boolean;
  /** Called once the import committed, with the weeks it touched (an import process hands them to the server, which recomputes). */
  onCommitted?: (weeks: readonly string[] | "all") => void;
};

/**
 * Row errors (and, separately, warnings) stored per batch: the first ones in file order are kept
 * with their raw rows, the rest only counted (a file of 300,000 bad rows stays a small batch).
 */
export const MAX_STORED_ISSUES = 10_000;

/** How often progress is reported while a phase runs (a smooth bar, few messages). */
const PROGRESS_INTERVAL_MS = 200;

/** True at most once per `intervalMs`. */
function createProgressThrottle(intervalMs = PROGRESS_INTERVAL_MS): () => boolean {
  let last = 0;
  return () => {
    const now = performance.now();
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}

const KIND_LABELS: Record<ImportKind, string> = {
  sessions: "sessions",
  mar: "MAR sessions",
  claims: "claims",
  remittance_835: "835 remittance",
  fee_schedule: "fee schedule",
  drug_catalog: "drug catalog",
};

function zeroCounts(): ImportCounts {
  return { rowsTotal: 0, rowsImported: 0, rowsFailed: 0, warnings: 0, encounters: 0, administrations: 0, claimLines: 0, codedLines: 0, superseded: 0 };
}

const fmt = (n: number): string => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`): string => `${fmt(n)} ${n === 1 ? one : many}`;
const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, " ").trim();

/** One import at a time per database in this process (SQLite has one writer; this also keeps the event loop free of lock waits). */
const queues = new Map<string, Promise<unknown>>();
function serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(task, task);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/** The key under which this process registers the batches it runs (recovery must use the same). */
export function targetKey(target: DatabaseTarget): string {
  return target.provider === "sqlite" ? `sqlite:${target.filePath}` : `pg:${target.url}:${target.schema}`;
}

async function hashFile(filePath: string, bytesTotal: number, report: (bytes: number) => void, signal?: AbortSignal): Promise<string> {
  const hash = createHash("sha256");
  let bytes = 0;
  let lastReport = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (signal?.aborted) throw new ImportAbortedError();
    hash.update(chunk);
    bytes += chunk.length;
    if (bytes - lastReport >= 16 << 20 || bytes === bytesTotal) {
      lastReport = bytes;
      report(bytes);
    }
  }
  return hash.digest("hex");
}

/** A byte stream of the file that reports bytes and line breaks read, and stops on abort. */
function progressStream(filePath: string, onChunk: (bytes: number, lineBreaks: number) => void, signal?: AbortSignal): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(filePath, { highWaterMark: 256 << 10 }) as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw new ImportAbortedError();
      let breaks = 0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) breaks++;
      onChunk(chunk.length, breaks);
      yield chunk;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

const firstIssues = <T>(issues: readonly T[]): readonly T[] => (issues.length > MAX_STORED_ISSUES ? issues.slice(0, MAX_STORED_ISSUES) : issues);

const limitRaw = (raw: string | null | undefined): string | null => (raw == null ? null : shortenValue(raw, MAX_RAW_ROW_CHARS));

/** The first MAX_STORED_ISSUES row errors as ImportError rows, each with its raw row (the file line). */
function rowErrorsToImportErrors(errors: readonly RowError[], raw: Map<number, string>): ImportErrorRow[] {
  return firstIssues(errors).map((e) => ({
    line: e.line,
    column: e.column ?? null,
    code: e.code,
    message: limitMessage(e.message),
    severity: "error",
    rawRow: limitRaw(raw.get(e.line)),
  }));
}

function noticesToImportErrors(notices: readonly ImportNotice[]): ImportErrorRow[] {
  return firstIssues(notices).map((n) => ({ line: n.line ?? 0, column: null, code: n.code, message: limitMessage(n.message), severity: "warning", rawRow: null }));
}

/**
 * The first MAX_STORED_ISSUES claims issues as ImportError rows. The raw row of a CSV error is its
 * file line; that of an 835 error is its segment's text only (`segmentText`), never the file line,
 * which in a one-line 835 holds other patients' claims.
 */
function claimsIssuesToImportErrors(issues: readonly ClaimsIssue[], severity: "error" | "warning", raw: Map<number, string> | "segment"): ImportErrorRow[] {
  return firstIssues(issues).map((e) => ({
    line: e.line ?? 0,
    column: e.column ?? null,
    code: e.code,
    message: limitMessage(e.message),
    severity,
    rawRow: raw === "segment" ? limitRaw(e.segmentText) : e.line !== undefined ? limitRaw(raw.get(e.line)) : null,
  }));
}

/** Lines of the stored (first MAX_STORED_ISSUES) errors: the only raw rows worth reading back. */
function storedLines(issues: readonly { line?: number }[]): Set<number> {
  const lines = new Set<number>();
  for (const e of firstIssues(issues)) if (e.line !== undefined) lines.add(e.line);
  return lines;
}

/** One warning row saying how many issues were found but not stored, when some were not. */
function notStoredRow(errorsTotal: number, warningsTotal: number): ImportErrorRow[] {
  const errors = Math.max(0, errorsTotal - MAX_STORED_ISSUES);
  const warnings = Math.max(0, warningsTotal - MAX_STORED_ISSUES);
  if (errors === 0 && warnings === 0) return [];
  const parts = [errors > 0 ? plural(errors, "more row error") : "", warnings > 0 ? plural(warnings, "more warning") : ""].filter(Boolean).join(" and ");
  return [
    {
      line: 0,
      column: null,
      code: "ISSUES_NOT_STORED",
      message: `${parts} not stored: only the first ${fmt(MAX_STORED_ISSUES)} row errors and ${fmt(MAX_STORED_ISSUES)} warnings of a file are kept (${fmt(errorsTotal)} row errors and ${fmt(warningsTotal)} warnings in all).`,
      severity: "warning",
      rawRow: null,
    },
  ];
}

/** Error codes of an 835 read that mean the file as a whole cannot be trusted (nothing is imported). */
const FATAL_835_CODES = new Set(["NOT_X12", "BAD_ISA", "EMPTY_FILE", "TRUNCATED", "MISSING_IEA", "MISSING_SE", "UNTERMINATED_TRANSACTION", "MISSING_TRAILER"]);

type ParsedFile =
  | { kind: "claims"; result: ClaimsReadResult }
  | { kind: "remittance_835"; result: ClaimsReadResult }
  | { kind: "fee_schedule"; result: Awaited<ReturnType<typeof readFeeSchedule>> }
  | { kind: "drug_catalog"; result: Awaited<ReturnType<typeof readDrugCatalog>> };

class FileProblem extends Error {
  constructor(
    message: string,
    readonly missing?: { headers: string[]; unmapped: string[] },
  ) {
    super(message);
    this.name = "FileProblem";
  }
}

/** A reader's file-level error as a FileProblem; anything else (and a cancel) is rethrown. */
function toFileProblem(error: unknown, signal: AbortSignal | undefined): FileProblem {
  if (signal?.aborted) throw new ImportAbortedError();
  if (error instanceof FileProblem) return error;
  if (isImportFileError(error)) {
    if (error.code === "MISSING_COLUMNS") {
      const details = (error.details ?? {}) as { headers?: string[]; unmapped?: string[] };
      return new FileProblem(oneLine(error.message), { headers: details.headers ?? [], unmapped: details.unmapped ?? [] });
    }
    return new FileProblem(oneLine(error.message));
  }
  throw error;
}

/**
 * Imports one file. Never throws for problems with the file, the database or a cancel: they come
 * back as a `failed` outcome with a one-line message.
 */
export async function runImport(input: RunImportInput): Promise<ImportOutcome> {
  const fileName = input.fileName || input.filePath;
  const base = (status: ImportOutcome["status"], message: string, extra: Partial<ImportOutcome> = {}): ImportOutcome => ({
    status,
    batchId: null,
    kind: input.kind ?? null,
    fileName,
    counts: zeroCounts(),
    message,
    ...extra,
  });
  let progress: ImportProgress = { phase: "hashing", bytesRead: 0, bytesTotal: 0, rowsRead: 0, rowsWritten: 0 };
  const report = (patch: Partial<ImportProgress>): void => {
    progress = { ...progress, ...patch };
    try {
      input.onProgress?.(progress);
    } catch {
      // a progress listener must not break the import
    }
  };

  let database: { db: Db; target: DatabaseTarget };
  try {
    database = input.database ?? getDb();
  } catch (error) {
    return base("failed", oneLine(error instanceof Error ? error.message : String(error)));
  }
  const { db, target } = database;

  let bytesTotal: number;
  try {
    const info = await stat(input.filePath);
    if (!info.isFile()) return base("failed", `Cannot read ${fileName}: it is not a file.`);
    bytesTotal = info.size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return base("failed", `Cannot read ${fileName}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? String(error))}.`);
  }

  report({ phase: "hashing", bytesTotal });
  let contentHash: string;
  try {
    contentHash = await hashFile(input.filePath, bytesTotal, (bytesRead) => report({ bytesRead }), input.signal);
  } catch (error) {
    if (error instanceof ImportAbortedError) return base("failed", error.message);
    return base("failed", `Cannot read ${fileName}: ${oneLine(error instanceof Error ? error.message : String(error))}.`);
  }

  return serialize(targetKey(target), () => importLocked(input, { db, target, fileName, contentHash, bytesTotal, base, report, getProgress: () => progress }));
}

type LockedContext = {
  db: Db;
  target: DatabaseTarget;
  fileName: string;
  contentHash: string;
  bytesTotal: number;
  base: (status: ImportOutcome["status"], message: string, extra?: Partial<ImportOutcome>) => ImportOutcome;
  report: (patch: Partial<ImportProgress>) => void;
  getProgress: () => ImportProgress;
};

async function importLocked(input: RunImportInput, c: LockedContext): Promise<ImportOutcome> {
  const { db, target, fileName, contentHash, bytesTotal, base, report } = c;
  const key = targetKey(target);
  let writer: BulkWriter | undefined;
  let batchId: number | null = null;
  let kind: ImportKind | null = input.kind ?? null;
  try {
    const loaded = await loadCodingSettings(db, input.organizationId);
    if (!loaded) return base("failed", `No organization with id ${input.organizationId}.`);
    const { organization, settings } = loaded;
    const secret =
      input.patientKeySecret ??
      (() => {
        const env = getEnv();
        return loadPatientKeySecret({ secret: env.DRIPAUDIT_PATIENT_KEY_SECRET, dataDir: env.dataDir });
      })();
    const patientIdKey = input.patientIdKey ?? loadPatientIdKeyFromEnv();

    writer = await openBulkWriter(target);
    await recoverInterruptedBatches(writer, key);

    const earlier = await findSucceededBatchByHash(writer, input.organizationId, contentHash);
    if (earlier) {
      report({ phase: "done", bytesRead: bytesTotal });
      return base("duplicate", `Already imported on ${earlier.createdAt.toISOString().slice(0, 10)} (batch ${earlier.id}): nothing changed.`, {
        batchId: earlier.id,
        kind: earlier.kind as ImportKind,
        contentHash,
      });
    }

    const newBatch = async (batchKind: string): Promise<number> =>
      createRunningBatch(writer!, key, {
        organizationId: input.organizationId,
        userId: input.userId ?? null,
        address: input.address ?? null,
        fileName,
        kind: batchKind,
        contentHash,
        sourceName: input.sourceName ?? null,
        bytesTotal,
      });
    const failEarly = async (message: string, batchKind: ImportKind | null): Promise<ImportOutcome> => {
      batchId = await newBatch(batchKind ?? "unknown");
      await failBatch(writer!, batchId, message);
      releaseBatch(key, batchId);
      report({ phase: "failed" });
      return base("failed", message, { batchId, kind: batchKind, contentHash });
    };

    // What is it?
    const sniff = await sniffFile(input.filePath);
    if (sniff.problem === "empty") return await failEarly(`${fileName} is empty: there is nothing to import.`, kind);
    if (sniff.problem === "binary") {
      return await failEarly(`${fileName} is not a text file (it contains NUL bytes: a spreadsheet, PDF or UTF-16 export?); export it as CSV or X12 835.`, kind);
    }
    const saved = input.sourceName ? await getSavedColumnMappings(input.organizationId, input.sourceName, db) : {};
    if (sniff.problem === null && sniff.isX12) kind = "remittance_835";
    else if (kind === null || kind === "remittance_835") {
      const candidates: Partial<Record<DetectedKind, Record<string, string>>> = { ...saved };
      const headers = await readCsvHeaders(input.filePath, [...Object.values(saved), ...(input.mapping ? [input.mapping] : [])]);
      if (input.mapping) {
        // An explicit mapping counts for every kind (it names canonical columns of one of them).
        for (const k of ["sessions", "mar", "claims", "fee_schedule", "drug_catalog"] as const) candidates[k] = { ...(saved[k] ?? {}), ...input.mapping };
      }
      kind = headers ? scoreCsvKinds(headers, candidates)[0]!.kind : "sessions";
    }
    if (kind === "sessions" && saved.mar && !saved.sessions) kind = "mar";
    const mappingKind: ImportKind = kind;
    const mapping = input.mapping || saved[mappingKind] ? { ...(saved[mappingKind] ?? {}), ...(input.mapping ?? {}) } : undefined;

    batchId = await newBatch(kind);
    const runningBatch = batchId;
    report({ phase: "parsing", bytesRead: 0, rowsRead: 0 });

    const fileProblemOutcome = async (error: FileProblem, problemKind: ImportKind): Promise<ImportOutcome> => {
      await failBatch(writer!, runningBatch, error.message);
      releaseBatch(key, runningBatch);
      report({ phase: "failed" });
      if (error.missing) {
        const unmapped = error.missing.unmapped;
        return base(
          "needs_mapping",
          `${fileName} is missing required ${KIND_LABELS[problemKind]} column(s): ${unmapped.join(", ")}. Map them to the file's headers and import again.`,
          { batchId: runningBatch, kind: problemKind, contentHash, missingColumns: { headers: error.missing.headers, unmapped, kind: problemKind } },
        );
      }
      return base("failed", error.message, { batchId: runningBatch, kind: problemKind, contentHash });
    };

    const ctx: WriteContext = {
      writer,
      organizationId: input.organizationId,
      batchId,
      weekStartsOn: organization.weekStartsOn,
      patientKeySecret: secret,
      patientIdKey,
      chunkRows: input.chunkRows ?? 2_000,
      ...(input.signal ? { signal: input.signal } : {}),
      now: Date.now(),
    };
    const counts = zeroCounts();
    let written = 0;
    const rowsDue = createProgressThrottle();
    const onRows = (offset: number) => (n: number) => {
      if (rowsDue()) report({ rowsWritten: offset + n });
    };

    /** Opens the data transaction; resolves to a batch of the same bytes that succeeded meanwhile, if any. */
    const beginTransaction = async (): Promise<{ id: number; createdAt: Date; kind: string } | null> => {
      await writer!.begin();
      if (target.provider === "postgresql") {
        // Imports of one organization run one at a time across processes.
        await writer!.query(`SELECT pg_advisory_xact_lock(hashtext(?)) AS "locked"`, [`dripaudit-import:${input.organizationId}`]);
      }
      return findSucceededBatchByHash(writer!, input.organizationId, contentHash);
    };
    const duplicateMeanwhile = async (again: { id: number; createdAt: Date }): Promise<ImportOutcome> => {
      await writer!.rollback();
      await failBatch(writer!, runningBatch, `Duplicate of batch ${again.id}, imported at the same time.`);
      releaseBatch(key, runningBatch);
      return base("duplicate", `Already imported on ${again.createdAt.toISOString().slice(0, 10)} (batch ${again.id}): nothing changed.`, {
        batchId: again.id,
        kind,
        contentHash,
      });
    };

    /** The stored row errors and warnings (at most MAX_STORED_ISSUES each), and how many were found. */
    let errors: ImportErrorRow[];
    let warnings: ImportErrorRow[];
    let errorsTotal: number;
    let warningsTotal: number;
    let effectiveColumns: Record<string, string> | undefined;

    if (kind === "sessions" || kind === "mar") {
      // Sessions stream into the open transaction: parse, write and recode chunk by chunk.
      const again = await beginTransaction();
      if (again) return await duplicateMeanwhile(again);
      ctx.onRowsWritten = onRows(0);
      let bytesRead = 0;
      let rowsRead = 0;
      const readDue = createProgressThrottle();
      let writing = false;
      const source = (): Readable => {
        bytesRead = 0;
        rowsRead = 0;
        return progressStream(
          input.filePath,
          (bytes, lineBreaks) => {
            bytesRead += bytes;
            rowsRead += lineBreaks;
            if (readDue()) report({ bytesRead, rowsRead });
          },
          input.signal,
        );
      };
      let result: SessionsImportResult;
      try {
        result = await importSessions({
          ctx,
          source,
          label: fileName,
          timeZone: organization.timeZone,
          form: kind === "mar" ? "mar" : input.kind === "sessions" ? "interval" : "auto",
          ...(mapping ? { mapping } : {}),
          settings,
          restartTransaction: async () => {
            await writer!.rollback();
            writing = false;
            report({ phase: "parsing", bytesRead: 0, rowsRead: 0, rowsWritten: 0 });
            const meanwhile = await beginTransaction();
            if (meanwhile) throw new Error(`the same file was imported meanwhile (batch ${meanwhile.id})`);
          },
          onEncountersWritten: () => {
            if (!writing) {
              writing = true;
              report({ phase: "recoding" });
            }
          },
        });
        if (result.rowCount === 0) throw new FileProblem(`${fileName} has a header but no data rows: there is nothing to import.`);
      } catch (error) {
        const problem = toFileProblem(error, input.signal);
        await writer.rollback();
        return await fileProblemOutcome(problem, kind);
      }
      kind = result.form === "mar" ? "mar" : "sessions";
      ctx.onRowsWritten = undefined;
      report({ bytesRead: bytesTotal, rowsRead: result.rowCount });
      const errorLines = new Set(result.errors.map((e) => e.line));
      errors = rowErrorsToImportErrors(result.errors, await collectRawLines(input.filePath, storedLines(result.errors)));
      errorsTotal = result.errors.length;
      warnings = noticesToImportErrors(result.notices);
      for (const w of firstIssues(result.warnings)) if (warnings.length < MAX_STORED_ISSUES) warnings.push({ ...w, message: limitMessage(w.message), rawRow: limitRaw(w.rawRow) });
      warningsTotal = result.notices.length + result.warnings.length;
      // Rows the CSV layer rejected (malformed, too many fields) never reach the row count.
      const rejected = new Set(result.errors.filter((e) => e.code === "MALFORMED_ROW" || e.code === "TOO_MANY_FIELDS").map((e) => e.line)).size;
      counts.rowsTotal = result.rowCount + rejected;
      counts.rowsFailed = Math.min(errorLines.size, counts.rowsTotal);
      Object.assign(counts, {
        encounters: result.encounters,
        administrations: result.administrations,
        codedLines: result.codedLines,
        superseded: result.superseded,
      });
      written += result.rowsWritten;
      effectiveColumns = result.columns;
    } else if (kind === "remittance_835") {
      // An 835 streams into the open transaction: claim lines are written as their claims complete.
      const again = await beginTransaction();
      if (again) return await duplicateMeanwhile(again);
      ctx.onRowsWritten = onRows(0);
      let read: Streamed835;
      try {
        read = await import835(input, ctx, report);
      } catch (error) {
        const problem = toFileProblem(error, input.signal);
        await writer.rollback();
        return await fileProblemOutcome(problem, kind);
      }
      errors = read.errors;
      warnings = read.warnings;
      errorsTotal = read.errorsTotal;
      warningsTotal = read.warningsTotal;
      counts.rowsTotal = read.claimLines + read.failedRows;
      counts.rowsFailed = read.failedRows;
      counts.claimLines = read.claimLines;
      written += read.rowsWritten;
    } else {
      // Other kinds are read whole (claims CSVs and reference data), then written.
      let parsed: ParsedFile;
      try {
        parsed = await parseFile(input, kind, mapping, report);
      } catch (error) {
        return await fileProblemOutcome(toFileProblem(error, input.signal), kind);
      }
      kind = parsed.kind;
      if (input.signal?.aborted) throw new ImportAbortedError();
      const issues = await collectIssues(input.filePath, parsed);
      errors = issues.errors;
      warnings = issues.warnings;
      errorsTotal = issues.errorsTotal;
      warningsTotal = issues.warningsTotal;
      counts.rowsTotal = issues.rowsTotal;
      counts.rowsFailed = issues.rowsFailed;
      effectiveColumns = "columns" in parsed.result ? (parsed.result as { columns?: Record<string, string> }).columns : undefined;

      report({ phase: "writing", bytesRead: bytesTotal, rowsRead: issues.rowsTotal, rowsWritten: 0 });
      const again = await beginTransaction();
      if (again) return await duplicateMeanwhile(again);
      ctx.onRowsWritten = onRows(0);
      if (parsed.kind === "claims" || parsed.kind === "remittance_835") {
        const result = await writeClaims(ctx, parsed.result.lines, parsed.result.format);
        counts.claimLines = result.claimLines;
        counts.superseded = result.superseded;
        written += result.rowsWritten + (await writeProviderAdjustments(ctx, parsed.result.payments ?? []));
      } else if (parsed.kind === "fee_schedule") {
        const result = await writeFeeSchedule(ctx, parsed.result.rates);
        counts.superseded = result.superseded;
        written += result.rows;
      } else if (parsed.kind === "drug_catalog") {
        const result = await writeDrugCatalog(ctx, parsed.result.entries);
        counts.superseded = result.superseded;
        written += result.rows;
      }
    }
    counts.rowsImported = Math.max(0, counts.rowsTotal - counts.rowsFailed);
    counts.warnings = warningsTotal;

    // Still inside the data transaction: row errors, the column mapping, the batch's counts.
    report({ phase: "writing", rowsWritten: written });
    ctx.onRowsWritten = onRows(written);
    const stored = [...errors, ...warnings, ...notStoredRow(errorsTotal, warningsTotal)];
    await writeImportErrors(ctx, stored);
    written += stored.length;
    if (input.sourceName) {
      const toSave = input.mapping ? { ...(saved[mappingKind] ?? {}), ...input.mapping } : saved[mappingKind] ? undefined : effectiveColumns;
      if (toSave && Object.keys(toSave).length > 0) await saveColumnMapping(writer, input.organizationId, input.sourceName, mappingKind, toSave);
    }
    await finishBatch(writer, batchId, {
      rowsTotal: counts.rowsTotal,
      rowsImported: counts.rowsImported,
      rowsFailed: counts.rowsFailed,
      warningsCount: counts.warnings,
    });
    if (input.signal?.aborted) throw new ImportAbortedError();
    await writer.commit();
    releaseBatch(key, batchId);
    // PostgreSQL: fresh planner statistics for the tables just written, before the recompute reads them.
    await refreshPlannerStatistics(writer, kind);
    if (input.analyze !== false || input.onCommitted) {
      const weeks = await affectedWeeks(writer, batchId, kind);
      if (input.analyze !== false) recomputeAfterImport(input.organizationId, weeks, input.database ? { target, db } : {});
      try {
        input.onCommitted?.(weeks);
      } catch {
        // the import is committed: a listener's error must not turn it into a failure
      }
    }
    report({ phase: "done", rowsWritten: written });
    return {
      status: "succeeded",
      batchId,
      kind,
      fileName,
      counts,
      message: successMessage(fileName, kind, counts),
      contentHash,
      ...(effectiveColumns ? { columns: effectiveColumns } : {}),
      issues: { total: errorsTotal + warningsTotal, stored: stored.length },
    };
  } catch (error) {
    const aborted = error instanceof ImportAbortedError || input.signal?.aborted === true;
    const message = aborted
      ? "Cancelled: the import was stopped before it finished; nothing from it was saved."
      : isDatabaseError(error)
        ? oneLine(describeDatabaseError(error, target))
        : `Import failed: ${oneLine(error instanceof Error ? error.message : String(error))}`;
    if (writer && batchId !== null) {
      await writer.rollback();
      await failBatch(writer, batchId, message).catch(() => {});
      releaseBatch(key, batchId);
    }
    report({ phase: "failed" });
    return base("failed", message, { batchId, kind, contentHash });
  } finally {
    await writer?.close();
  }
}

/**
 * Weeks whose findings an import can change: those of the encounters or claim lines it wrote.
 * Reference data (fee schedule, drug catalog) touches no week's data: the recompute's context diff
 * finds the weeks it reaches, and widens any list when shared inputs moved (paid medians, the last
 * date of service) or a claim spans weeks.
 */
async function affectedWeeks(writer: BulkWriter, batchId: number, kind: ImportKind): Promise<string[] | "all"> {
  if (kind === "fee_schedule" || kind === "drug_catalog") return [];
  return findBatchWeeks(writer, batchId, kind === "sessions" || kind === "mar" ? "Encounter" : "ClaimLine");
}

function isDatabaseError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (/^SQLITE_/.test(code) || /^[0-9A-Z]{5}$/.test(code) || /^E[A-Z]+$/.test(code));
}

function successMessage(fileName: string, kind: ImportKind, counts: ImportCounts): string {
  const parts: string[] = [];
  if (kind === "sessions" || kind === "mar") {
    parts.push(`${plural(counts.encounters, "encounter")}, ${plural(counts.administrations, "administration")}, ${plural(counts.codedLines, "canonical line")}`);
  } else if (kind === "claims" || kind === "remittance_835") {
    parts.push(plural(counts.claimLines, "claim line"));
  }
  const replaced = counts.superseded > 0 ? `; replaced ${plural(counts.superseded, kind === "claims" ? "earlier claim line" : kind === "sessions" || kind === "mar" ? "earlier encounter" : "earlier row")}` : "";
  const failed = counts.rowsFailed > 0 ? `; ${plural(counts.rowsFailed, "row")} had errors and ${counts.rowsFailed === 1 ? "was" : "were"} skipped (see the row errors)` : "";
  return `Imported ${plural(counts.rowsImported, "row")} of ${KIND_LABELS[kind]} from ${fileName}${parts.length ? ` (${parts.join("; ")})` : ""}${replaced}${failed}.`;
}

/** Reads a claims CSV, an 835, a fee schedule or a drug catalog whole (sessions stream: import-sessions.ts). */
async function parseFile(
  input: RunImportInput,
  kind: Exclude<ImportKind, "sessions" | "mar">,
  mapping: Record<string, string> | undefined,
  report: (patch: Partial<ImportProgress>) => void,
): Promise<ParsedFile> {
  const label = input.fileName || input.filePath;
  let bytesRead = 0;
  let rowsRead = 0;
  const readDue = createProgressThrottle();
  const source = (): Readable =>
    progressStream(
      input.filePath,
      (bytes, lineBreaks) => {
        bytesRead += bytes;
        rowsRead += lineBreaks;
        if (readDue()) report({ bytesRead, rowsRead });
      },
      input.signal,
    );
  const fileProblem = (error: unknown): never => {
    if (input.signal?.aborted) throw new ImportAbortedError();
    if (isImportFileError(error)) {
      if (error.code === "MISSING_COLUMNS") {
        const details = (error.details ?? {}) as { headers?: string[]; unmapped?: string[] };
        throw new FileProblem(oneLine(error.message), { headers: details.headers ?? [], unmapped: details.unmapped ?? [] });
      }
      throw new FileProblem(oneLine(error.message));
    }
    throw error;
  };

  if (kind === "fee_schedule" || kind === "drug_catalog") {
    try {
      const options = { label, ...(mapping ? { explicit: mapping } : {}) };
      const parsed: ParsedFile =
        kind === "fee_schedule"
          ? { kind, result: await readFeeSchedule(source(), options) }
          : { kind, result: await readDrugCatalog(source(), options) };
      if (parsed.result.rowCount === 0) throw new FileProblem(`${label} has a header but no data rows: there is nothing to import.`);
      return parsed;
    } catch (error) {
      return fileProblem(error);
    }
  }
  // Claims CSV or 835 (the reader tells them apart by content).
  const result = await readClaimsFile(input.filePath, { file: label, ...(mapping ? { map: mapping } : {}) });
  if (input.signal?.aborted) throw new ImportAbortedError();
  report({ bytesRead: (await stat(input.filePath)).size, rowsRead: result.lines.length + result.errors.length });
  const fatal = result.errors.find((e) => e.fatal) ?? (result.format === "x12-835" ? result.errors.find((e) => FATAL_835_CODES.has(e.code)) ?? result.warnings.find((w) => FATAL_835_CODES.has(w.code)) : undefined);
  if (fatal) {
    if (fatal.code === "MISSING_COLUMNS") {
      const details = (fatal.details ?? {}) as { headers?: string[]; unmapped?: string[] };
      throw new FileProblem(oneLine(fatal.message), { headers: details.headers ?? [], unmapped: details.unmapped ?? [] });
    }
    const message = oneLine(fatal.message);
    throw new FileProblem(result.format === "x12-835" && !message.includes(label) ? `${label}: ${message}` : message);
  }
  if (result.lines.length === 0 && result.errors.length === 0) {
    throw new FileProblem(result.format === "x12-835" ? `${label} holds no claim payments (no CLP segments): there is nothing to import.` : `${label} has a header but no data rows: there is nothing to import.`);
  }
  return result.format === "x12-835" ? { kind: "remittance_835", result } : { kind: "claims", result };
}

async function collectIssues(
  filePath: string,
  parsed: ParsedFile,
): Promise<{ errors: ImportErrorRow[]; warnings: ImportErrorRow[]; errorsTotal: number; warningsTotal: number; rowsTotal: number; rowsFailed: number }> {
  if (parsed.kind === "claims" || parsed.kind === "remittance_835") {
    const { result } = parsed;
    const lines = new Set<number>();
    for (const e of result.errors) if (e.line !== undefined) lines.add(e.line);
    const raw = parsed.kind === "claims" ? await collectRawLines(filePath, storedLines(result.errors)) : "segment";
    const errorRows = claimsIssuesToImportErrors(result.errors, "error", raw);
    const warningRows = claimsIssuesToImportErrors(result.warnings, "warning", new Map());
    // A CSV row is one line of the file; an 835 "row" is one service line (or claim-level line).
    const failedRows = parsed.kind === "claims" ? lines.size : new Set(result.errors.map((e) => `${e.claimId ?? ""}#${e.segment ?? e.line ?? ""}`)).size;
    return {
      errors: errorRows,
      warnings: warningRows,
      errorsTotal: result.errors.length,
      warningsTotal: result.warnings.length,
      rowsTotal: result.lines.length + failedRows,
      rowsFailed: failedRows,
    };
  }
  const result: { errors: RowError[]; notices: ImportNotice[]; rowCount: number } = parsed.result;
  const rowErrors = result.errors;
  const lines = new Set(rowErrors.map((e) => e.line));
  const raw = await collectRawLines(filePath, storedLines(rowErrors));
  const errors = rowErrorsToImportErrors(rowErrors, raw);
  const warnings = noticesToImportErrors(result.notices);
  // Rows the CSV layer rejected (malformed, too many fields) never reach the row count.
  const rejected = new Set(rowErrors.filter((e) => e.code === "MALFORMED_ROW" || e.code === "TOO_MANY_FIELDS").map((e) => e.line)).size;
  const rowsTotal = result.rowCount + rejected;
  return { errors, warnings, errorsTotal: rowErrors.length, warningsTotal: result.notices.length, rowsTotal, rowsFailed: Math.min(lines.size, rowsTotal) };
}

type Streamed835 = {
  errors: ImportErrorRow[];
  warnings: ImportErrorRow[];
  errorsTotal: number;
  warningsTotal: number;
  claimLines: number;
  failedRows: number;
  rowsWritten: number;
};

/** Text chunks of a byte stream (UTF-8, a character split across chunks kept whole). */
async function* utf8Chunks(bytes: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of bytes) {
    const text = decoder.write(chunk);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * Reads an 835 and writes its claim lines and provider adjustments batch by batch inside the open
 * transaction: memory stays bounded by a chunk and a claim, whatever the file's size. The first
 * MAX_STORED_ISSUES errors and warnings are kept (each error with its segment's text as raw row),
 * the rest counted. Throws FileProblem when the file as a whole cannot be trusted (the caller rolls
 * back: nothing is imported).
 */
async function import835(input: RunImportInput, ctx: WriteContext, report: (patch: Partial<ImportProgress>) => void): Promise<Streamed835> {
  const label = input.fileName || input.filePath;
  const appender = createClaimsAppender(ctx);
  const out: Streamed835 = { errors: [], warnings: [], errorsTotal: 0, warningsTotal: 0, claimLines: 0, failedRows: 0, rowsWritten: 0 };
  let fatal: ClaimsIssue | undefined;
  let bytesRead = 0;
  let adjustments = 0;
  const readDue = createProgressThrottle();
  /** Claim + segment of each failed row (an 835 "row" is one service line or claim). */
  const failed = new Set<string>();
  const source = progressStream(
    input.filePath,
    (bytes) => {
      bytesRead += bytes;
      if (readDue()) report({ bytesRead, rowsRead: out.claimLines });
    },
    input.signal,
  );
  for await (const batch of stream835(utf8Chunks(source), { file: label, keepSegmentText: true })) {
    for (const e of batch.errors) {
      if (e.fatal || FATAL_835_CODES.has(e.code)) fatal ??= e;
      out.errorsTotal++;
      if (out.errors.length < MAX_STORED_ISSUES) out.errors.push(...claimsIssuesToImportErrors([e], "error", "segment"));
      failed.add(`${e.claimId ?? ""}#${e.segment ?? e.line ?? ""}`);
    }
    for (const w of batch.warnings) {
      if (FATAL_835_CODES.has(w.code)) fatal ??= w;
      out.warningsTotal++;
      if (out.warnings.length < MAX_STORED_ISSUES) out.warnings.push(...claimsIssuesToImportErrors([w], "warning", new Map()));
    }
    if (fatal) break;
    await appender.write(batch.lines);
    out.claimLines += batch.lines.length;
    adjustments += await writeProviderAdjustments(ctx, batch.payments);
  }
  if (input.signal?.aborted) throw new ImportAbortedError();
  if (fatal) {
    const message = oneLine(limitMessage(fatal.message));
    throw new FileProblem(message.includes(label) ? message : `${label}: ${message}`);
  }
  if (out.claimLines === 0 && out.errorsTotal === 0) throw new FileProblem(`${label} holds no claim payments (no CLP segments): there is nothing to import.`);
  out.failedRows = failed.size;
  out.rowsWritten = appender.result.rowsWritten + adjustments;
  report({ bytesRead, rowsRead: out.claimLines + out.failedRows });
  return out;
}
