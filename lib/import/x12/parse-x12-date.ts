const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Reads an X12 date (`CCYYMMDD`, or `YYMMDD` read as 20YY) into `YYYY-MM-DD`; undefined when it is
 * not a real calendar date (e.g. `20002316`).
 *
 * @example parseX12Date("20100101") //=> "2010-01-01"
 */
export function parseX12Date(value: string | undefined): string | undefined {
  const text = (value ?? "").trim();
  let digits: string;
  if (text.length === 8 && /^\d{8}$/.test(text)) digits = text;
  else if (text.length === 6 && /^\d{6}$/.test(text)) digits = `20${text}`;
  else return undefined;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const day = Number(digits.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > days) return undefined;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}
