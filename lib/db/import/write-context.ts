/**
 * What every writer of the data transaction shares: the connection, the batch, progress,
 * cancellation and yielding to the event loop between chunks.
 */
import { weekStartOf, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import { sealPatientId } from "@/lib/security/patient-id-seal";
import { patientKey } from "@/lib/security/patient-key";
import type { BulkWriter, SqlValue } from "./bulk-writer";
import { placeholders } from "./bulk-writer";

export type WriteContext = {
  writer: BulkWriter;
  organizationId: string;
  batchId: number;
  weekStartsOn: number;
  patientKeySecret: string;
  /** AES-256 key that seals the patient ids (MRNs) written beside their patient keys. */
  patientIdKey: Buffer;
  /** Rows per insert chunk; the writer yields to the event loop after each chunk. */
  chunkRows: number;
  /** Called after each chunk with the number of rows written so far (all tables). */
  onRowsWritten?: (rowsWritten: number) => void;
  signal?: AbortSignal;
  /** The timestamp written to createdAt columns. */
  now: number;
};

export class ImportAbortedError extends Error {
  constructor() {
    super("The import was cancelled; nothing from it was saved.");
    this.name = "ImportAbortedError";
  }
}

/** Lets other work run (HTTP requests, timers) between chunks, and honours cancellation. */
export async function pause(ctx: Pick<WriteContext, "signal">): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (ctx.signal?.aborted) throw new ImportAbortedError();
}

/** Counts rows written and reports them. */
export function createRowCounter(ctx: WriteContext): { add(n: number): void; readonly total: number } {
  let total = 0;
  return {
    add(n: number) {
      total += n;
      ctx.onRowsWritten?.(total);
    },
    get total() {
      return total;
    },
  };
}

type KeyCaches = {
  weekStart(date: string): string;
  patient(id: string): string;
  /** The id sealed for storage, or null for an empty id. */
  sealedPatientId(id: string): string | null;
};
const keyCachesByContext = new WeakMap<WriteContext, KeyCaches>();

/**
 * Memoized week start, patient key and sealed patient id (all repeat a lot in one file), one set
 * per import: one HMAC and one AES-GCM per patient, not per row.
 */
export function createKeyCaches(ctx: WriteContext): KeyCaches {
  const existing = keyCachesByContext.get(ctx);
  if (existing) return existing;
  const caches = buildKeyCaches(ctx);
  keyCachesByContext.set(ctx, caches);
  return caches;
}

function buildKeyCaches(ctx: WriteContext): KeyCaches {
  const weeks = new Map<string, string>();
  const patients = new Map<string, { key: string; sealed: string | null }>();
  const patientFor = (id: string) => {
    let found = patients.get(id);
    if (found === undefined) {
      found = {
        key: patientKey(ctx.patientKeySecret, ctx.organizationId, id),
        sealed: id === "" ? null : sealPatientId(ctx.patientIdKey, ctx.organizationId, id),
      };
      if (patients.size > 10_000) patients.clear();
      patients.set(id, found);
    }
    return found;
  };
  const weekStartsOn = (Number.isInteger(ctx.weekStartsOn) && ctx.weekStartsOn >= 0 && ctx.weekStartsOn <= 6 ? ctx.weekStartsOn : 1) as WeekStartsOn;
  return {
    weekStart(date: string) {
      let week = weeks.get(date);
      if (week === undefined) {
        try {
          week = weekStartOf(date, weekStartsOn);
        } catch {
          week = date;
        }
        weeks.set(date, week);
      }
      return week;
    },
    patient(id: string) {
      return patientFor(id).key;
    },
    sealedPatientId(id: string) {
      return patientFor(id).sealed;
    },
  };
}

/** Runs `fn` over `values` in IN-list chunks of `size`. */
export async function forChunks<T>(values: readonly T[], size: number, fn: (chunk: T[], inList: string) => Promise<void>): Promise<void> {
  for (let i = 0; i < values.length; i += size) {
    const chunk = values.slice(i, i + size);
    await fn(chunk, placeholders(chunk.length));
  }
}

export type ImportErrorRow = {
  line: number;
  column: string | null;
  code: string;
  message: string;
  severity: "error" | "warning";
  rawRow: string | null;
};

/** Writes ImportError rows (row errors and warnings) for the batch. */
export async function writeImportErrors(ctx: WriteContext, rows: readonly ImportErrorRow[], counter?: { add(n: number): void }): Promise<void> {
  const columns = ["organizationId", "importBatchId", "line", "column", "code", "message", "severity", "rawRow"] as const;
  for (let i = 0; i < rows.length; i += ctx.chunkRows) {
    const chunk: SqlValue[][] = [];
    for (const e of rows.slice(i, i + ctx.chunkRows)) {
      chunk.push([ctx.organizationId, ctx.batchId, e.line, e.column, e.code, e.message, e.severity, e.rawRow]);
    }
    await ctx.writer.insert("ImportError", columns, chunk);
    counter?.add(chunk.length);
    await pause(ctx);
  }
}
