/**
 * How the analysis groups drug-administration codes into finding kinds (spec §5.2). The coding
 * rules themselves (parents, units) live in lib/coding; this is only the comparison's view.
 */

/** Time-based add-on codes: one unit = one additional hour (spec §5.4 "lost add-on hours"). */
export const ADDON_HOUR_CODES: ReadonlySet<string> = new Set(["96361", "96366", "96370", "96415", "96423"]);

/** Sequential and repeat add-ons (spec §5.2 `missed_sequential`). */
export const SEQUENTIAL_CODES: ReadonlySet<string> = new Set(["96367", "96417", "96375", "96411", "96376"]);

export const CONCURRENT_CODE = "96368";

/** Codes that can start an encounter's IV services (rule book §4.3, RAC0071 adds 96369; 96422 intra-arterial). */
export const INITIAL_CODES: ReadonlySet<string> = new Set(["96360", "96365", "96369", "96374", "96409", "96413", "96422"]);

/** The sequential code a second, wrongly "initial" service of the same family should have been. */
export const SEQUENTIAL_OF_INITIAL: Readonly<Record<string, readonly string[]>> = {
  "96413": ["96417"],
  "96409": ["96411"],
  "96365": ["96367"],
  "96374": ["96375"],
};

/** Whether a code is in the drug-administration range the analysis compares (spec §5.1), plus G0498. */
export function isDrugAdministrationCode(code: string): boolean {
  if (code === "G0498") return true;
  if (!/^\d{5}$/.test(code)) return false;
  const value = Number(code);
  return value >= 96360 && value <= 96549;
}
