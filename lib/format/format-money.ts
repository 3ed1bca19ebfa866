/**
 * Money formatting (ui-guide §2: money is exact and honest). Amounts are integer cents everywhere;
 * these are the only places that turn them into text.
 */

export type TNegativeStyle = "minus" | "parentheses";

const dollarsFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0, minimumFractionDigits: 0 });
const centsFormat = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });

function withSign(text: string, isNegative: boolean, style: TNegativeStyle): string {
  if (!isNegative) return text;

  return style === "parentheses" ? `(${text})` : `-${text}`;
}

/**
 * Whole dollars for KPI cards, with thousands separators and no cents (rounded half away from zero).
 * Negatives get a minus sign unless `negative: "parentheses"`.
 *
 * @example
 * formatDollars(15_600_000) //=> "$156,000"
 * formatDollars(-1_250) //=> "-$13"
 */
export function formatDollars(cents: number, options: { negative?: TNegativeStyle } = {}): string {
  const dollars = Math.round(Math.abs(cents) / 100);

  return withSign(dollarsFormat.format(dollars), cents < 0 && dollars !== 0, options.negative ?? "minus");
}

/**
 * Dollars and cents for tables; negatives in parentheses (financial tables) unless `negative: "minus"`.
 *
 * @example
 * formatCents(123_456) //=> "$1,234.56"
 * formatCents(-1_200) //=> "($12.00)"
 */
export function formatCents(cents: number, options: { negative?: TNegativeStyle } = {}): string {
  const rounded = Math.round(cents);

  return withSign(centsFormat.format(Math.abs(rounded) / 100), rounded < 0, options.negative ?? "parentheses");
}

/**
 * Short dollars for chart axes: `$0`, `$950`, `$12k`, `$1.2M`.
 *
 * @example
 * formatDollarsCompact(1_250_000) //=> "$12.5k"
 */
export function formatDollarsCompact(cents: number): string {
  const dollars = Math.abs(cents) / 100;
  const sign = cents < 0 ? "-" : "";
  if (dollars >= 1_000_000) return `${sign}$${trim(dollars / 1_000_000)}M`;
  if (dollars >= 1_000) return `${sign}$${trim(dollars / 1_000)}k`;

  return `${sign}$${Math.round(dollars)}`;
}

function trim(value: number): string {
  return value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}
