/**
 * Spreadsheets start a formula at `=`, `+`, `-` or `@` also after leading blanks (spaces,
 * non-breaking and other Unicode spaces) and in their full-width and small forms (＝ ＋ － ＠,
 * ﹦ ﹢ ﹣ ﹫), and a leading tab or CR can hide one.
 */
const FORMULA_START = /^(?:[\s\u200B]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]|[\t\r])/;

/**
 * A text cell a spreadsheet could run as a formula gets a leading `'` (spec §8); anything else is
 * returned as is. The CSV export and the Excel workbook share this rule.
 * @example neutralizeFormula("=1+1") //=> "'=1+1"
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Formats one CSV output cell: neutralizes spreadsheet formula injection (a text cell that a
 * spreadsheet could run as a formula gets a leading `'`, spec §8) and quotes it when needed.
 * @example neutralizeCsvCell("=HYPERLINK(\"x\")") //=> "\"'=HYPERLINK(\"\"x\"\")\""
 * @example neutralizeCsvCell(" =1+1") //=> "' =1+1"
 * @example neutralizeCsvCell("96413") //=> "96413"
 */
export function neutralizeCsvCell(value: string | number): string {
  const text = typeof value === "string" ? neutralizeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
