/**
 * The leaky biller: derives the billed administration lines from the engine's canonical lines and,
 * when asked, injects one known error, returning the findings `compareEncounter` (lib/analysis)
 * must report for it. Each error is only offered when it is possible and unambiguous for the
 * encounter (e.g. no add-on hour to drop → no `dropped_addon_hours`).
 */
import { ADDON_HOUR_CODES, INITIAL_CODES, SEQUENTIAL_OF_INITIAL } from "@/lib/analysis/code-classes";
import { CODES } from "@/lib/coding";
import type { CodedLine } from "@/lib/coding/types";
import type { Prng } from "./create-prng";
import type { BilledLine, ErrorKind, ExpectedFinding } from "./types";

export type BillingError = { billed: BilledLine[]; expectedFindings: ExpectedFinding[]; detail: string };

/** A way to get one error wrong for one encounter; `apply` picks the details with the generator. */
export type ErrorOption = { kind: Exclude<ErrorKind, "missing_stop_time">; apply(rng: Prng): BillingError };

const INITIAL_OF_SEQUENTIAL = new Map<string, string>();
for (const [initial, sequentials] of Object.entries(SEQUENTIAL_OF_INITIAL)) for (const s of sequentials) INITIAL_OF_SEQUENTIAL.set(s, initial);

export function isAddOnCode(code: string): boolean {
  return CODES.get(code)?.isAddOn ?? false;
}

export function addOnParents(code: string): readonly string[] {
  return CODES.get(code)?.parents ?? [];
}

/** Billed add-on codes with no eligible primary among the billed codes (what payers deny with CO-B15). */
export function orphanAddOns(lines: readonly { code: string }[]): string[] {
  const codes = new Set(lines.map((l) => l.code));
  const orphans: string[] = [];
  for (const code of codes) {
    if (!isAddOnCode(code)) continue;
    if (!addOnParents(code).some((parent) => codes.has(parent))) orphans.push(code);
  }
  return orphans.sort();
}

/** The correct bill: one line per canonical line. */
export function billCanonical(canonical: readonly CodedLine[]): BilledLine[] {
  return canonical.map((line) => ({ code: line.code, units: line.units, modifiers: [...line.modifiers], isDrug: false }));
}

function unitsOf(lines: readonly { code: string; units: number }[], code: string): number {
  let units = 0;
  for (const line of lines) if (line.code === code) units += line.units;
  return units;
}

function codesIn(lines: readonly { code: string }[], set: ReadonlySet<string>): string[] {
  return [...new Set(lines.map((l) => l.code).filter((c) => set.has(c)))].sort();
}

/** Removes `units` of `code`, from its last lines first; lines that reach 0 are dropped. */
function removeUnits(lines: BilledLine[], code: string, units: number): BilledLine[] {
  let left = units;
  const out = lines.map((l) => ({ ...l, modifiers: [...l.modifiers] }));
  for (let i = out.length - 1; i >= 0 && left > 0; i--) {
    const line = out[i]!;
    if (line.code !== code) continue;
    const take = Math.min(line.units, left);
    line.units -= take;
    left -= take;
  }
  return out.filter((l) => l.units > 0);
}

/** Errors that leave an add-on without its primary on the bill are offered only as `addon_without_primary`. */
function keepsPrimaries(billed: readonly BilledLine[]): boolean {
  return orphanAddOns(billed).length === 0;
}

/**
 * The billing errors possible for an encounter with these canonical lines.
 * @example errorOptions(lines96413and96415).map((o) => o.kind) //=> ["dropped_addon_hours", "addon_without_primary"]
 */
export function errorOptions(canonical: readonly CodedLine[]): ErrorOption[] {
  const correct = billCanonical(canonical);
  const options: ErrorOption[] = [];
  if (correct.length === 0) return options;

  // Dropped add-on hours: bill fewer units of a time-based add-on than the record supports.
  const hourCodes = codesIn(correct, ADDON_HOUR_CODES).filter((code) => keepsPrimaries(removeUnits(correct, code, unitsOf(correct, code))));
  if (hourCodes.length > 0) {
    options.push({
      kind: "dropped_addon_hours",
      apply: (rng) => {
        const code = rng.pick(hourCodes);
        const supported = unitsOf(correct, code);
        const dropped = rng.chance(0.7) ? 1 : rng.int(1, supported);
        return {
          billed: removeUnits(correct, code, dropped),
          expectedFindings: [{ kind: "missed_addon_hours", cause: "coding", code, units: dropped }],
          detail: `billed ${code} ×${supported - dropped} instead of ×${supported}`,
        };
      },
    });
  }

  // Hydration not billed: secondary hydration (96361 after another initial) left off, or a
  // hydration-only visit never billed at all.
  const hydrationUnits = unitsOf(correct, "96361");
  const hydrationInitial = unitsOf(correct, "96360");
  if (hydrationUnits > 0 && hydrationInitial === 0) {
    const billed = removeUnits(correct, "96361", hydrationUnits);
    if (keepsPrimaries(billed)) {
      options.push({
        kind: "hydration_not_billed",
        apply: () => ({
          billed,
          expectedFindings: [{ kind: "missed_addon_hours", cause: "coding", code: "96361", units: hydrationUnits }],
          detail: `secondary hydration 96361 ×${hydrationUnits} not billed`,
        }),
      });
    }
  } else if (hydrationInitial > 0 && correct.every((l) => l.code === "96360" || l.code === "96361")) {
    const expectedFindings: ExpectedFinding[] = [{ kind: "missed_initial", cause: "coding", code: "96360", units: hydrationInitial }];
    if (hydrationUnits > 0) expectedFindings.push({ kind: "missed_addon_hours", cause: "coding", code: "96361", units: hydrationUnits });
    options.push({
      kind: "hydration_not_billed",
      apply: () => ({ billed: [], expectedFindings, detail: "hydration-only visit not billed at all (no claim)" }),
    });
  }

  // Sequential billed as initial: one unit of 96417/96411/96367/96375 billed as a second initial.
  const sequentials = [...INITIAL_OF_SEQUENTIAL.keys()].filter((code) => unitsOf(correct, code) > 0).sort();
  const sequentialOk = sequentials.filter((code) => {
    const initial = INITIAL_OF_SEQUENTIAL.get(code)!;
    return keepsPrimaries([...removeUnits(correct, code, 1), { code: initial, units: 1, modifiers: [], isDrug: false }]);
  });
  if (sequentialOk.length > 0) {
    options.push({
      kind: "sequential_billed_as_initial",
      apply: (rng) => {
        const code = rng.pick(sequentialOk);
        const initial = INITIAL_OF_SEQUENTIAL.get(code)!;
        return {
          billed: [...removeUnits(correct, code, 1), { code: initial, units: 1, modifiers: [], isDrug: false }],
          expectedFindings: [
            { kind: "missed_sequential", cause: "coding", code, units: 1 },
            { kind: "unsupported_line", cause: "compliance", code: initial, units: 1 },
          ],
          detail: `${code} billed as a second initial ${initial}`,
        };
      },
    });
  }

  // Missing concurrent: 96368 left off.
  const concurrent = unitsOf(correct, "96368");
  if (concurrent > 0) {
    const billed = removeUnits(correct, "96368", concurrent);
    if (keepsPrimaries(billed)) {
      options.push({
        kind: "missing_concurrent",
        apply: () => ({
          billed,
          expectedFindings: [{ kind: "missed_concurrent", cause: "coding", code: "96368", units: concurrent }],
          detail: "concurrent infusion 96368 not billed",
        }),
      });
    }
  }

  // Add-on without primary: the initial line is dropped and at least one add-on is left orphaned.
  const initialIndex = correct.findIndex((line, i) => !canonical[i]!.isAddOn && INITIAL_CODES.has(line.code));
  if (initialIndex >= 0) {
    const initial = correct[initialIndex]!;
    const billed = correct.filter((_, i) => i !== initialIndex);
    const orphans = orphanAddOns(billed);
    // Another line of the same initial code would make the comparison ambiguous; skip those.
    if (orphans.length > 0 && unitsOf(billed, initial.code) === 0) {
      options.push({
        kind: "addon_without_primary",
        apply: () => ({
          billed,
          expectedFindings: [
            ...orphans.map((code): ExpectedFinding => ({ kind: "addon_without_primary", cause: "coding", code, units: unitsOf(billed, code) })),
            { kind: "missed_initial", cause: "coding", code: initial.code, units: initial.units },
          ],
          detail: `initial ${initial.code} left off; ${orphans.join(", ")} billed without a primary`,
        }),
      });
    }
  }
  return options;
}
