/**
 * Pure layout of the encounter timeline (no React): one row per drug, infusion bars and push
 * diamonds on a time axis, missing stops, and the windows where infusions overlap (concurrency).
 * Times are epoch milliseconds; labels are wall-clock times in the practice's time zone.
 */

export type TTimelineAdministration = {
  id: number;
  drug: string;
  category: string;
  route: string;
  startAt: number;
  stopAt: number | null;
};

export type TTimelineMark =
  | { kind: "bar"; id: number; row: number; start: number; end: number; minutes: number; category: string; route: string }
  | { kind: "missing-stop"; id: number; row: number; start: number; end: number; category: string; route: string }
  | { kind: "push"; id: number; row: number; at: number; category: string; route: string };

export type TTimelineLayout = {
  rows: { drug: string; category: string }[];
  marks: TTimelineMark[];
  /** Windows where two or more infusions ran at the same time. */
  overlaps: { start: number; end: number }[];
  axisStart: number;
  axisEnd: number;
  ticks: number[];
};

const MINUTE = 60_000;
/** How long a bar with no documented stop is drawn before its hatched, open end. */
export const MISSING_STOP_STUB_MINUTES = 30;
const POINT_ROUTES = new Set(["iv_push", "injection"]);

/** True for routes given as an instant (pushes and injections): drawn as diamonds. */
export function isPointRoute(route: string): boolean {
  return POINT_ROUTES.has(route);
}

function pickTickStep(spanMinutes: number): number {
  for (const step of [15, 30, 60, 120, 180, 240, 360]) if (spanMinutes / step <= 10) return step;

  return 720;
}

/** Intervals merged where two or more of them overlap (sweep over sorted edges). */
export function findOverlaps(intervals: readonly { start: number; end: number }[]): { start: number; end: number }[] {
  const edges = intervals.flatMap((interval) => [
    { at: interval.start, delta: 1 },
    { at: interval.end, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  const overlaps: { start: number; end: number }[] = [];
  let active = 0;
  let openedAt = 0;
  for (const edge of edges) {
    const before = active;
    active += edge.delta;
    if (before < 2 && active >= 2) openedAt = edge.at;
    if (before >= 2 && active < 2 && edge.at > openedAt) {
      const last = overlaps.at(-1);
      if (last && last.end === openedAt) last.end = edge.at;
      else overlaps.push({ start: openedAt, end: edge.at });
    }
  }

  return overlaps;
}

/**
 * Lays out an encounter's administrations. Rows follow the order each drug was first given; the
 * axis spans the first start to the last stop (open ends count as start + 30 min), padded and
 * rounded to the tick step, which is chosen so there are at most about ten ticks.
 * `offsetMinutesAt(at)` is the practice time zone's UTC offset, so ticks land on local hours.
 */
export function layoutTimeline(
  administrations: readonly TTimelineAdministration[],
  offsetMinutesAt: (at: number) => number = () => 0,
): TTimelineLayout {
  const rowIndex = new Map<string, number>();
  const rows: { drug: string; category: string }[] = [];
  const sorted = [...administrations].sort((a, b) => a.startAt - b.startAt || a.id - b.id);
  const marks: TTimelineMark[] = [];
  const infusions: { start: number; end: number }[] = [];
  for (const administration of sorted) {
    const key = administration.drug.trim().toLowerCase();
    let row = rowIndex.get(key);
    if (row === undefined) {
      row = rows.length;
      rowIndex.set(key, row);
      rows.push({ drug: administration.drug, category: administration.category });
    }
    const base = { id: administration.id, row, category: administration.category, route: administration.route };
    if (isPointRoute(administration.route)) {
      marks.push({ ...base, kind: "push", at: administration.startAt });
    } else if (administration.stopAt === null) {
      marks.push({ ...base, kind: "missing-stop", start: administration.startAt, end: administration.startAt + MISSING_STOP_STUB_MINUTES * MINUTE });
    } else {
      const end = Math.max(administration.stopAt, administration.startAt);
      marks.push({ ...base, kind: "bar", start: administration.startAt, end, minutes: Math.round((end - administration.startAt) / MINUTE) });
      if (end > administration.startAt) infusions.push({ start: administration.startAt, end });
    }
  }

  const times = marks.flatMap((mark) => (mark.kind === "push" ? [mark.at] : [mark.start, mark.end]));
  const first = times.length ? Math.min(...times) : 0;
  const last = times.length ? Math.max(...times) : 60 * MINUTE;
  const step = pickTickStep(Math.max(60, (last - first) / MINUTE + 20));
  const stepMs = step * MINUTE;
  const offset = offsetMinutesAt(first) * MINUTE;
  const axisStart = Math.floor((first + offset - 5 * MINUTE) / stepMs) * stepMs - offset;
  const axisEnd = Math.max(Math.ceil((last + offset + 5 * MINUTE) / stepMs) * stepMs - offset, axisStart + stepMs);
  const ticks: number[] = [];
  for (let tick = axisStart; tick <= axisEnd; tick += stepMs) ticks.push(tick);

  return { rows, marks, overlaps: findOverlaps(infusions), axisStart, axisEnd, ticks };
}
