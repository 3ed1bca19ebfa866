/**
 * Modifiers (rule book §4.3, §13.4, §13.12):
 * - a second initial service on a separate access site carries `separateSiteModifier` (XU or 59;
 *   RAC0071 lists 59/XE/XS/XP/XU) and the record must show why the second site was needed;
 * - a 1–15 min infusion coded as a discontinued infusion (`shortInfusion: "discontinued53"`) carries 53.
 */

import type { ResolvedSettings } from "./settings";

/** Reduced/discontinued service (AAPC 173706: rituximab stopped at 15 min → 96413-53; §13.4). */
export const DISCONTINUED_MODIFIER = "53";

/** Modifiers for an initial code: the separate-site modifier on a second initial, 53 when discontinued. */
export function initialModifiers(s: ResolvedSettings, second: boolean, discontinued: boolean): string[] {
  const mods: string[] = [];
  if (second) mods.push(s.separateSiteModifier);
  if (discontinued) mods.push(DISCONTINUED_MODIFIER);

  return mods;
}
