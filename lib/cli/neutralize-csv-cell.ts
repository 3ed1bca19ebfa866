/**
 * Formats one CSV output cell: neutralizes spreadsheet formula injection (a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, spec §8) and quotes it when needed.
 * @example neutralizeCsvCell("=HYPERLINK(\"x\")") //=> "\"'=HYPERLINK(\"\"x\"\")\""
 * @example neutralizeCsvCell("96413") //=> "96413"
 */
export function neutralizeCsvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
