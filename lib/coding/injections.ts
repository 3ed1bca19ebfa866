/**
 * SC/IM injections (rule book §1a 96372, §1b 96401/96402, §8.2 steps 2–3, 6–7): one code per
 * injection: 96372 (therapeutic), 96401 (non-hormonal antineoplastic / complex), 96402 (hormonal
 * antineoplastic). A drug needing two vials or syringes at the same time is one injection (NOR-INIT).
 * Injections take no part in the IV initial choice (§4.1).
 */

import { type Ctx, type NormAdm } from "./model";
import { emit } from "./output";
import { clock } from "./time-and-units";

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

/** Emit injections; same drug at the same instant = one (§1a 96372 limits). `prefix` explains reclassification. */
export function codeInjections(ctx: Ctx, adms: readonly NormAdm[], prefix = ""): void {
  const firsts: NormAdm[] = [];
  const ids: string[][] = [];
  for (const a of adms) {
    let k = 0;
    while (k < firsts.length && !(firsts[k]!.drugKey === a.drugKey && firsts[k]!.src.start.at === a.src.start.at)) k++;
    if (k === firsts.length) {
      firsts.push(a);
      ids.push([a.id]);
    } else {
      ids[k]!.push(a.id);
    }
  }
  for (let k = 0; k < firsts.length; k++) {
    const a = firsts[k]!;
    const same = ids[k]!;
    const code = injectionCode(a);
    const dup = same.length > 1 ? ` (${same.length} records of the same drug at the same time = one injection, §1a)` : "";
    emit(ctx, code, 1, a.date, same, `${prefix}${a.src.drug} at ${clock(a.src.start)}${dup}: ${why(code)}`, 2);
  }
}
