/**
 * Subcutaneous infusion (rule book §1a 96369–96371, §7): all SC infusion time of a partition is
 * pooled (one pump, possibly several sites): 96369 when more than 15 min, 96370 × addon_hours (§3.3
 * [U]), 96371 once per encounter for a documented additional pump set-up with a new site
 * (`service: "subq_new_site"`). 96369 is an initial code (RAC0071); with an IV initial in the same
 * encounter it is a second initial on a separate access and carries the separate-site modifier (§4.3).
 * An SC infusion of ≤15 min, or with no stop under `missingStop: "push"`, is coded as an SC injection.
 * A 96371 without a 96369 is dropped by the final validation (output.ts).
 */

import * as injectionsModule from "./injections";
import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, NormAdm } from "./model";
import * as modifiersModule from "./modifiers";
import * as outputModule from "./output";
import * as techniqueModule from "./technique";
import * as timeAndUnitsModule from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { codeInjections } = injectionsModule;
const { localDate } = midnightModule;
const { adminIds, warn } = modelModule;
const { initialModifiers } = modifiersModule;
const { emit, emitTimedAddon } = outputModule;
const { warnUntimed } = techniqueModule;
const { addonHours, addonThresholdMinute, describeSpans, FIRST_HOUR_COVERS_MINUTES, PUSH_MAX_MINUTES, spansMinutes, unionSpans } = timeAndUnitsModule;

/** Code SC infusions and SC new-site services of one partition. `ivInitial`: an IV initial was coded. */
export function codeSubcutaneous(ctx: Ctx, infusions: readonly NormAdm[], newSites: readonly NormAdm[], ivInitial: boolean): void {
  if (infusions.length > 0) {
    const timed = infusions.filter((a) => a.span !== null);
    const untimed = infusions.filter((a) => a.span === null);
    if (timed.length === 0) {
      if (ctx.s.missingStop === "none") {
        for (const a of untimed) warnUntimed(ctx, a, "nothing time-based is coded for it (missingStop=none; §2.2, §13.10).");
      } else {
        for (const a of untimed) warnUntimed(ctx, a, "coded as an SC injection, never as infusion time (missingStop=push; §2.2, §13.10).");
        codeInjections(ctx, untimed, "SC infusion with no usable stop time → injection: ");
      }
    } else {
      for (const a of untimed) warnUntimed(ctx, a, "its time is not counted (§3.1).");
      const spans = unionSpans(timed.map((a) => a.span!));
      const minutes = spansMinutes(spans);
      const names = [...new Set(timed.map((a) => a.src.drug))].join(" + ");
      const text = `${names} SC ${describeSpans(spans, minutes)}`;
      if (minutes <= PUSH_MAX_MINUTES) {
        codeInjections(ctx, timed, `${text}, ≤15 min → injection: `);
      } else {
        const ids = adminIds(timed);
        const date = localDate(spans[0]!.a);
        let why = "subcutaneous infusion, first hour incl. pump set-up (§1a, §7)";
        if (ivInitial) {
          why += `; a second initial service on a separate (SC) access, modifier ${ctx.s.separateSiteModifier} (§4.3)`;
          warn(ctx, "SECOND_SITE_NEEDS_DOCUMENTATION", ids[0], `${ids[0]}: 96369-${ctx.s.separateSiteModifier} is a second initial service besides the IV initial; the record must show why the separate access was medically necessary (§4.3).`);
        }
        emit(ctx, "96369", 1, date, ids, `${text}; ${why}`, ivInitial ? 1 : 0, initialModifiers(ctx.s, ivInitial, false));
        const hours = addonHours(minutes);
        emitTimedAddon(ctx, "96370", hours, spans, addonThresholdMinute, date, ids.slice(), `${text}; first ${FIRST_HOUR_COVERS_MINUTES} min in 96369; ${minutes - FIRST_HOUR_COVERS_MINUTES} min beyond → ${hours} hour${hours === 1 ? "" : "s"} (§3.3)`);
      }
    }
  }
  if (newSites.length > 0) {
    const first = newSites[0]!;
    const extra = newSites.length > 1 ? `; ${newSites.length} documented, 96371 once per encounter [U] (§1a)` : "";
    emit(ctx, "96371", 1, first.date, adminIds(newSites), `additional SC pump set-up with a new site at ${first.src.start.local.slice(11, 16)}${extra} (§1a 96371)`, 3);
  }
}
