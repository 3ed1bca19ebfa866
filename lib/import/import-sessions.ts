/**
 * The sessions part of `runImport`, inside the data transaction.
 *
 * Streaming first: `streamSessions(…, { contiguous: true })` hands over encounters as soon as the
 * file moves on to another encounter, and they are written and recoded chunk by chunk, so memory
 * stays bounded by one read chunk (exports are usually grouped by encounter). When an encounter
 * shows up again after it was written (a file not grouped by encounter), the transaction is rolled
 * back and the file is read whole with `readSessions` (memory grows with the file) and written again.
 */
import type { CodingSettings } from "@/lib/coding/types";
import { writeSessions, type ImportErrorRow, type WriteContext } from "@/lib/db/import";
import type { ExplicitColumnMapping } from "./map-columns";
import { readSessions } from "./read-sessions";
import type { ImportNotice, RowError } from "./row-error";
import type { ImportedEncounter, SessionsForm } from "./session-types";
import { streamSessions, type ReadSessionsOptions } from "./stream-sessions";
import type { Readable } from "node:stream";

export type SessionsImportResult = {
  form: SessionsForm;
  columns: Record<string, string>;
  rowCount: number;
  errors: RowError[];
  notices: ImportNotice[];
  /** Import-time warnings tied to administrations (e.g. AMBIGUOUS_LOCAL_TIME). */
  warnings: ImportErrorRow[];
  encounters: number;
  administrations: number;
  codedLines: number;
  superseded: number;
  rowsWritten: number;
  streamed: boolean;
};

export type SessionsImportOptions = {
  ctx: WriteContext;
  /** A fresh byte stream of the file each time it is called. */
  source: () => Readable;
  label: string;
  timeZone: string;
  form: "auto" | "interval" | "mar";
  mapping?: ExplicitColumnMapping;
  settings: CodingSettings;
  /** Rolls back and opens a new transaction (for the whole-file fallback). */
  restartTransaction: () => Promise<void>;
  onEncountersWritten?: () => void;
};

class NotContiguous extends Error {}

function warningRows(encounters: readonly ImportedEncounter[], into: ImportErrorRow[]): void {
  for (const e of encounters) {
    for (const w of e.warnings) {
      const line = w.administrationId ? /L(\d+)$/.exec(w.administrationId) : null;
      into.push({ line: line ? Number(line[1]) : e.meta.firstLine, column: null, code: w.code, message: w.message, severity: "warning", rawRow: null });
    }
  }
}

export async function importSessions(options: SessionsImportOptions): Promise<SessionsImportResult> {
  const { ctx } = options;
  const readOptions: ReadSessionsOptions = {
    timeZone: options.timeZone,
    label: options.label,
    form: options.form,
    stopBeforeStart: "error",
    ...(options.mapping ? { mapping: options.mapping } : {}),
  };
  const hadEncounters = (await ctx.writer.query(`SELECT 1 AS "x" FROM "Encounter" WHERE "organizationId"=? LIMIT 1`, [ctx.organizationId])).length > 0;
  const empty = (): SessionsImportResult => ({
    form: "interval", columns: {}, rowCount: 0, errors: [], notices: [], warnings: [], encounters: 0, administrations: 0, codedLines: 0,
    superseded: 0, rowsWritten: 0, streamed: true,
  });

  // 1. Streaming, bounded memory.
  const out = empty();
  // writeSessions counts the rows of one call; progress counts the whole file.
  const reportRows = ctx.onRowsWritten;
  const batchCtx = reportRows ? { ...ctx, onRowsWritten: (n: number) => reportRows(out.rowsWritten + n) } : ctx;
  try {
    for await (const batch of streamSessions(options.source(), { ...readOptions, contiguous: true })) {
      for (const e of batch.errors) out.errors.push(e);
      for (const n of batch.notices) {
        if (n.code === "ENCOUNTER_NOT_CONTIGUOUS") throw new NotContiguous();
        out.notices.push(n);
      }
      out.form = batch.info.form;
      out.columns = batch.info.columns;
      out.rowCount = batch.info.rowCount;
      if (batch.encounters.length === 0) continue;
      warningRows(batch.encounters, out.warnings);
      const written = await writeSessions(batchCtx, batch.encounters, options.settings, { supersede: hadEncounters });
      out.encounters += written.encounters;
      out.administrations += written.administrations;
      out.codedLines += written.codedLines;
      out.superseded += written.superseded;
      out.rowsWritten += written.rowsWritten;
      options.onEncountersWritten?.();
    }
    return out;
  } catch (error) {
    if (!(error instanceof NotContiguous)) throw error;
  }

  // 2. Not grouped by encounter: read the whole file, then write.
  await options.restartTransaction();
  const read = await readSessions(options.source(), readOptions);
  const whole = empty();
  whole.streamed = false;
  whole.form = read.form;
  whole.columns = read.columns;
  whole.rowCount = read.rowCount;
  whole.errors = read.errors;
  whole.notices = read.notices;
  warningRows(read.encounters, whole.warnings);
  const written = await writeSessions(ctx, read.encounters, options.settings, { supersede: hadEncounters });
  Object.assign(whole, {
    encounters: written.encounters,
    administrations: written.administrations,
    codedLines: written.codedLines,
    superseded: written.superseded,
    rowsWritten: written.rowsWritten,
  });
  return whole;
}
