/**
 * Changes between two figures ("What changed since", issue [11/12]): always signed, so a rise and a
 * fall read apart without colour; "no change" when nothing moved; "—" when there is nothing to compare.
 */
import { formatCount } from "./format-count";
import { formatHours } from "./format-hours";
import { formatDollars } from "./format-money";
import { formatPercent } from "./format-percent";

/** What a KPI is measured in: how its figures and its change are written. */
export type TFigureUnit = "cents" | "hours" | "count" | "rate";

const MINUS = "−";

function signed(magnitude: string, value: number): string {
  if (value > 0) return `+${magnitude}`;
  if (value < 0) return `${MINUS}${magnitude}`;

  return magnitude;
}

/**
 * A figure in its unit (rates as percentages).
 *
 * @example formatFigure("rate", 0.052) //=> "5.2%"
 */
export function formatFigure(unit: TFigureUnit, value: number | null): string {
  if (value === null) return "—";
  if (unit === "cents") return formatDollars(value);
  if (unit === "hours") return formatHours(value);
  if (unit === "count") return formatCount(value);

  return formatPercent(value);
}

/**
 * A change in its unit, signed; a rate's change in percentage points.
 *
 * @example formatFigureChange("cents", -130_000) //=> "−$1,300"
 * @example formatFigureChange("rate", 0.012) //=> "+1.2 pts"
 * @example formatFigureChange("count", 0) //=> "no change"
 */
export function formatFigureChange(unit: TFigureUnit, change: number | null): string {
  if (change === null) return "—";
  if (change === 0) return "no change";
  const magnitude = Math.abs(change);
  if (unit === "cents") {
    const text = formatDollars(magnitude);
    // Under 50 cents rounds to $0: say so rather than print "+$0".
    return text === "$0" ? signed("<$1", change) : signed(text, change);
  }
  if (unit === "hours") return signed(formatHours(magnitude), change);
  if (unit === "count") return signed(formatCount(magnitude), change);

  return signed(`${(magnitude * 100).toFixed(1)} pts`, change);
}

/**
 * A relative change as a signed percentage; "" when there is none (a figure that was zero).
 *
 * @example formatRelativeChange(0.25) //=> "+25.0%"
 */
export function formatRelativeChange(ratio: number | null): string {
  if (ratio === null) return "";

  return signed(formatPercent(Math.abs(ratio)), ratio);
}
