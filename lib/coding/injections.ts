/**
 * SC/IM injections (rule book §1a 96372, §1b 96401/96402, §8.2 steps 2–3, 6–7): one code per
 * injection: 96372 (therapeutic), 96401 (non-hormonal antineoplastic / complex), 96402 (hormonal
 * antineoplastic). One dose from two vials or syringes (same drug and site, touching times) is one
 * injection (§16.3, NOR-INIT; multi-vial.ts); a dose split between two sites is two.
 * Injections take no part in the IV initial choice (§4.1).
 */

import * as modelModule from "./model";
import type { Ctx, NormAdm } from "./model";
import * as multiVialModule from "./multi-vial";
import * as outputModule from "./output";
import * as timeAndUnitsModule from "./time-and-units";

// Read once at load, not at every call (see "Imports" in index.ts).
const { adminIds } = modelModule;
const { joinDoses, joinNote } = multiVialModule;
const { emit } = outputModule;
const { clock } = timeAndUnitsModule;

/** Code for one SC/IM injection. */
export function injectionCode(a: NormAdm): "96372" | "96401" | "96402" {
  if (a.category !== "chemo") return "96372";

  return a.hormonal ? "96402" : "96401";
}

function why(code: string): string {
  if (code === "96402") return "hormonal antineoplastic SC/IM injection (§1b, §8.2 step 2)";
  if (code === "96401") return "non-hormonal antineoplastic or complex SC/IM injection (§1b, §8.2 step 3)";

  return "therapeutic SC/IM injection (§1a)";
}

/**
 * Emit injections, one per dose: records of the same drug at the same site whose times touch, overlap
 * or are at most `multiVialJoinGapMinutes` apart are one injection (§16.3, §1a NOR-INIT; multi-vial.ts).
 * `prefix` explains reclassification.
 */
export function codeInjections(ctx: Ctx, adms: readonly NormAdm[], prefix = ""): void {
  const gap = ctx.s.multiVialJoinGapMinutes;
  for (const dose of joinDoses(adms, gap, "injection")) {
    const a = dose.members[0]!;
    const code = injectionCode(a);
    const note = joinNote(dose, "injection", gap);
    const what = note === "" ? `${a.src.drug} at ${clock(a.src.start)}` : note;
    emit(ctx, code, 1, a.date, adminIds(dose.members), `${prefix}${what}: ${why(code)}`, 2);
  }
}
