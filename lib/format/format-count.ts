const countFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/**
 * A whole count with thousands separators.
 *
 * @example
 * formatCount(30_507) //=> "30,507"
 */
export function formatCount(value: number): string {
  return countFormat.format(value);
}
