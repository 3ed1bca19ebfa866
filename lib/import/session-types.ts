/**
 * Shapes produced by the sessions readers (`readSessions`).
 */
import type { CodingWarning, Encounter } from "../coding/types";
import type { BillingSetting } from "./normalize-setting";
import type { DateOrder } from "./parse-local-date-time";
import type { ImportNotice, RowError } from "./row-error";

export type SessionsForm = "interval" | "mar";

/** Per-encounter facts kept beside the engine's `Encounter` (which holds only what coding needs). */
export type EncounterMeta = {
  encounterId: string;
  /** True when the id was built from patient + date of service (+ site) because the file had none. */
  isDerivedId: boolean;
  patientId?: string;
  /** `YYYY-MM-DD`: the `date_of_service` column, else the local date of the earliest start. */
  dateOfService: string;
  site?: string;
  /** Distinct nurses in order of appearance. */
  nurses: string[];
  payer?: string;
  /** Per-encounter setting override from the file (`setting` column). */
  setting?: BillingSetting;
  /** Line of the first row of this encounter. */
  firstLine: number;
  /** Index of the source file when several files were read into one result (0-based). */
  fileIndex: number;
};

export type ImportedEncounter = {
  encounter: Encounter;
  meta: EncounterMeta;
  /** Import-time warnings tied to administrations (e.g. `AMBIGUOUS_LOCAL_TIME`), same shape as the engine's. */
  warnings: CodingWarning[];
};

export type SessionsReadResult = {
  form: SessionsForm;
  /** In order of first appearance in the file. */
  encounters: ImportedEncounter[];
  errors: RowError[];
  notices: ImportNotice[];
  /** Canonical column → file header actually used. */
  columns: Record<string, string>;
  headers: string[];
  dateOrder: DateOrder;
  /** Data rows read (excluding header, preamble, blank and totals rows). */
  rowCount: number;
};

/** What one row says about the encounter it belongs to. */
export type SessionRowMeta = {
  line: number;
  encounterId?: string;
  patientId?: string;
  /** `YYYY-MM-DD` from the `date_of_service` column. */
  dateOfService?: string;
  site?: string;
  nurse?: string;
  payer?: string;
  setting?: BillingSetting;
};
