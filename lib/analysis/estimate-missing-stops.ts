import { codeEncounter } from "@/lib/coding";
import type { Administration, CodingResult, CodingSettings, Encounter } from "@/lib/coding/types";
import type { EncounterComparisonInput } from "./types";
import { medianCents } from "./valuation";

const MS_PER_MINUTE = 60_000;

type MissingStopEstimate = NonNullable<EncounterComparisonInput["missingStopEstimates"]>[number];

export function durationKey(administration: Pick<Administration, "drug" | "route">): string {
  return `${administration.drug.trim().toLowerCase()}|${administration.route}`;
}

/**
 * The organization's median documented duration (whole minutes) for each drug and route: the
 * basis of the documentation estimate for administrations with no stop time (spec §5.2).
 */
export function computeMedianDurations(encounters: Iterable<Encounter>): Map<string, number> {
  return new Map([...documentedMinutes(encounters)].map(([key, values]) => [key, medianCents(values)]));
}

/** How many documented administrations each median of `computeMedianDurations` is the median of. */
export function countDocumentedDurations(encounters: Iterable<Encounter>): Map<string, number> {
  return new Map([...documentedMinutes(encounters)].map(([key, values]) => [key, values.length]));
}

function documentedMinutes(encounters: Iterable<Encounter>): Map<string, number[]> {
  const minutes = new Map<string, number[]>();
  for (const encounter of encounters) {
    for (const administration of encounter.administrations) {
      if (!administration.stop || administration.stop.at <= administration.start.at) continue;
      const key = durationKey(administration);
      const list = minutes.get(key) ?? [];
      list.push(Math.floor((administration.stop.at - administration.start.at) / MS_PER_MINUTE));
      minutes.set(key, list);
    }
  }
  return minutes;
}

function addMinutes(local: string, minutes: number): string {
  // `local` is wall-clock `YYYY-MM-DDTHH:mm`; the estimate only needs a plausible label, so plain
  // calendar arithmetic is enough (the engine computes durations from `at`).
  const date = new Date(`${local}:00Z`);
  return new Date(date.getTime() + minutes * MS_PER_MINUTE).toISOString().slice(0, 16);
}

/**
 * For each administration the engine flagged MISSING_STOP, recodes the encounter as if it had run
 * the median duration, so the comparison can value the gap as a labelled estimate.
 */
export function estimateMissingStops(
  encounter: Encounter,
  coded: CodingResult,
  medians: ReadonlyMap<string, number>,
  settings: CodingSettings,
  /** How many documented administrations each median rests on (shown in the explanation). */
  counts?: ReadonlyMap<string, number>,
): MissingStopEstimate[] {
  const missing = new Set(coded.warnings.filter((warning) => warning.code === "MISSING_STOP").map((warning) => warning.administrationId));
  const estimates: MissingStopEstimate[] = [];
  for (const administration of encounter.administrations) {
    if (!missing.has(administration.id) || administration.stop) continue;
    const medianMinutes = medians.get(durationKey(administration));
    if (medianMinutes === undefined) continue;
    const completed: Administration = {
      ...administration,
      stop: { at: administration.start.at + medianMinutes * MS_PER_MINUTE, local: addMinutes(administration.start.local, medianMinutes) },
    };
    const estimated = codeEncounter(
      { ...encounter, administrations: encounter.administrations.map((other) => (other === administration ? completed : other)) },
      settings,
    );
    const medianOf = counts?.get(durationKey(administration));
    estimates.push({
      administrationId: administration.id,
      drug: administration.drug,
      medianMinutes,
      ...(medianOf !== undefined ? { medianOf } : {}),
      estimatedLines: estimated.lines,
    });
  }
  return estimates;
}
