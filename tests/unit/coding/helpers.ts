/**
 * Terse builders for coding-engine tests.
 *
 *   adm("oxaliplatin", "chemo", "iv_infusion", "09:05", "12:20")
 *
 * Times are wall clock on DAY (2025-03-04) in a zone without DST (UTC), "HH:mm+1" is the next day,
 * and a full `YYYY-MM-DDTHH:mm` is taken as is. `undefined` category = derive it from hcpcs/drug.
 */

import { codeEncounter, DEFAULT_CODING_SETTINGS } from "@/lib/coding";
import type { Administration, Category, CodingResult, CodingSettings, Encounter, Route, TimePoint } from "@/lib/coding/types";

export const DAY = "2025-03-04";

let counter = 0;

/** Wall-clock time point in UTC (no DST): "09:05", "02:00+1" (next day) or "2025-03-05T02:00". */
export function tp(time: string): TimePoint {
  let local: string;
  if (time.length >= 16) {
    local = time.slice(0, 16);
  } else {
    const plus = time.indexOf("+");
    const hhmm = plus >= 0 ? time.slice(0, plus) : time;
    const days = plus >= 0 ? Number(time.slice(plus + 1)) : 0;
    const d = new Date(Date.UTC(2025, 2, 4 + days));
    local = `${d.toISOString().slice(0, 10)}T${hhmm.padStart(5, "0")}`;
  }

  return { at: Date.parse(`${local}:00Z`), local };
}

/** A time point in a zone with `offsetMinutes` from UTC (for DST tests). */
export function tpZ(local: string, offsetMinutes: number): TimePoint {
  return { at: Date.parse(`${local}:00Z`) - offsetMinutes * 60_000, local };
}

export type AdmExtra = Partial<Omit<Administration, "drug" | "category" | "route" | "start" | "stop">>;

/** Build one administration; `stop` undefined = not documented. */
export function adm(
  drug: string,
  category: Category | undefined,
  route: Route,
  start: string,
  stop?: string,
  extra: AdmExtra = {},
): Administration {
  counter++;
  const a: Administration = { id: extra.id ?? `A${String(counter).padStart(3, "0")}`, drug, route, start: tp(start), ...extra };
  if (category !== undefined) a.category = category;
  if (stop !== undefined) a.stop = tp(stop);

  return a;
}

export function enc(...administrations: Administration[]): Encounter {
  return { id: "E1", administrations };
}

export function settings(overrides: Partial<CodingSettings> = {}): CodingSettings {
  return { ...DEFAULT_CODING_SETTINGS, ...overrides };
}

export function run(administrations: Administration[], overrides: Partial<CodingSettings> = {}): CodingResult {
  return codeEncounter(enc(...administrations), settings(overrides));
}

/** Compact line summary: "96413", "96415x2", "96365-XU", "96361x1@2025-03-05" (date only when asked). */
export function summary(result: CodingResult, withDates = false): string[] {
  return result.lines.map((l) => {
    const mods = l.modifiers.length > 0 ? `-${l.modifiers.join("-")}` : "";
    const units = l.units === 1 ? "" : `x${l.units}`;

    return `${l.code}${mods}${units}${withDates ? `@${l.dateOfService}` : ""}`;
  });
}

/** Codes only, for run(): `codes(adms)` → ["96413", "96415x2"]. */
export function codes(administrations: Administration[], overrides: Partial<CodingSettings> = {}): string[] {
  return summary(run(administrations, overrides));
}

export function warningCodes(result: CodingResult): string[] {
  return result.warnings.map((w) => w.code);
}

/** Minutes → "HH:mm" after `from` ("09:00" + 75 → "10:15"), with "+1" when crossing midnight. */
export function after(from: string, minutes: number): string {
  const [h, m] = from.split(":").map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  const day = Math.floor(total / 1440);
  const t = total % 1440;
  const hhmm = `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;

  return day > 0 ? `${hhmm}+${day}` : hhmm;
}
