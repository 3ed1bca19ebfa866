/**
 * Reads a whole sessions file (spec §3.1 interval form or §3.2 MAR event form) into engine
 * `Encounter`s with their metadata, row errors and notices. Encounters (not raw rows) accumulate in
 * memory; see `streamSessions` for files too large for that.
 */
import type { CsvSource } from "./read-csv-rows";
import type { ImportNotice, RowError } from "./row-error";
import type { ImportedEncounter, SessionsReadResult } from "./session-types";
import { streamSessions, type ReadSessionsOptions } from "./stream-sessions";

export type { ReadSessionsOptions } from "./stream-sessions";

/**
 * Throws `ImportFileError` for whole-file problems (unreadable, empty, binary, missing required
 * columns); every bad row becomes a `RowError` (sorted by line) and the rest is kept.
 * @example
 * const { encounters, errors } = await readSessions("sessions.csv", { timeZone: "America/New_York" });
 * encounters[0].encounter //=> { id: "E1", administrations: [{ id: "L2", drug: "Oxaliplatin", … }] }
 */
export async function readSessions(source: CsvSource, options: ReadSessionsOptions): Promise<SessionsReadResult> {
  const encounters: ImportedEncounter[] = [];
  const errors: RowError[] = [];
  const notices: ImportNotice[] = [];
  for await (const batch of streamSessions(source, options)) {
    for (const e of batch.encounters) encounters.push(e);
    for (const e of batch.errors) errors.push(e);
    for (const n of batch.notices) notices.push(n);
    if (batch.done) {
      errors.sort((a, b) => a.line - b.line);
      return { ...batch.info, encounters, errors, notices };
    }
  }
  throw new Error("streamSessions ended without a final batch");
}
