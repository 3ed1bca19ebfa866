/**
 * Choosing the initial service (rule book §4): facility hierarchy 96413 > 96409 > 96365 > 96374 >
 * 96360 (§4.1); professional setting: the documented primary reason when given, otherwise the same
 * hierarchy (§4.2). Ties in rank: the one that started first; started together: the longer (spec §4);
 * then the lower administration id. One initial per encounter and access site (§4.3).
 */

import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, IvService } from "./model";
import * as modifiersModule from "./modifiers";
import * as outputModule from "./output";
import * as timeAndUnitsModule from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { localDate } = midnightModule;
const { adminIds, warn } = modelModule;
const { initialModifiers } = modifiersModule;
const { emit, emitTimedAddon } = outputModule;
const { addonHours, addonThresholdMinute, FIRST_HOUR_COVERS_MINUTES } = timeAndUnitsModule;

/** Hierarchy rank (§4.1): chemo infusion 5, chemo push 4, drug infusion 3, push 2, hydration 1. */
export function rank(svc: IvService): number {
  if (svc.isHydration) return 1;
  if (svc.technique === "infusion") return svc.category === "chemo" ? 5 : 3;

  return svc.category === "chemo" ? 4 : 2;
}

/** Negative when `a` should be the initial rather than `b`. */
export function compareCandidates(a: IvService, b: IvService, professional: boolean): number {
  if (professional && a.primaryReason !== b.primaryReason) return a.primaryReason ? -1 : 1;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return rb - ra;
  if (a.startAt !== b.startAt) return a.startAt - b.startAt;
  if (a.minutes !== b.minutes) return b.minutes - a.minutes;
  const ia = a.adms[0]!.id;
  const ib = b.adms[0]!.id;

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Best candidate and, when the choice came down to a tie-break, a note saying which. */
export function pickInitial(cands: readonly IvService[], professional: boolean): { best: IvService; why: string } {
  let best = cands[0]!;
  for (let i = 1; i < cands.length; i++) if (compareCandidates(cands[i]!, best, professional) < 0) best = cands[i]!;
  const byPrimary = professional && best.primaryReason;
  let why = byPrimary
    ? "initial service: the documented primary reason for the visit (§4.2)"
    : professional
      ? "initial service: no primary reason documented, so the hierarchy 96413 > 96409 > 96365 > 96374 > 96360 (§4.2, §4.1)"
      : "initial service: highest in the facility hierarchy 96413 > 96409 > 96365 > 96374 > 96360 (§4.1)";
  for (const c of cands) {
    if (c === best || rank(c) !== rank(best) || (professional && c.primaryReason !== best.primaryReason)) continue;
    why += c.startAt !== best.startAt ? `; same rank as ${c.drug}, started first (spec §4)` : `; same rank and start as ${c.drug}, ran longer (spec §4)`;
    break;
  }

  return { best, why };
}

/** Initial code of a service, or null when no initial code exists for it (non-chemo intra-arterial infusion). */
export function initialCode(svc: IvService): string | null {
  if (svc.isHydration) return "96360";
  if (svc.family === "ia") {
    if (svc.category === "chemo") return svc.technique === "infusion" ? "96422" : "96420";

    return svc.technique === "push" ? "96373" : null;
  }
  if (svc.technique === "infusion") return svc.category === "chemo" ? "96413" : "96365";

  return svc.category === "chemo" ? "96409" : "96374";
}

function addonCodeOf(initial: string): string {
  switch (initial) {
    case "96413":
      return "96415";
    case "96422":
      return "96423";
    case "96360":
      return "96361";
    default:
      return "96366";
  }
}

/**
 * Emit the initial code of `svc` and its extra hours (§3.3 addon_hours). `second` adds the
 * separate-site modifier and the SECOND_SITE_NEEDS_DOCUMENTATION warning (§4.3). Returns the code, or
 * null when none applies.
 */
export function emitInitial(ctx: Ctx, svc: IvService, why: string, second: boolean): string | null {
  const code = initialCode(svc);
  const ids = adminIds(svc.adms);
  if (code === null) {
    warn(ctx, "UNSUPPORTED_ROUTE", ids[0], `${ids[0]}: ${svc.drug} is a non-chemo intra-arterial infusion; no code in this engine (unlisted 96379), review manually (§1a).`);

    return null;
  }
  const modifiers = initialModifiers(ctx.s, second, svc.discontinued === true);
  let text = `${svc.timeText}; ${why}`;
  if (second) {
    const where = svc.site === "" ? "another access" : svc.site.startsWith("ia:") ? "an intra-arterial access" : `IV site "${svc.site}"`;
    text += `; a second initial on ${where}, modifier ${ctx.s.separateSiteModifier} (§4.3)`;
    warn(
      ctx,
      "SECOND_SITE_NEEDS_DOCUMENTATION",
      ids[0],
      `${ids[0]}: ${code}-${ctx.s.separateSiteModifier} is a second initial service on ${where}; the record must show why a separate access site was medically necessary (§4.3).`,
    );
  }
  const date = localDate(svc.spans.length > 0 ? svc.spans[0]!.a : svc.start);
  emit(ctx, code, 1, date, ids, text, second ? 1 : 0, modifiers);
  if (svc.technique === "infusion") {
    const units = addonHours(svc.minutes);
    if (units > 0) {
      const add = addonCodeOf(code);
      emitTimedAddon(
        ctx,
        add,
        units,
        svc.spans,
        addonThresholdMinute,
        date,
        ids.slice(),
        `${svc.timeText}; first ${FIRST_HOUR_COVERS_MINUTES} min in ${code}; ${svc.minutes - FIRST_HOUR_COVERS_MINUTES} min beyond → ${units} hour${units === 1 ? "" : "s"} (§3.3)`,
      );
    }
  }

  return code;
}
