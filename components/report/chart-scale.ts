/**
 * Axis arithmetic for the report's hand-drawn SVG charts (Recharts renders nothing on the server):
 * round tick steps and thinned week labels.
 */

/**
 * Ticks from 0 to a round value at or above `max`, about `count` steps of 1, 2, 2.5 or 5 × 10ⁿ.
 * A zero or negative max still gets an axis (0 and one step of `minStep`).
 *
 * @example
 * niceTicks(347_900) //=> [0, 100_000, 200_000, 300_000, 400_000]
 */
export function niceTicks(max: number, count = 4, minStep = 1): number[] {
  const rough = Math.max(max, 0) / count;
  let step = minStep;
  if (rough > minStep) {
    const magnitude = 10 ** Math.floor(Math.log10(rough));
    const multiple = [1, 2, 2.5, 5, 10].find((candidate) => candidate * magnitude >= rough) ?? 10;
    step = Math.max(multiple * magnitude, minStep);
  }
  const top = Math.max(Math.ceil(max / step), 1) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 1e9; value += step) ticks.push(Math.round(value * 1e6) / 1e6);

  return ticks;
}

/** Show every n-th week label so no more than `maxLabels` fit on the axis (always the first). */
export function weekLabelEvery(weeks: number, maxLabels = 13): number {
  return Math.max(1, Math.ceil(weeks / maxLabels));
}
