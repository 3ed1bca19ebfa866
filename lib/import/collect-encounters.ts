/**
 * Groups items (administrations, or MAR events) into encounters in order of first appearance:
 * by `encounter_id` when the row has one, else by patient + date of service (+ site) (spec §2).
 * Keeps the per-encounter metadata (patient, date of service, site, nurses, payer, setting).
 */
import type { CodingWarning } from "../coding/types";
import { createFingerprintSet } from "./fingerprint-set";
import type { ImportNotice } from "./row-error";
import type { EncounterMeta, SessionRowMeta } from "./session-types";

export type EncounterGroup<T> = {
  meta: EncounterMeta;
  items: T[];
  /** Import-time warnings of the group's rows. */
  warnings: CodingWarning[];
  earliestStart?: { at: number; date: string };
};

export type EncounterCollector<T> = {
  /** Adds one item; `start` (epoch ms + local date) fixes the date of service when the row has none. */
  add(row: SessionRowMeta, item: T, start: { at: number; date: string } | undefined, warnings?: readonly CodingWarning[]): void;
  /** Groups in first-appearance order. */
  finish(): EncounterGroup<T>[];
  /**
   * For files that keep each encounter's rows together: removes and returns every group except the
   * one the last row went to. A later row for a taken group starts a new group (notice).
   */
  takeCompleted(): EncounterGroup<T>[];
  notices: ImportNotice[];
};

/**
 * @example
 * const c = createEncounterCollector<string>(0);
 * c.add({ line: 2, encounterId: "E1" }, "a", undefined);
 * c.finish()[0].meta.encounterId //=> "E1"
 */
export function createEncounterCollector<T>(fileIndex: number): EncounterCollector<T> {
  const groups = new Map<string, EncounterGroup<T>>();
  const notices: ImportNotice[] = [];
  // Keys of groups already handed out (contiguous files): fingerprints, so memory stays small on huge files.
  const taken = createFingerprintSet();
  let lastKey: string | undefined;

  const add = (row: SessionRowMeta, item: T, start: { at: number; date: string } | undefined, warnings?: readonly CodingWarning[]): void => {
    let key: string;
    let encounterId: string;
    let isDerivedId = false;
    if (row.encounterId) {
      key = `E\u0000${row.encounterId}`;
      encounterId = row.encounterId;
    } else {
      const dos = row.dateOfService ?? start?.date ?? "";
      key = `P\u0000${row.patientId ?? ""}\u0000${dos}\u0000${row.site ?? ""}`;
      encounterId = [row.patientId ?? "", dos, ...(row.site ? [row.site] : [])].join(":");
      isDerivedId = true;
    }
    lastKey = key;
    let group = groups.get(key);
    if (!group) {
      if (taken.has(key)) {
        notices.push({
          line: row.line,
          code: "ENCOUNTER_NOT_CONTIGUOUS",
          message: `encounter ${encounterId} continues at line ${row.line} after it was already emitted: the file is not grouped by encounter`,
        });
      }
      const meta: EncounterMeta = {
        encounterId,
        isDerivedId,
        dateOfService: row.dateOfService ?? "",
        nurses: [],
        firstLine: row.line,
        fileIndex,
      };
      if (row.patientId) meta.patientId = row.patientId;
      if (row.site) meta.site = row.site;
      if (row.payer) meta.payer = row.payer;
      if (row.setting) meta.setting = row.setting;
      group = { meta, items: [], warnings: [] };
      groups.set(key, group);
    } else {
      const meta = group.meta;
      if (row.patientId && !meta.patientId) meta.patientId = row.patientId;
      else if (row.patientId && meta.patientId !== row.patientId) {
        notices.push({ line: row.line, code: "CONFLICTING_PATIENT", message: `encounter ${encounterId}: patient differs from line ${meta.firstLine}; kept the first` });
      }
      if (row.site && !meta.site) meta.site = row.site;
      if (row.payer && !meta.payer) meta.payer = row.payer;
      else if (row.payer && meta.payer !== row.payer) {
        notices.push({ line: row.line, code: "CONFLICTING_PAYER", message: `encounter ${encounterId}: payer ${JSON.stringify(row.payer)} differs from ${JSON.stringify(meta.payer)}; kept the first` });
      }
      if (row.setting && !meta.setting) meta.setting = row.setting;
      else if (row.setting && meta.setting !== row.setting) {
        notices.push({ line: row.line, code: "CONFLICTING_SETTING", message: `encounter ${encounterId}: setting ${row.setting} differs from ${meta.setting}; kept the first` });
      }
      if (row.dateOfService && !meta.dateOfService) meta.dateOfService = row.dateOfService;
    }
    if (row.nurse && !group.meta.nurses.includes(row.nurse)) group.meta.nurses.push(row.nurse);
    if (start && (!group.earliestStart || start.at < group.earliestStart.at)) group.earliestStart = start;
    group.items.push(item);
    if (warnings) for (const w of warnings) group.warnings.push(w);
  };

  const finish = (): EncounterGroup<T>[] => {
    const out = [...groups.values()];
    for (const group of out) {
      if (!group.meta.dateOfService && group.earliestStart) group.meta.dateOfService = group.earliestStart.date;
    }
    return out;
  };

  const takeCompleted = (): EncounterGroup<T>[] => {
    const out: EncounterGroup<T>[] = [];
    for (const [key, group] of groups) {
      if (key === lastKey) continue;
      if (!group.meta.dateOfService && group.earliestStart) group.meta.dateOfService = group.earliestStart.date;
      out.push(group);
      groups.delete(key);
      taken.add(key);
    }
    return out;
  };

  return { add, finish, takeCompleted, notices };
}
