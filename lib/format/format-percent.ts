/** Percentages from ratios (0.043 → "4.3%"). */

/**
 * A ratio as a percentage with `decimals` digits (1 by default); "—" when there is no ratio.
 *
 * @example
 * formatPercent(0.0432) //=> "4.3%"
 * formatPercent(null) //=> "—"
 */
export function formatPercent(ratio: number | null | undefined, decimals = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return "—";

  return `${(ratio * 100).toFixed(decimals)}%`;
}
