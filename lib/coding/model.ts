/**
 * Engine-internal working types shared by the rule files. Not part of the public contract.
 */

import type { Administration, Category, CodingWarning, WarningCode } from "./types";
import type { ResolvedSettings } from "./settings";
import type { Span } from "./time-and-units";

/** An administration after normalization (category, site, valid timed span). */
export type NormAdm = {
  src: Administration;
  id: string;
  /** Lower-cased, trimmed drug name: "same drug" means the same key (§3.4, §6). */
  drugKey: string;
  /** Documented HCPCS, trimmed and upper-cased ("" when absent). */
  hcpcs: string;
  category: Category;
  hormonal: boolean;
  /** Access-site key ("" = not documented; intra-arterial sites are prefixed `ia:`). */
  site: string;
  /** Documented start–stop of at least one whole minute, or null (missing, reversed or zero). */
  span: Span | null;
  /** Why `span` is null when a stop was expected (MISSING_STOP, STOP_BEFORE_START, ZERO_DURATION). */
  timeIssue?: "missing" | "reversed" | "zero";
  /** `YYYY-MM-DD` of the start (wall clock). */
  date: string;
};

/**
 * One billable IV (or intra-arterial) drug service on one access site: the same drug's infusion
 * segments summed (§3.1, §3.4), or one push. Hydration infusions are kept apart (hydration.ts) and
 * join the initial choice as `isHydration` services.
 */
export type IvService = {
  technique: "infusion" | "push";
  family: "iv" | "ia";
  category: Category;
  isHydration: boolean;
  drug: string;
  drugKey: string;
  site: string;
  adms: NormAdm[];
  /** Disjoint timed spans (union of the segments), in order. */
  spans: Span[];
  /** Whole minutes of `spans`. */
  minutes: number;
  startAt: number;
  /** Start time point for display and date of service. */
  start: Administration["start"];
  /** Last documented end (or the start for an untimed push). */
  endAt: number;
  primaryReason: boolean;
  /** Why an `iv_infusion` is coded as a push: ≤15 min, or no usable stop time. */
  pushReason?: "short" | "untimed";
  /** `shortInfusion: "discontinued53"`: a 1–15 min infusion coded as an infusion with modifier 53 (§13.4). */
  discontinued?: boolean;
  /** Plain-English time math for explanations. */
  timeText: string;
};

/** A line under construction; lines with the same code, date and modifiers are merged at the end. */
export type Fragment = {
  code: string;
  units: number;
  modifiers: string[];
  adminIds: string[];
  /** Explanation text without the `code ×units:` prefix. */
  text: string;
  date: string;
  /** 0 = first initial, 1 = another initial (second site / SC), 2 = other primary, 3 = add-on. */
  group: 0 | 1 | 2 | 3;
  /** Order among initials (partition, site). */
  order: number;
};

/** Mutable state of one `codeEncounter` call. */
export type Ctx = {
  s: ResolvedSettings;
  warnings: CodingWarning[];
  out: Fragment[];
  /** Keys for which 96368 is already reported ("" per encounter, or a date; §13.11). */
  concurrentUsed: string[];
  /** Counter for initial ordering. */
  initialOrder: number;
};

export function warn(ctx: Ctx, code: WarningCode, administrationId: string | undefined, message: string): void {
  ctx.warnings.push(administrationId === undefined ? { code, message } : { code, administrationId, message });
}

export function adminIds(adms: readonly NormAdm[]): string[] {
  const ids = new Array<string>(adms.length);
  for (let i = 0; i < adms.length; i++) ids[i] = adms[i]!.id;

  return ids;
}
