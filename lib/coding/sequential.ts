/**
 * Everything after the initial service on one access site (rule book §6, §3.2, §3.3):
 * - a new drug by infusion → 96367 (chemo 96417), once per drug, extra hours 96366 (chemo 96415);
 *   the same drug restarted is not a new code (its segments were already summed, technique.ts);
 * - a new drug by push → 96375 (chemo 96411);
 * - the same drug pushed again more than `repeatPushMinGapMinutes` (30) after its last reported push →
 *   96376, facility only; professional: no code (§1a, OHCA-96376); chemo: no repeat-push code;
 * - overlapping infusions → concurrency.ts.
 */

import * as concurrencyModule from "./concurrency";
import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, IvService } from "./model";
import * as modifiersModule from "./modifiers";
import * as outputModule from "./output";
import * as smallSortModule from "./small-sort";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { classifyOverlap, emitConcurrent } = concurrencyModule;
const { localDate } = midnightModule;
const { adminIds, warn } = modelModule;
const { DISCONTINUED_MODIFIER } = modifiersModule;
const { emit, emitTimedAddon } = outputModule;
const { sortSmall } = smallSortModule;
const { addonHours, addonThresholdMinute, clock, describeSpans, FIRST_HOUR_COVERS_MINUTES, MS_PER_MINUTE, spansMinutes } = timeAndUnitsModule;

/** Per-site state while secondaries are coded. */
type SiteState = {
  /** Drug infusions already placed (initial + sequential/concurrent), for overlap checks. */
  placed: IvService[];
  /** Drug key → instant of its last reported push (or the end of its infusion). */
  lastReported: Map<string, number>;
};

function compareByStart(a: IvService, b: IvService): number {
  if (a.startAt !== b.startAt) return a.startAt - b.startAt;
  const ia = a.adms[0]!.id;
  const ib = b.adms[0]!.id;

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Code the services of one site other than its initial, in clock order. */
export function codeSecondaries(ctx: Ctx, initial: IvService, others: IvService[]): void {
  const st: SiteState = { placed: [], lastReported: new Map() };
  if (!initial.isHydration) {
    if (initial.technique === "infusion") st.placed.push(initial);
    st.lastReported.set(initial.drugKey, initial.technique === "push" ? initial.startAt : initial.endAt);
  }
  sortSmall(others, compareByStart);
  for (const svc of others) {
    if (svc.technique === "push") codePush(ctx, st, svc);
    else codeInfusion(ctx, st, svc);
  }
}

function codeInfusion(ctx: Ctx, st: SiteState, svc: IvService): void {
  const id = svc.adms[0]!.id;
  if (svc.family === "ia") {
    warn(ctx, "UNSUPPORTED_ROUTE", id, `${id}: ${svc.drug} is an additional intra-arterial infusion; there is no sequential intra-arterial code, review manually (§1b).`);
    st.placed.push(svc);

    return;
  }
  const ov = classifyOverlap(ctx, svc, st.placed);
  st.placed.push(svc);
  if (ov.concurrent) {
    if (!emitConcurrent(ctx, svc, ov)) {
      warn(ctx, "CONCURRENT_ALREADY_REPORTED", id, `${id}: ${svc.drug} ran concurrently with ${ov.partners.join(", ")}, but 96368 is already reported once per ${ctx.s.concurrentPer === "encounter" ? "encounter" : "date of service"} (§6, §13.11).`);
    }
    const rest = spansMinutes(ov.remainder);
    if (rest > 0) {
      warn(
        ctx,
        "OVERLAP_REVIEW",
        id,
        `${id}: ${svc.drug} overlapped ${ov.partners.join(", ")} for ${ov.overlapMinutes} min (concurrent) and ran ${rest} min on its own; ${rest >= ctx.s.sequentialMinMinutes ? "that time is coded as a sequential infusion" : "that time is not coded"}; review (§3.4, §13.5).`,
      );
      if (rest >= ctx.s.sequentialMinMinutes) codeSequential(ctx, svc, ov.remainder, rest, `time outside the ${ov.overlapMinutes}-min concurrent overlap`);
    }

    return;
  }
  if (ov.overlapMinutes > 0) {
    const code = ov.chemoWithChemo ? "CHEMO_WITH_CHEMO_OVERLAP" : "OVERLAP_REVIEW";
    const why =
      ov.overlapMinutes < ctx.s.concurrentMinOverlapMinutes
        ? `less than ${ctx.s.concurrentMinOverlapMinutes} min together is not concurrent`
        : ov.chemoWithChemo
          ? "chemo with chemo has no concurrent code"
          : "96368 is for therapeutic drugs only";
    warn(ctx, code, id, `${id}: ${svc.drug} overlapped ${ov.partners.join(", ")} for ${ov.overlapMinutes} min; ${why}, so the overlap is deducted and the rest is treated as sequential; review (§3.4, §6, §13.5).`);
  }
  const minutes = ov.overlapMinutes > 0 ? spansMinutes(ov.remainder) : svc.minutes;
  const note = ov.overlapMinutes > 0 ? `minus ${svc.minutes - minutes} min overlapping ${ov.partners.join(", ")} (§3.4)` : "";
  codeSequential(ctx, svc, ov.overlapMinutes > 0 ? ov.remainder : svc.spans, minutes, note);
}

/**
 * 96367/96417 (+ 96366/96415 hours) on `minutes` of `spans`. The service ran more than 15 min on its
 * own (technique.ts made shorter ones pushes); when deducting an overlap leaves less than
 * `sequentialMinMinutes`, nothing is coded for it (its time was covered by the other drug).
 */
function codeSequential(ctx: Ctx, svc: IvService, spans: Span[], minutes: number, note: string): void {
  const ids = adminIds(svc.adms);
  const chemo = svc.category === "chemo";
  const timeText = note === "" ? svc.timeText : `${svc.timeText}; ${note} → ${describeSpans(spans, minutes)}`;
  const date = localDate(spans.length > 0 ? spans[0]!.a : svc.start);
  if (svc.discontinued === true) {
    emit(ctx, chemo ? "96417" : "96367", 1, date, ids, `${timeText}; sequential new drug, discontinued (§6, §13.4)`, 3, [DISCONTINUED_MODIFIER]);

    return;
  }
  if (minutes < ctx.s.sequentialMinMinutes) {
    warn(ctx, "SEQUENTIAL_TOO_SHORT", ids[0], `${ids[0]}: ${svc.drug} has ${minutes} min of its own time as a sequential infusion (after any overlap is deducted), below sequentialMinMinutes=${ctx.s.sequentialMinMinutes}; not coded (§3.2, §3.4, §13.1).`);

    return;
  }
  const code = chemo ? "96417" : "96367";
  emit(ctx, code, 1, date, ids, `${timeText}; sequential infusion of a new drug after the initial service, up to 90 min (§3.2, §6)`, 3);
  const hours = addonHours(minutes);
  if (hours > 0) {
    emitTimedAddon(
      ctx,
      chemo ? "96415" : "96366",
      hours,
      spans,
      addonThresholdMinute,
      date,
      ids.slice(),
      `${timeText}; first ${FIRST_HOUR_COVERS_MINUTES} min in ${code}; ${minutes - FIRST_HOUR_COVERS_MINUTES} min beyond → ${hours} hour${hours === 1 ? "" : "s"} (§3.3)`,
    );
  }
}

function codePush(ctx: Ctx, st: SiteState, svc: IvService): void {
  const ids = adminIds(svc.adms);
  const date = localDate(svc.start);
  const prev = st.lastReported.get(svc.drugKey);
  if (prev === undefined) {
    st.lastReported.set(svc.drugKey, svc.startAt);
    const chemo = svc.category === "chemo";
    emit(ctx, chemo ? "96411" : "96375", 1, date, ids, `${svc.timeText}; push of a new ${chemo ? "chemo " : ""}drug after the initial service (§6)`, 3);

    return;
  }
  const gap = Math.floor((svc.startAt - prev) / MS_PER_MINUTE);
  const id = ids[0];
  if (svc.category === "chemo") {
    warn(ctx, "REPEAT_PUSH_NOT_BILLABLE", id, `${id}: ${svc.drug} pushed again at ${clock(svc.start)}; a repeat push of the same chemo drug has no code (96411 is for a different drug, §1b).`);

    return;
  }
  if (ctx.s.setting === "professional") {
    warn(ctx, "REPEAT_PUSH_NOT_BILLABLE", id, `${id}: ${svc.drug} pushed again at ${clock(svc.start)}; 96376 is facility-only and an office repeat push of the same drug has no code (§1a, §6).`);

    return;
  }
  if (gap <= ctx.s.repeatPushMinGapMinutes) {
    warn(ctx, "REPEAT_PUSH_NOT_BILLABLE", id, `${id}: ${svc.drug} pushed again ${gap} min after its last reported push; 96376 needs more than ${ctx.s.repeatPushMinGapMinutes} min (§3.2).`);

    return;
  }
  st.lastReported.set(svc.drugKey, svc.startAt);
  emit(ctx, "96376", 1, date, ids, `${svc.timeText}; same drug pushed again ${gap} min after its last reported dose (>${ctx.s.repeatPushMinGapMinutes} min; facility only; §3.2, §6)`, 3);
}

