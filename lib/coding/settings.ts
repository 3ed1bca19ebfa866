/**
 * Engine settings and their defaults. Every rule-book conflict (§13) and [U] point the engine depends
 * on is a setting here rather than a guess.
 */

import type { CodingSettings } from "./types";

/**
 * Default settings. Each default and the rule-book section it comes from:
 *
 * | setting | default | source |
 * |---|---|---|
 * | `setting` | `"facility"` | spec §4; facility hierarchy §4.1 (professional uses `primaryReason`, §4.2) |
 * | `midnightRule` | `"encounter"` | §3.5 (CMS: one initial per encounter, do not reset at midnight), §13.7 |
 * | `missingStop` | `"push"` | §2.2 "IVPB with no stop time: conservative practice: treat as a push", §13.10 |
 * | `separateSiteModifier` | `"XU"` | §4.3 (RAC0071 lists 59/XE/XS/XP/XU; XU or 59 per spec §4), §13.12 |
 * | `medicareOfficeSuppliedPump` | `false` | §7 (G0498 only for Medicare with an office-supplied pump) |
 * | `sequentialMinMinutes` | `16` | §3.2 ">15 min" (CPT/AAPC); Palmetto A53778 adds no unit for 20 min (§13.1) |
 * | `sumHydrationSegments` | `true` | §3.4 CPT Assistant June 2007 "total hydration time"; some payers refuse (§13.2) |
 * | `shortInfusion` | `"push"` | §3.2 ≤15 min is a push; AAPC 173706 codes a stopped infusion 96413-53 instead (§13.4) |
 * | `concurrentMinOverlapMinutes` | `16` | §3.4 last bullet (engine default ≥16 min together; Haugen ">16"), §13.5 |
 * | `addonDateAssignment` | `"thresholdMinute"` | §3.5 default (date of the threshold minute); HCPro 2009 used the start date (§13.7) |
 * | `electrolytes` | `"therapeutic"` | §2.1 (electrolyte given to correct a deficit → therapeutic; UWHC says hydration), §13.8 |
 * | `complexBiologics` | `"chemo"` | §8.2 step 5 (Medicare, hospitals: 96413/96415 for infliximab etc.), §13.9 |
 * | `concurrentPer` | `"encounter"` | §6 / ML-CONC "once per encounter"; CPT wording "once per date of service" (§13.11) |
 * | `repeatPushMinGapMinutes` | `30` | §3.2 repeat push of the same drug must be >30 min after the last one (CPT13) |
 * | `multiVialJoinGapMinutes` | `0` | §16.3 "same site with touching times = one injection"; NOR-INIT two vials/syringes = one 96372 (NOTES.md 24) |
 */
export const DEFAULT_CODING_SETTINGS: Readonly<CodingSettings> = Object.freeze({
  setting: "facility",
  midnightRule: "encounter",
  missingStop: "push",
  separateSiteModifier: "XU",
  medicareOfficeSuppliedPump: false,
  sequentialMinMinutes: 16,
  sumHydrationSegments: true,
  shortInfusion: "push",
  concurrentMinOverlapMinutes: 16,
  addonDateAssignment: "thresholdMinute",
  electrolytes: "therapeutic",
  complexBiologics: "chemo",
  concurrentPer: "encounter",
  repeatPushMinGapMinutes: 30,
  multiVialJoinGapMinutes: 0,
} satisfies CodingSettings);

/** Settings with every optional rule setting filled in. */
export type ResolvedSettings = Required<Omit<CodingSettings, "year" | "drugCatalog">> & Pick<CodingSettings, "year" | "drugCatalog">;

/** Fill absent optional settings with the defaults (not memoized: callers may reuse a mutated object). */
export function resolveSettings(s: CodingSettings): ResolvedSettings {
  const d = DEFAULT_CODING_SETTINGS;

  return {
    setting: s.setting ?? d.setting,
    midnightRule: s.midnightRule ?? d.midnightRule,
    missingStop: s.missingStop ?? d.missingStop,
    separateSiteModifier: s.separateSiteModifier ?? d.separateSiteModifier,
    medicareOfficeSuppliedPump: s.medicareOfficeSuppliedPump ?? false,
    sequentialMinMinutes: s.sequentialMinMinutes ?? 16,
    sumHydrationSegments: s.sumHydrationSegments ?? true,
    shortInfusion: s.shortInfusion ?? "push",
    concurrentMinOverlapMinutes: s.concurrentMinOverlapMinutes ?? 16,
    addonDateAssignment: s.addonDateAssignment ?? "thresholdMinute",
    electrolytes: s.electrolytes ?? "therapeutic",
    complexBiologics: s.complexBiologics ?? "chemo",
    concurrentPer: s.concurrentPer ?? "encounter",
    repeatPushMinGapMinutes: s.repeatPushMinGapMinutes ?? 30,
    multiVialJoinGapMinutes: s.multiVialJoinGapMinutes ?? 0,
    year: s.year,
    drugCatalog: s.drugCatalog,
  };
}
