/**
 * The engine's rule options as the Settings page edits them: each option of
 * DEFAULT_CODING_SETTINGS (lib/coding/settings.ts) with its label, choices, default and rule-book
 * section. Pure; the zod schema here validates what is stored in Organization.ruleSettings.
 */
import { z } from "zod";
import { DEFAULT_CODING_SETTINGS } from "@/lib/coding/settings";
import type { CodingSettings } from "@/lib/coding/types";

type TChoice = { value: string; label: string };

export type TRuleOption =
  | { key: TRuleKey; kind: "choice"; label: string; help: string; section: string; choices: readonly TChoice[] }
  | { key: TRuleKey; kind: "boolean"; label: string; help: string; section: string }
  | { key: TRuleKey; kind: "minutes"; label: string; help: string; section: string; min: number; max: number };

/** Rule options stored in ruleSettings; `setting` is the organization's own column. */
export type TRuleKey = Exclude<keyof CodingSettings, "setting" | "year" | "drugCatalog">;

export const RULE_OPTIONS: readonly TRuleOption[] = [
  {
    key: "midnightRule",
    kind: "choice",
    label: "Infusions past midnight",
    help: "One initial service per encounter (CMS), or a new initial service on each calendar date (CPT).",
    section: "§3.5, §13.7",
    choices: [
      { value: "encounter", label: "One initial per encounter (CMS)" },
      { value: "calendarDay", label: "New initial each date (CPT)" },
    ],
  },
  {
    key: "missingStop",
    kind: "choice",
    label: "IV drug with no stop time",
    help: "Code it as a push (conservative practice) or code nothing time-based for it.",
    section: "§2.2, §13.10",
    choices: [
      { value: "push", label: "Code as a push" },
      { value: "none", label: "Code nothing time-based" },
    ],
  },
  {
    key: "separateSiteModifier",
    kind: "choice",
    label: "Modifier for a second access site",
    help: "The modifier on a second initial service justified by a separate IV site.",
    section: "§4.3, §13.12",
    choices: [
      { value: "XU", label: "XU" },
      { value: "59", label: "59" },
    ],
  },
  {
    key: "medicareOfficeSuppliedPump",
    kind: "boolean",
    label: "Medicare, office-supplied portable pump",
    help: "Code G0498 instead of 96416 for Medicare chemo pump starts with a pump the office supplies.",
    section: "§7",
  },
  {
    key: "sequentialMinMinutes",
    kind: "minutes",
    label: "Shortest sequential infusion",
    help: "Minutes a sequential infusion must run (after deductions) to be coded.",
    section: "§3.2, §13.1",
    min: 1,
    max: 120,
  },
  {
    key: "sumHydrationSegments",
    kind: "boolean",
    label: "Add hydration segments together",
    help: "Total the hydration time outside other infusions (CPT Assistant); some payers refuse this.",
    section: "§3.4, §13.2",
  },
  {
    key: "shortInfusion",
    kind: "choice",
    label: "IV infusion of 15 minutes or less",
    help: "Code it as a push, or as a discontinued infusion with modifier 53.",
    section: "§3.2, §13.4",
    choices: [
      { value: "push", label: "Code as a push" },
      { value: "discontinued53", label: "Discontinued infusion (-53)" },
    ],
  },
  {
    key: "concurrentMinOverlapMinutes",
    kind: "minutes",
    label: "Overlap that makes infusions concurrent",
    help: "Two drug infusions running together at least this long are concurrent (96368).",
    section: "§3.4, §13.5",
    min: 1,
    max: 120,
  },
  {
    key: "addonDateAssignment",
    kind: "choice",
    label: "Date of an add-on hour after midnight",
    help: "The date its threshold minute falls on, or the infusion's start date.",
    section: "§3.5, §13.7",
    choices: [
      { value: "thresholdMinute", label: "Date of the threshold minute" },
      { value: "startDate", label: "Start date" },
    ],
  },
  {
    key: "electrolytes",
    kind: "choice",
    label: "Electrolyte-only infusions",
    help: "Potassium, magnesium and the like given without a fluid: therapeutic or hydration.",
    section: "§2.1, §13.8",
    choices: [
      { value: "therapeutic", label: "Therapeutic" },
      { value: "hydration", label: "Hydration" },
    ],
  },
  {
    key: "complexBiologics",
    kind: "choice",
    label: "Complex biologics outside J9",
    help: "Monoclonal antibodies such as infliximab: chemo administration codes or therapeutic ones.",
    section: "§8.2, §13.9",
    choices: [
      { value: "chemo", label: "Chemo codes (96413/96415)" },
      { value: "therapeutic", label: "Therapeutic codes (96365/96366)" },
    ],
  },
  {
    key: "concurrentPer",
    kind: "choice",
    label: "Concurrent infusion (96368) at most",
    help: "Once per encounter, or once per date of service.",
    section: "§6, §13.11",
    choices: [
      { value: "encounter", label: "Once per encounter" },
      { value: "dateOfService", label: "Once per date of service" },
    ],
  },
  {
    key: "repeatPushMinGapMinutes",
    kind: "minutes",
    label: "Gap before a repeat push of the same drug",
    help: "A repeat push counts only when it comes more than this many minutes after the last one.",
    section: "§3.2",
    min: 1,
    max: 240,
  },
  {
    key: "multiVialJoinGapMinutes",
    kind: "minutes",
    label: "Gap that joins syringes of one dose",
    help: "Records of the same drug, route and site this close (0 = touching or overlapping) are one push or injection.",
    section: "§16.3, §1a",
    min: 0,
    max: 15,
  },
];

export type TRuleSettings = { [K in TRuleKey]-?: NonNullable<CodingSettings[K]> };

/** The default of each rule option, from DEFAULT_CODING_SETTINGS. */
export function defaultRuleSettings(): TRuleSettings {
  const defaults = DEFAULT_CODING_SETTINGS;

  return {
    midnightRule: defaults.midnightRule,
    missingStop: defaults.missingStop,
    separateSiteModifier: defaults.separateSiteModifier,
    medicareOfficeSuppliedPump: defaults.medicareOfficeSuppliedPump ?? false,
    sequentialMinMinutes: defaults.sequentialMinMinutes ?? 16,
    sumHydrationSegments: defaults.sumHydrationSegments ?? true,
    shortInfusion: defaults.shortInfusion ?? "push",
    concurrentMinOverlapMinutes: defaults.concurrentMinOverlapMinutes ?? 16,
    addonDateAssignment: defaults.addonDateAssignment ?? "thresholdMinute",
    electrolytes: defaults.electrolytes ?? "therapeutic",
    complexBiologics: defaults.complexBiologics ?? "chemo",
    concurrentPer: defaults.concurrentPer ?? "encounter",
    repeatPushMinGapMinutes: defaults.repeatPushMinGapMinutes ?? 30,
    multiVialJoinGapMinutes: defaults.multiVialJoinGapMinutes ?? 0,
  };
}

const minutes = (min: number, max: number) =>
  z.coerce
    .number({ error: `Enter whole minutes from ${min} to ${max}` })
    .int(`Enter whole minutes from ${min} to ${max}`)
    .min(min, `Enter whole minutes from ${min} to ${max}`)
    .max(max, `Enter whole minutes from ${min} to ${max}`);

/** Validates a full set of rule options (what the form posts and what is stored). */
export const ZRuleSettings = z.object({
  midnightRule: z.enum(["encounter", "calendarDay"]),
  missingStop: z.enum(["push", "none"]),
  separateSiteModifier: z.enum(["XU", "59"]),
  medicareOfficeSuppliedPump: z.boolean(),
  sequentialMinMinutes: minutes(1, 120),
  sumHydrationSegments: z.boolean(),
  shortInfusion: z.enum(["push", "discontinued53"]),
  concurrentMinOverlapMinutes: minutes(1, 120),
  addonDateAssignment: z.enum(["thresholdMinute", "startDate"]),
  electrolytes: z.enum(["therapeutic", "hydration"]),
  complexBiologics: z.enum(["chemo", "therapeutic"]),
  concurrentPer: z.enum(["encounter", "dateOfService"]),
  repeatPushMinGapMinutes: minutes(1, 240),
  multiVialJoinGapMinutes: minutes(0, 15),
}) satisfies z.ZodType<TRuleSettings>;

/**
 * The stored ruleSettings JSON read leniently: each valid value kept, anything else replaced by
 * its default (an old or hand-edited value never breaks the page).
 */
export function readRuleSettings(stored: unknown): TRuleSettings {
  const resolved = defaultRuleSettings();
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return resolved;
  const shape = ZRuleSettings.shape;
  for (const key of Object.keys(shape) as TRuleKey[]) {
    const parsed = shape[key].safeParse((stored as Record<string, unknown>)[key]);
    if (parsed.success) (resolved as Record<string, unknown>)[key] = parsed.data;
  }

  return resolved;
}
