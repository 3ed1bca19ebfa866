/**
 * Deterministic sessions CSV (interval form, spec §3.1) of any size, written in pieces so a
 * million rows never sit in memory. Used by the import benchmark and the import integration tests.
 * Every encounter has 3–5 administrations (a chemo or therapeutic infusion, hydration, pushes),
 * some without a stop time; patients and dates repeat like a real practice's.
 */
import { closeSync, openSync, writeSync } from "node:fs";

const DRUGS = [
  { drug: "Oxaliplatin", hcpcs: "J9263", category: "chemo", route: "IV", minutes: 120 },
  { drug: "Rituximab", hcpcs: "J9312", category: "chemo", route: "IV", minutes: 195 },
  { drug: "Infliximab", hcpcs: "J1745", category: "therapeutic", route: "IV", minutes: 150 },
  { drug: "Iron sucrose", hcpcs: "J1756", category: "therapeutic", route: "IVPB", minutes: 30 },
] as const;
const NURSES = ["RN Adams", "RN Baker", "RN Cole", "RN Diaz"];
const PAYERS = ["Medicare", "Aetna", "Blue Plan", "Medicaid"];

export const SESSIONS_HEADER = "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,nurse,payer,site";

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD HH:mm` for day offset `day` from 2025-01-06 and minute of day. */
function at(day: number, minute: number): string {
  const d = new Date(Date.UTC(2025, 0, 6 + day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}

/** The data rows of encounter `i` (no header), ids prefixed with `prefix`. */
export function encounterRows(i: number, prefix = "E"): string[] {
  const id = `${prefix}${i}`;
  const patient = `MRN${(i * 7919) % 50_000}`;
  const day = (i * 13) % 364;
  const start = 8 * 60 + ((i * 37) % 240);
  const main = DRUGS[i % DRUGS.length]!;
  const nurse = NURSES[i % NURSES.length]!;
  const payer = PAYERS[(i >> 2) % PAYERS.length]!;
  const site = i % 3 === 0 ? "North" : "Main";
  const mainStop = start + main.minutes + (i % 50);
  const rows = [
    `${id},${patient},${main.drug},${main.hcpcs},${main.category},${main.route},${at(day, start)},${at(day, mainStop)},Port,${nurse},${payer},${site}`,
    `${id},${patient},Normal saline,J7050,hydration,IV,${at(day, mainStop)},${at(day, mainStop + 45 + (i % 40))},Port,${nurse},${payer},${site}`,
    `${id},${patient},Ondansetron,J2405,therapeutic,IV Push,${at(day, start - 15)},${i % 7 === 0 ? "" : at(day, start - 12)},Port,${nurse},${payer},${site}`,
  ];
  if (i % 2 === 0) rows.push(`${id},${patient},Dexamethasone,J1100,therapeutic,IV Push,${at(day, start - 10)},${at(day, start - 8)},Port,${nurse},${payer},${site}`);
  if (i % 5 === 0) rows.push(`${id},${patient},Famotidine,J3490,therapeutic,IV Push,${at(day, start - 5)},,Port,${nurse},${payer},${site}`);
  return rows;
}

/**
 * Writes a sessions CSV with at least `minRows` administration rows (whole encounters).
 * Returns the number of data rows and encounters written.
 */
export function writeSessionsCsv(path: string, minRows: number, options: { prefix?: string; firstEncounter?: number } = {}): { rows: number; encounters: number } {
  const fd = openSync(path, "w");
  let rows = 0;
  let encounters = 0;
  let buffer = `${SESSIONS_HEADER}\n`;
  try {
    for (let i = options.firstEncounter ?? 1; rows < minRows; i++) {
      const lines = encounterRows(i, options.prefix);
      rows += lines.length;
      encounters++;
      buffer += `${lines.join("\n")}\n`;
      if (buffer.length > 1 << 20) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
    writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { rows, encounters };
}
