/**
 * The numbers behind a finding, in words (issue 13, spec §5.2/§5.3): dollar amounts with the source
 * of every unit value, and the time math behind supported and unsupported lines, derived here from
 * the encounter's administrations and the engine's canonical lines with the unit formulas of rule
 * book §3.3 (the engine's own arithmetic stays in lib/coding; a derivation that does not reproduce
 * the engine's units is never printed — the engine's line explanation stands alone then).
 */
import type { Administration, CodedLine } from "@/lib/coding/types";
import { ADDON_HOUR_CODES } from "./code-classes";
import type { UnitValue } from "./valuation";

const MS_PER_MINUTE = 60_000;

/** Integer cents as dollars: 123456 → "$1,234.56", -500 → "−$5.00". */
export function dollars(cents: number): string {
  const sign = cents < 0 ? "−" : "";
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${whole}.${String(abs % 100).padStart(2, "0")}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "Value: 2 × $150.00 = $300.00 (fee schedule, default (*) row for 96415 (effective 2025-01-01))." */
export function valueSentence(label: "Value" | "Exposure" | "At risk", units: number, value: UnitValue): string {
  if (value.source === "none") return `${label}: no unit value known (${value.detail}).`;
  return `${label}: ${units} × ${dollars(value.cents)} = ${dollars(units * value.cents)} (${value.detail}).`;
}

/** "96413 at $300.00 (fee schedule, …)": one code's unit value with its source. */
export function codeValue(code: string, value: UnitValue): string {
  return value.source === "none" ? `${code} (no unit value: ${value.detail})` : `${code} at ${dollars(value.cents)} (${value.detail})`;
}

const ROUTE_WORDS: Record<string, string> = {
  iv_infusion: "IV infusion",
  iv_push: "IV push",
  subq_infusion: "subcutaneous infusion",
  injection: "injection",
  intra_arterial: "intra-arterial",
  other: "other route",
};

const clock = (local: string) => local.slice(11, 16);

/** Whole minutes an administration ran (floor, as the engine counts), or null without a usable stop. */
export function minutesRan(administration: Administration): number | null {
  if (!administration.stop || administration.stop.at <= administration.start.at) return null;
  return Math.floor((administration.stop.at - administration.start.at) / MS_PER_MINUTE);
}

function span(administration: Administration): string {
  const stop = administration.stop!;
  const sameDay = stop.local.slice(0, 10) === administration.start.local.slice(0, 10);
  return `${clock(administration.start.local)}–${sameDay ? clock(stop.local) : `${stop.local.slice(0, 10)} ${clock(stop.local)}`}`;
}

/** "Oxaliplatin IV infusion 09:00–10:45 = 105 min" or "Ondansetron IV push at 08:50, no stop time". */
export function describeAdministration(administration: Administration): string {
  const route = ROUTE_WORDS[administration.route] ?? administration.route;
  const minutes = minutesRan(administration);
  if (minutes === null) {
    return administration.stop
      ? `${administration.drug} ${route} at ${clock(administration.start.local)} (stop not after start)`
      : `${administration.drug} ${route} at ${clock(administration.start.local)}, no stop time`;
  }
  return `${administration.drug} ${route} ${span(administration)} = ${minutes} min`;
}

const MAX_LISTED = 6;

/** "The record: A …; B …." — the encounter's administrations with their minutes. */
export function describeRecord(administrations: readonly Administration[]): string {
  if (administrations.length === 0) return "";
  const listed = administrations.slice(0, MAX_LISTED).map(describeAdministration);
  const more = administrations.length > MAX_LISTED ? `; +${administrations.length - MAX_LISTED} more` : "";
  return `The record: ${listed.join("; ")}${more}.`;
}

type Formula = "hour" | "secondaryHydration";

/** Rule book §3.3: addon_hours(t) after an initial or sequential code; hydration_secondary(t) after another initial. */
function unitsBy(formula: Formula, minutes: number): number {
  if (formula === "hour") return minutes <= 90 ? 0 : Math.ceil((minutes - 90) / 60);
  return minutes <= 30 ? 0 : Math.ceil((minutes - 30) / 60);
}

/** The minute at which unit `units` (≥ 1) is earned: 91, 151, 211 … or 31, 91, 151 … (§3.3). */
function minutesFor(formula: Formula, units: number): number {
  return formula === "hour" ? 60 * units + 31 : 60 * units - 29;
}

type LineMath = { minutes: number; formula: Formula; units: number; administrations: Administration[] };

/**
 * The minutes behind one canonical add-on-hour line and the §3.3 formula that reproduces the engine's
 * units for them, or null when none does (e.g. the engine deducted an overlap).
 */
function lineMath(line: CodedLine, canonical: readonly CodedLine[], administrations: readonly Administration[]): LineMath | null {
  if (!ADDON_HOUR_CODES.has(line.code)) return null;
  const behind = administrations.filter((administration) => line.administrationIds.includes(administration.id));
  if (behind.length === 0 || behind.some((administration) => minutesRan(administration) === null)) return null;
  const ms = behind.reduce((sum, administration) => sum + (administration.stop!.at - administration.start.at), 0);
  const minutes = Math.floor(ms / MS_PER_MINUTE);
  const extendsBase = canonical.some(
    (other) => other !== line && !ADDON_HOUR_CODES.has(other.code) && other.administrationIds.some((id) => line.administrationIds.includes(id)),
  );
  const order: Formula[] = extendsBase ? ["hour", "secondaryHydration"] : ["secondaryHydration", "hour"];
  const formula = order.find((candidate) => unitsBy(candidate, minutes) === line.units);
  return formula ? { minutes, formula, units: line.units, administrations: behind } : null;
}

function mathText(code: string, math: LineMath): string {
  const who = math.administrations.map((administration) => `${administration.drug} ${span(administration)}`).join(" + ");
  if (math.formula === "hour") {
    const past = math.minutes > 90 ? `90 in the first hour, ${math.minutes - 90} min past it` : "all within the first hour's 90 min";
    return `${who} ran ${math.minutes} min: ${past} → ${code} ×${math.units}`;
  }
  const past = math.minutes > 30 ? `${math.minutes - 30} min past the first 30` : "30 min or less";
  return `${who} ran ${math.minutes} min after another initial service: ${past} → ${code} ×${math.units}`;
}

/**
 * Time math for billed units of `code` beyond the supported ones, e.g. "Oxaliplatin 09:00–10:45 ran
 * 105 min: 90 in the first hour, 15 min past it → 96415 ×1; ×2 needs 151 min, 46 more (§3.3)."
 * Falls back to the engine's explanations of the supported lines and the administrations behind them.
 */
export function overcodedTimeMath(
  code: string,
  billedUnits: number,
  canonical: readonly CodedLine[],
  administrations: readonly Administration[],
): string {
  const lines = canonical.filter((line) => line.code === code);
  const maths = lines.map((line) => lineMath(line, canonical, administrations));
  if (lines.length > 0 && maths.every((math) => math !== null)) {
    const texts = maths.map((math) => mathText(code, math!));
    if (maths.length === 1) {
      const math = maths[0]!;
      const need = minutesFor(math.formula, billedUnits);
      return `${texts[0]}; ×${billedUnits} needs ${need} min, ${need - math.minutes} more (§3.3).`;
    }
    return `${texts.join("; ")}; no line reaches another unit (§3.3).`;
  }
  const explained = lines.map((line) => line.explanation).join("; ");
  const ids = new Set(lines.flatMap((line) => line.administrationIds));
  const record = describeRecord(administrations.filter((administration) => ids.has(administration.id)));
  return [explained ? `Supported: ${explained}.` : "", record].filter(Boolean).join(" ");
}

/** The canonical lines an add-on hour code would extend (its "first hour"). */
const HOUR_BASES: Readonly<Record<string, readonly string[]>> = {
  "96415": ["96413", "96417"],
  "96366": ["96365", "96367"],
  "96361": ["96360"],
  "96370": ["96369"],
  "96423": ["96422"],
};

/** The threshold a billed code misses, in rule book words (§3.2, §3.3, §6). */
const CODE_RULES: Readonly<Record<string, string>> = {
  "96360": "hydration needs 31 min or more (§3.2)",
  "96361": "an extra hydration hour needs 91 min after 96360, or 31 min after another initial service (§3.3)",
  "96365": "an infusion needs 16 min or more; 15 min or less is a push (§3.2)",
  "96367": "a sequential infusion needs 16 min or more (§3.2)",
  "96413": "a chemo infusion needs 16 min or more; 15 min or less is a push (§3.2)",
  "96417": "a sequential chemo infusion needs 16 min or more (§3.2)",
  "96366": "an extra hour needs 91 min of one infusion (§3.3)",
  "96415": "an extra hour needs 91 min of one chemo infusion (§3.3)",
  "96368": "a concurrent infusion needs a second infusion running at the same time (§3.4, §6)",
  "96375": "a push of a new drug after the initial service (§6)",
  "96376": "a repeat push of the same drug needs more than 30 min since the last push, facility only (§3.2, §6)",
  "96411": "a push of a new chemo drug after the initial service (§6)",
};

/**
 * Why the record supports no unit of a billed `code`: the minutes of the infusion it would extend
 * (add-on hours), the rule it misses, the administrations with their minutes, and what is supported.
 */
export function unsupportedTimeMath(code: string, canonical: readonly CodedLine[], administrations: readonly Administration[]): string {
  const parts: string[] = [];
  const bases = canonical.filter((line) => (HOUR_BASES[code] ?? []).includes(line.code));
  for (const base of bases) {
    const behind = administrations.filter((administration) => base.administrationIds.includes(administration.id));
    const minutes = behind.map(minutesRan);
    if (behind.length === 1 && minutes[0] !== null && minutes[0]! <= 90) {
      parts.push(`${behind[0]!.drug} ${span(behind[0]!)} ran ${minutes[0]} min: all within the first hour's 90 min of ${base.code}; ${code} ×1 needs 91 min, ${91 - minutes[0]!} more (§3.3).`);
    }
  }
  if (parts.length === 0 && CODE_RULES[code]) parts.push(`Rule: ${CODE_RULES[code]}.`);
  const record = describeRecord(administrations);
  if (record) parts.push(record);
  parts.push(canonical.length ? `Supported: ${canonical.map((line) => `${line.code} ×${line.units}`).join(", ")}.` : "The record supports no drug administration line.");
  return parts.join(" ");
}

/** The engine's explanations of the canonical lines of `code` ("" when none). */
export function canonicalExplanations(code: string, canonical: readonly CodedLine[]): string {
  return canonical
    .filter((line) => line.code === code)
    .map((line) => line.explanation)
    .join("; ");
}
