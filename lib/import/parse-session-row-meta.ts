/**
 * The encounter-level cells of a sessions row (either form): ids, date of service, site, nurse,
 * payer, setting. Appends problems to `errors`.
 */
import type { ColumnMap } from "./map-columns";
import { normalizeSetting } from "./normalize-setting";
import type { DateOrder, LocalDate } from "./parse-local-date-time";
import { parseServiceDate } from "./parse-session-time";
import type { RowError } from "./row-error";
import type { SessionRowMeta } from "./session-types";

/** Trimmed cell of a canonical column ("" when the column is unmapped or the row is short). */
export function cellOf(cells: readonly string[], columns: ColumnMap, name: string): string {
  const index = columns[name];
  if (index === undefined) return "";
  const value = cells[index];
  return value === undefined ? "" : value.trim();
}

/**
 * @example parseSessionRowMeta(["E1", "P1"], 2, { encounter_id: 0, patient_id: 1 }, "MDY", []).meta
 * //=> { line: 2, encounterId: "E1", patientId: "P1" }
 */
export function parseSessionRowMeta(
  cells: readonly string[],
  line: number,
  columns: ColumnMap,
  dateOrder: DateOrder,
  errors: RowError[],
  intern: (value: string) => string = (value) => value,
): { meta: SessionRowMeta; serviceDate?: LocalDate } {
  const meta: SessionRowMeta = { line };
  const encounterId = intern(cellOf(cells, columns, "encounter_id"));
  const patientId = intern(cellOf(cells, columns, "patient_id"));
  if (encounterId) meta.encounterId = encounterId;
  if (patientId) meta.patientId = patientId;
  if (!encounterId && !patientId) {
    errors.push({
      line,
      column: columns.encounter_id !== undefined ? "encounter_id" : "patient_id",
      code: "MISSING_VALUE",
      message: "no encounter id and no patient id: the row cannot be placed in an encounter",
    });
  }
  let serviceDate: LocalDate | undefined;
  const dos = cellOf(cells, columns, "date_of_service");
  if (dos) {
    const parsed = parseServiceDate(dos, dateOrder);
    if (parsed.ok) {
      meta.dateOfService = parsed.iso;
      serviceDate = parsed.date;
    } else {
      errors.push({ line, column: "date_of_service", code: "BAD_DATE", message: `date_of_service: ${parsed.message}`, raw: dos });
    }
  }
  const site = cellOf(cells, columns, "site");
  if (site) meta.site = intern(site);
  const nurse = cellOf(cells, columns, "nurse");
  if (nurse) meta.nurse = intern(nurse);
  const payer = cellOf(cells, columns, "payer");
  if (payer) meta.payer = intern(payer);
  const setting = cellOf(cells, columns, "setting");
  if (setting) {
    const normalized = normalizeSetting(setting);
    if (normalized) meta.setting = normalized;
    else errors.push({ line, column: "setting", code: "BAD_SETTING", message: `setting: ${JSON.stringify(setting)} is not facility or professional`, raw: setting });
  }
  return serviceDate ? { meta, serviceDate } : { meta };
}
