/**
 * Hydration (rule book §5, §3.3, §3.4):
 * - all hydration infusion time on one access site is pooled (overlapping bags count once);
 * - time that runs at the same time as any drug infusion or push is removed (concurrent hydration is
 *   not hydration: NCCI-XI B.5; pushes during hydration: MedLearn 2021-11-15);
 * - the remaining non-concurrent segments are added together (CPT Assistant June 2007) unless
 *   `sumHydrationSegments` is false (§13.2), and a total that only reaches 31 min by adding segments
 *   is flagged (HYDRATION_SEGMENTS_SUMMED);
 * - ≥31 min to report (HYDRATION_TOO_SHORT otherwise); as the initial service 96360 + 96361 ×
 *   addon_hours; after another initial 96361 × hydration_secondary (§3.3).
 */

import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, IvService, NormAdm } from "./model";
import * as outputModule from "./output";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { localDate } = midnightModule;
const { adminIds, warn } = modelModule;
const { emitTimedAddon } = outputModule;
const { describeSpans, HYDRATION_MIN_MINUTES, hydrationSecondaryThresholdMinute, hydrationSecondaryUnits, spanMinutes, spansMinutes, subtractSpans, unionSpans } = timeAndUnitsModule;

/**
 * Pool the hydration administrations of one site, remove concurrent time and return the hydration
 * as a service (`isHydration`), with its counted minutes. Warns when the result is not reportable.
 */
export function buildHydration(adms: readonly NormAdm[], cutters: readonly Span[], ctx: Ctx): IvService | null {
  if (adms.length === 0) return null;
  const raw = unionSpans(adms.map((a) => a.span!));
  const rawMinutes = spansMinutes(raw);
  const pieces = subtractSpans(raw, cutters);
  const names: string[] = [];
  let primaryReason = false;
  for (const a of adms) {
    if (!names.includes(a.src.drug)) names.push(a.src.drug);
    if (a.src.primaryReason === true) primaryReason = true;
  }
  const label = names.join(" + ");
  let text = `${label} ${describeSpans(raw, rawMinutes)}`;
  let counted = pieces;
  const piecesMinutes = spansMinutes(pieces);
  if (piecesMinutes !== rawMinutes) {
    text += `; minus ${rawMinutes - piecesMinutes} min at the same time as a drug infusion or push (not hydration, §3.4, §5) → ${pieces.length === 0 ? "0 min" : describeSpans(pieces, piecesMinutes)}`;
  }
  if (!ctx.s.sumHydrationSegments && pieces.length > 1) {
    counted = pieces.filter((p) => spanMinutes(p) >= HYDRATION_MIN_MINUTES);
    if (counted.length !== pieces.length) {
      text += `; segments under ${HYDRATION_MIN_MINUTES} min not added (sumHydrationSegments=false, §13.2) → ${spansMinutes(counted)} min`;
    }
  }
  const minutes = spansMinutes(counted);
  const first = adms[0]!;
  const ids = adminIds(adms);
  if (minutes < HYDRATION_MIN_MINUTES) {
    warn(ctx, "HYDRATION_TOO_SHORT", first.id, `${ids.join(", ")}: ${text}; hydration needs at least ${HYDRATION_MIN_MINUTES} min of its own time, so it is not reported (§3.2, §5).`);

    return null;
  }
  if (counted.length > 1) {
    let longest = 0;
    for (const p of counted) longest = Math.max(longest, spanMinutes(p));
    if (longest < HYDRATION_MIN_MINUTES) {
      warn(
        ctx,
        "HYDRATION_SEGMENTS_SUMMED",
        first.id,
        `${ids.join(", ")}: hydration reaches ${minutes} min only by adding separate segments (longest ${longest} min); CPT Assistant adds them, some payers refuse: denial risk (§3.4, §13.2).`,
      );
    }
  }
  const start = counted[0]!.a;

  return {
    technique: "infusion",
    family: "iv",
    category: "hydration",
    isHydration: true,
    drug: label,
    drugKey: first.drugKey,
    site: first.site,
    adms: adms.slice(),
    spans: counted,
    minutes,
    startAt: start.at,
    start,
    endAt: counted[counted.length - 1]!.b.at,
    primaryReason,
    timeText: text,
  };
}

/** Hydration after a different initial service: 96361 × hydration_secondary(t) (§3.3, §5). */
export function emitSecondaryHydration(ctx: Ctx, h: IvService): void {
  const units = hydrationSecondaryUnits(h.minutes);
  emitTimedAddon(
    ctx,
    "96361",
    units,
    h.spans,
    hydrationSecondaryThresholdMinute,
    localDate(h.start),
    adminIds(h.adms),
    `${h.timeText}; hydration after another initial service is 96361, not 96360: ${h.minutes} min → ${units} unit${units === 1 ? "" : "s"} (31–90 min = 1, +1 per further 60 min; §3.3, §5)`,
  );
}
