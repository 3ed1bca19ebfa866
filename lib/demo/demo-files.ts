import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

/** The demo practice's generator options (lib/synthetic): two years of a three-site practice. */
export const DEMO_OPTIONS = { seed: 42, weeks: 104, scale: 1, setting: "professional" } as const;

export const DEMO_ORGANIZATION = { name: "Demo Infusion Practice", timeZone: "America/New_York", setting: "professional" } as const;

/** The demo files live in the data folder (`data/demo/` by default) and are kept for `analyze`. */
export function demoDir(dataDir: string): string {
  return path.join(dataDir, "demo");
}

/** Written when the user clears the demo, so the next start does not load it again. */
export function demoClearedMarker(dataDir: string): string {
  return path.join(dataDir, ".demo-cleared");
}

export type TDemoFiles = { sessions: string[]; claims: string[]; feeSchedule: string };

/**
 * The demo files to import, in import order: the fee schedule first (valuation), the sessions (interval
 * and MAR form), then the 835 remittances in paid order (month, then payer). The generator's
 * claims.csv carries the same lines as the 835s (without the PLB recoupment), so it is kept on disk
 * but not imported: importing both would bill every line twice.
 */
export function listDemoFiles(dir: string): TDemoFiles | null {
  const sessions = ["sessions.csv", "sessions-mar.csv"].map((name) => path.join(dir, name));
  const feeSchedule = path.join(dir, "fee-schedule.csv");
  const remitDir = path.join(dir, "remits");
  if (![...sessions, feeSchedule, remitDir].every((file) => existsSync(file))) return null;
  const monthOf = (name: string) => /-(\d{4}-\d{2})\.835$/.exec(name)?.[1] ?? "";
  const claims = readdirSync(remitDir)
    .filter((name) => name.endsWith(".835"))
    .sort((a, b) => monthOf(a).localeCompare(monthOf(b)) || a.localeCompare(b))
    .map((name) => path.join(remitDir, name));
  if (claims.length === 0) return null;

  return { sessions, claims, feeSchedule };
}
