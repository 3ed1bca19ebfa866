/**
 * Overlapping drug infusions on one access site (rule book §3.4 last bullet, §6, §13.5, §13.11):
 * - overlap ≥ `concurrentMinOverlapMinutes` (default 16) of a therapeutic drug in its own bag →
 *   concurrent, 96368, once per encounter (or per date of service, `concurrentPer`);
 * - never for hydration (handled apart), pushes, or chemo (96368 is for therapeutic drugs; chemo with
 *   chemo has no concurrent code);
 * - otherwise the overlap is deducted from the later (secondary) drug, which is then coded as a
 *   sequential infusion on its remaining time (MedLearn 2022-01-31).
 */

import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, IvService } from "./model";
import * as outputModule from "./output";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { localDate } = midnightModule;
const { adminIds } = modelModule;
const { emit } = outputModule;
const { overlapMs, minutesOf, subtractSpans, unionSpans } = timeAndUnitsModule;

export type OverlapResult = {
  /** Whole minutes the service ran at the same time as already-placed infusions. */
  overlapMinutes: number;
  /** The service's spans with the overlap removed. */
  remainder: Span[];
  /** Names of the drugs it overlapped. */
  partners: string[];
  /** The overlap reaches the threshold and the service may be concurrent (96368). */
  concurrent: boolean;
  /** A chemo drug overlapping a chemo drug by at least the threshold (no concurrent code exists). */
  chemoWithChemo: boolean;
};

/** Compare a secondary infusion with the infusions already placed on its site. */
export function classifyOverlap(ctx: Ctx, svc: IvService, placed: readonly IvService[]): OverlapResult {
  const partners: string[] = [];
  let chemoPartner = false;
  const placedSpans: Span[] = [];
  for (const p of placed) {
    if (overlapMs(svc.spans, p.spans) > 0) {
      partners.push(p.drug);
      if (p.category === "chemo") chemoPartner = true;
    }
    for (const sp of p.spans) placedSpans.push(sp);
  }
  if (partners.length === 0) return { overlapMinutes: 0, remainder: svc.spans, partners, concurrent: false, chemoWithChemo: false };
  const union = unionSpans(placedSpans);
  const overlapMinutes = minutesOf(overlapMs(svc.spans, union));
  const enough = overlapMinutes >= ctx.s.concurrentMinOverlapMinutes;

  return {
    overlapMinutes,
    remainder: subtractSpans(svc.spans, union),
    partners,
    concurrent: enough && svc.category === "therapeutic",
    chemoWithChemo: enough && svc.category === "chemo" && chemoPartner,
  };
}

/**
 * Emit 96368 for a concurrent infusion unless it was already reported for this encounter/date.
 * Returns false when the limit was reached.
 */
export function emitConcurrent(ctx: Ctx, svc: IvService, ov: OverlapResult): boolean {
  const date = localDate(svc.start);
  const key = ctx.s.concurrentPer === "encounter" ? "" : date;
  if (ctx.concurrentUsed.includes(key)) return false;
  ctx.concurrentUsed.push(key);
  const per = ctx.s.concurrentPer === "encounter" ? "encounter" : "date of service";
  emit(
    ctx,
    "96368",
    1,
    date,
    adminIds(svc.adms),
    `${svc.timeText}; ran ${ov.overlapMinutes} min at the same time as ${ov.partners.join(", ")} in its own bag on the same line (≥${ctx.s.concurrentMinOverlapMinutes} min together → concurrent, untimed; §3.4, §6); once per ${per} (§13.11)`,
    3,
  );

  return true;
}
