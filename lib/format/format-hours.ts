/** Hours (lost add-on hours: one unit of a time-based add-on code = one hour). */

const hoursFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 0 });

/**
 * Hours with up to two decimals (the precision of spec §5.4's per-week figure) and a unit.
 *
 * @example
 * formatHours(35.71) //=> "35.71 h"
 * formatHours(1_234) //=> "1,234 h"
 */
export function formatHours(hours: number, options: { unit?: "h" | "hours" | "none" } = {}): string {
  const text = hoursFormat.format(hours);
  const unit = options.unit ?? "h";
  if (unit === "none") return text;
  if (unit === "hours") return `${text} ${hours === 1 ? "hour" : "hours"}`;

  return `${text} h`;
}
