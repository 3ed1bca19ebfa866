/**
 * Time rules (rule book §3): minutes, unit formulas (§3.3) and interval arithmetic used to sum
 * segments, subtract interruptions and overlaps (§3.1, §3.4).
 *
 * Rounding choice: durations are computed from `TimePoint.at` (UTC epoch ms, DST-safe) and converted
 * to whole minutes with floor((stop − start) / 60000) *after* summing the spans of one service. A
 * partial minute never counts: a documented 90 min 59 s is 90 min, which never buys an extra hour
 * (§3.2: an additional hour needs more than 30 min beyond the boundary, i.e. minute 91).
 */

import * as smallSortModule from "./small-sort";
import type { TimePoint } from "./types";

// Read once at load, not at every call (see "Imports" in index.ts).
const { sortSmall } = smallSortModule;

export const MS_PER_MINUTE = 60_000;

/** ≤ 15 min is a push, 16+ min an infusion (§2.2, §3.2). */
export const PUSH_MAX_MINUTES = 15;
/** Hydration needs at least 31 min (§3.2). */
export const HYDRATION_MIN_MINUTES = 31;
/** An initial or sequential code covers up to 90 min (§3.2 "a CPT hour is 90 minutes"). */
export const FIRST_HOUR_COVERS_MINUTES = 90;

/** Whole minutes in a span of milliseconds (floor; see the file comment). */
export function minutesOf(ms: number): number {
  return ms <= 0 ? 0 : Math.floor(ms / MS_PER_MINUTE);
}

/** addon_hours(t) (§3.3): 0 up to 90 min, then one unit per started hour beyond 90 (91 → 1, 151 → 2). */
export function addonHours(t: number): number {
  return t <= FIRST_HOUR_COVERS_MINUTES ? 0 : Math.ceil((t - FIRST_HOUR_COVERS_MINUTES) / 60);
}

/** hydration_secondary(t) (§3.3): 96361 units when another service is the initial (31 → 1, 91 → 2). */
export function hydrationSecondaryUnits(t: number): number {
  return t <= 30 ? 0 : Math.ceil((t - 30) / 60);
}

/** The 1-based minute at which add-on unit k (k ≥ 1) is earned: 91, 151, 211 … (§3.3). */
export function addonThresholdMinute(k: number): number {
  return FIRST_HOUR_COVERS_MINUTES + 1 + 60 * (k - 1);
}

/** The 1-based minute at which secondary-hydration unit k is earned: 31, 91, 151 … (§3.3). */
export function hydrationSecondaryThresholdMinute(k: number): number {
  return 31 + 60 * (k - 1);
}

/** A time span [a, b) whose ends are documented time points (so each end keeps its wall clock). */
export type Span = { a: TimePoint; b: TimePoint };

/** Total whole minutes of disjoint spans (sum the ms, then floor once). */
export function spansMinutes(spans: readonly Span[]): number {
  let ms = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    ms += s.b.at - s.a.at;
  }

  return minutesOf(ms);
}

/** Whole minutes of one span. */
export function spanMinutes(s: Span): number {
  return minutesOf(s.b.at - s.a.at);
}

function compareSpans(x: Span, y: Span): number {
  return x.a.at - y.a.at || x.b.at - y.b.at;
}

/** Union of spans: sorted by start, overlapping or touching spans merged (an overlap counts once). */
export function unionSpans(spans: readonly Span[]): Span[] {
  if (spans.length <= 1) return spans.slice();
  const sorted = sortSmall(spans.slice(), compareSpans);
  const out: Span[] = [];
  let cur = sorted[0]!;
  for (let i = 1; i < sorted.length; i++) {
    const s = sorted[i]!;
    if (s.a.at < cur.b.at) {
      if (s.b.at > cur.b.at) cur = { a: cur.a, b: s.b };
    } else if (s.a.at === cur.b.at) {
      // Touching spans (stopped and restarted at the same minute) join without overlap.
      cur = { a: cur.a, b: s.b.at > cur.b.at ? s.b : cur.b };
    } else {
      out.push(cur);
      cur = s;
    }
  }
  out.push(cur);

  return out;
}

/** Milliseconds that `spans` (disjoint, sorted) overlap `other` (disjoint, sorted). */
export function overlapMs(spans: readonly Span[], other: readonly Span[]): number {
  let ms = 0;
  let j = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    while (j < other.length && other[j]!.b.at <= s.a.at) j++;
    for (let k = j; k < other.length; k++) {
      const o = other[k]!;
      if (o.a.at >= s.b.at) break;
      const lo = s.a.at > o.a.at ? s.a.at : o.a.at;
      const hi = s.b.at < o.b.at ? s.b.at : o.b.at;
      if (hi > lo) ms += hi - lo;
    }
  }

  return ms;
}

/** `spans` minus `cut` (both disjoint and sorted); pieces keep the cutting time points as ends. */
export function subtractSpans(spans: readonly Span[], cut: readonly Span[]): Span[] {
  if (cut.length === 0) return spans.slice();
  const out: Span[] = [];
  for (let i = 0; i < spans.length; i++) {
    let a = spans[i]!.a;
    const b = spans[i]!.b;
    for (let k = 0; k < cut.length && a.at < b.at; k++) {
      const c = cut[k]!;
      if (c.b.at <= a.at) continue;
      if (c.a.at >= b.at) break;
      if (c.a.at > a.at) out.push({ a, b: c.a });
      if (c.b.at > a.at) a = c.b;
    }
    if (a.at < b.at) out.push({ a, b });
  }

  return out;
}

/** The two time points fall on the same wall-clock date (`YYYY-MM-DD`), compared without slicing. */
export function sameLocalDate(x: TimePoint, y: TimePoint): boolean {
  const a = x.local;
  const b = y.local;
  if (a.length < 10 || b.length < 10) return a.slice(0, 10) === b.slice(0, 10);
  for (let i = 0; i < 10; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;

  return true;
}

/** Wall-clock `HH:mm` of a time point. */
export function clock(tp: TimePoint): string {
  return tp.local.slice(11, 16);
}

/** Plain-English span list with its minute math, e.g. `11:20–12:40 + 13:55–16:40 = 80 + 165 = 245 min`. */
export function describeSpans(spans: readonly Span[], total: number): string {
  if (spans.length === 0) return `${total} min`;
  if (spans.length === 1) return `${describeSpan(spans[0]!)} = ${total} min`;
  let times = "";
  let mins = "";
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (i > 0) {
      times += " + ";
      mins += " + ";
    }
    times += describeSpan(s);
    mins += String(spanMinutes(s));
  }

  return `${times} = ${mins} = ${total} min`;
}

/** `09:05–12:20`, or `23:00–02:00 (next day)` when the span crosses a date. */
export function describeSpan(s: Span): string {
  if (sameLocalDate(s.a, s.b)) return `${clock(s.a)}–${clock(s.b)}`;

  return `${clock(s.a)}–${clock(s.b)} (${s.b.local.slice(0, 10)})`;
}
