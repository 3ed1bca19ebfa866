/**
 * How the analysis groups drug-administration codes into finding kinds (spec §5.2). The coding
 * rules themselves (parents, units, which codes are initial) live in lib/coding; this is only the
 * comparison's view of them.
 */
import { CODES, INITIAL_CODES } from "@/lib/coding/codes";
import type { AddOnRules } from "./types";

export { INITIAL_CODES };

/** The engine's add-on table as the comparison needs it (rule book §1 "May be reported with"). */
export const ENGINE_ADD_ON_RULES: AddOnRules = {
  isAddOn: (code) => CODES.get(code)?.isAddOn ?? false,
  parentsOf: (code) => CODES.get(code)?.parents ?? [],
};

/** Time-based add-on codes: one unit = one additional hour (spec §5.4 "lost add-on hours"). */
export const ADDON_HOUR_CODES: ReadonlySet<string> = new Set(["96361", "96366", "96370", "96415", "96423"]);

/** Sequential and repeat add-ons (spec §5.2 `missed_sequential`). */
export const SEQUENTIAL_CODES: ReadonlySet<string> = new Set(["96367", "96417", "96375", "96411", "96376"]);

export const CONCURRENT_CODE = "96368";

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
