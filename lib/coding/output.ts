/**
 * Line building and the final pass: fragments are emitted by the rule files, add-ons without an
 * eligible primary are dropped with a warning (§1 parents, §11 CO-B15), then fragments with the same
 * code, date and modifiers are merged and ordered per spec §6: initial first (other-site initials
 * right after it), then other primary codes by code, then add-ons by code, each by date.
 */

import * as codesModule from "./codes";
import * as midnightModule from "./midnight";
import * as modelModule from "./model";
import type { Ctx, Fragment } from "./model";
import * as smallSortModule from "./small-sort";
import * as timeAndUnitsModule from "./time-and-units";
import type { Span } from "./time-and-units";
import type { CodedLine } from "./types";

// Read once at load, not at every call (see "Imports" in index.ts).
const { CODES, codeInfo } = codesModule;
const { unitsByDate } = midnightModule;
const { warn } = modelModule;
const { sortSmall } = smallSortModule;
const { sameLocalDate } = timeAndUnitsModule;

/** Emit a primary (non-add-on) or single-unit add-on fragment. */
export function emit(
  ctx: Ctx,
  code: string,
  units: number,
  date: string,
  adminIds: string[],
  text: string,
  group: Fragment["group"],
  modifiers?: string[],
): void {
  ctx.out.push({ code, units, modifiers: modifiers ?? [], adminIds, text, date, group, order: group <= 1 ? ctx.initialOrder++ : 0 });
}

/**
 * Emit `units` timed add-on units (96361/96366/96370/96415/96423), split by the date each unit's
 * threshold minute falls on (§3.5) unless `addonDateAssignment` is `startDate`.
 */
export function emitTimedAddon(
  ctx: Ctx,
  code: string,
  units: number,
  spans: readonly Span[],
  threshold: (k: number) => number,
  startDate: string,
  adminIds: string[],
  text: string,
): void {
  if (units <= 0) return;
  const parts = unitsByDate(spans, units, threshold, ctx.s.addonDateAssignment, startDate);
  if (parts.length === 1) {
    const crosses = spans.length > 0 && !sameLocalDate(spans[0]!.a, spans[spans.length - 1]!.b);
    const note = crosses && ctx.s.addonDateAssignment === "startDate" ? " (all units on the start date: addonDateAssignment=startDate, §3.5, §13.7)" : "";
    emit(ctx, code, units, parts[0]!.date, adminIds, text + note, 3);

    return;
  }
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    emit(ctx, code, p.units, p.date, i === 0 ? adminIds : adminIds.slice(), `${text} (${p.units} of ${units} dated ${p.date}, the date the threshold minute falls on, §3.5)`, 3);
  }
}

/** Drop add-ons with no eligible primary in the output; repeat until stable (chains like 96366 → 96367). */
export function dropOrphans(ctx: Ctx, frags: Fragment[]): Fragment[] {
  let current = frags;
  for (;;) {
    // Copied only once something is dropped (usually nothing is).
    let kept: Fragment[] | null = null;
    for (let i = 0; i < current.length; i++) {
      const f = current[i]!;
      const info = codeInfo(f.code);
      if (!info.isAddOn || hasAnyCode(current, info.parents)) {
        if (kept !== null) kept.push(f);
      } else {
        if (kept === null) kept = current.slice(0, i);
        warn(
          ctx,
          "ORPHAN_ADDON_DROPPED",
          f.adminIds[0],
          `${f.code} ×${f.units} dropped: an add-on needs one of ${info.parents.join(", ")} in the same encounter (§1, §11 CO-B15). Would have been: ${f.text}`,
        );
      }
    }
    if (kept === null) return current;
    current = kept;
  }
}

function hasAnyCode(frags: readonly Fragment[], codes: readonly string[]): boolean {
  for (const f of frags) if (codes.includes(f.code)) return true;

  return false;
}

/** True when any fragment other than those with `code` is present on `date` ("" = any date). */
export function hasOtherLine(ctx: Ctx, code: string, date: string): boolean {
  for (const f of ctx.out) if (f.code !== code && (date === "" || f.date === date)) return true;

  return false;
}

function sameModifiers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;

  return true;
}

/**
 * Merge and order the (validated) fragments into the public lines. Fragments are internal and
 * mutated in place; rule files never share an `adminIds` array between fragments.
 */
export function finish(ctx: Ctx): CodedLine[] {
  const frags = ctx.out;
  // Fragments are few (a handful per encounter): a linear merge beats hashing string keys.
  const merged: Fragment[] = [];
  for (let i = 0; i < frags.length; i++) {
    const f = frags[i]!;
    let target: Fragment | undefined;
    if (f.group > 1) {
      for (let j = 0; j < merged.length; j++) {
        const m = merged[j]!;
        if (m.group > 1 && m.code === f.code && m.date === f.date && sameModifiers(m.modifiers, f.modifiers)) {
          target = m;
          break;
        }
      }
    }
    if (target === undefined) {
      merged.push(f);
    } else {
      target.units += f.units;
      for (const id of f.adminIds) if (!target.adminIds.includes(id)) target.adminIds.push(id);
      target.text += "; " + f.text;
    }
  }
  sortSmall(merged, compareFragments);
  const lines = new Array<CodedLine>(merged.length);
  for (let i = 0; i < merged.length; i++) {
    const f = merged[i]!;
    const info = CODES.get(f.code)!;
    lines[i] = {
      code: f.code,
      units: f.units,
      modifiers: f.modifiers,
      administrationIds: f.adminIds,
      explanation: `${f.code} ×${f.units}: ${f.text}`,
      label: info.label,
      isAddOn: info.isAddOn,
      dateOfService: f.date,
    };
  }

  return lines;
}

function compareFragments(x: Fragment, y: Fragment): number {
  if (x.group !== y.group) return x.group - y.group;
  if (x.group <= 1) return x.order - y.order;
  if (x.code !== y.code) return x.code < y.code ? -1 : 1;
  if (x.date !== y.date) return x.date < y.date ? -1 : 1;
  const mx = x.modifiers.join(",");
  const my = y.modifiers.join(",");

  return mx < my ? -1 : mx > my ? 1 : 0;
}
