/**
 * Exact decimal-string → integer-cents conversion (no floating-point multiply).
 *
 * Rounding policy: amounts with more than two decimals are rounded half away from zero on the
 * third decimal: `"1234.565"` → 123457, `"1234.5649"` → 123456, `"-0.005"` → -1. Payers and PM
 * systems round currency this way, and it keeps `parseCents(-x) === -parseCents(x)`.
 */

export type ParseCentsOptions = {
  /**
   * `csv` (default) also accepts `$`, thousands separators (`1,234.56`), a `+` sign, parentheses
   * for negatives (`(12.00)`, `($12.00)`, `$(12.00)`), and a trailing minus (`12.00-`). `x12` accepts only the X12 decimal
   * type: an optional leading `-`, digits and at most one `.`.
   */
  format?: "csv" | "x12";
};

const CSV_AMOUNT = /^([+-])?\s*\$?\s*([+-])?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?\s*(-)?$/;
const X12_AMOUNT = /^(-)?(\d+)?(?:\.(\d*))?$/;
const MAX_INTEGER_DIGITS = 13; // 10^13 dollars stays far below 2^53 cents

/**
 * Parses a money string into integer cents; returns undefined when it is not an amount (blank
 * included: callers decide whether blank means "absent" or "zero").
 *
 * @example parseCents("$1,234.56") //=> 123456
 * @example parseCents("(12.00)") //=> -1200
 * @example parseCents("$(1,234.56)") //=> -123456
 * @example parseCents("-12.5") //=> -1250
 * @example parseCents("1234.565") //=> 123457
 * @example parseCents("12a") //=> undefined
 */
export function parseCents(text: string, options: ParseCentsOptions = {}): number | undefined {
  let value = text.trim();
  if (value === "") return undefined;
  let negative = false;
  let intPart: string | undefined;
  let fracPart: string | undefined;
  if (options.format === "x12") {
    const m = X12_AMOUNT.exec(value);
    if (!m) return undefined;
    negative = m[1] === "-";
    intPart = m[2];
    fracPart = m[3];
  } else {
    // "$(12.00)" (spreadsheet accounting format) is "($12.00)".
    if (value.startsWith("$") && value.slice(1).trimStart().startsWith("(")) value = value.slice(1).trimStart();
    if (value.startsWith("(") && value.endsWith(")")) {
      negative = true;
      value = value.slice(1, -1).trim();
    }
    const m = CSV_AMOUNT.exec(value);
    if (!m) return undefined;
    const signs = [m[1], m[2], m[5]].filter((s) => s !== undefined);
    if (signs.length > 1) return undefined;
    if (negative && signs.length > 0) return undefined;
    if (signs[0] === "-") negative = true;
    intPart = m[3]?.replace(/,/g, "");
    fracPart = m[4];
  }
  if ((intPart === undefined || intPart === "") && (fracPart === undefined || fracPart === "")) return undefined;
  const digits = (intPart ?? "").replace(/^0+(?=\d)/, "");
  if (digits.length > MAX_INTEGER_DIGITS) return undefined;
  const frac = fracPart ?? "";
  let cents = Number(digits === "" ? "0" : digits) * 100 + Number((frac + "00").slice(0, 2));
  if (frac.length > 2 && frac.charCodeAt(2) >= 53 /* '5' */) cents += 1;
  if (cents === 0) return 0;
  return negative ? -cents : cents;
}

/**
 * Formats cents as a plain decimal string for messages.
 * @example formatCents(-1250) //=> "-12.50"
 */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
