/**
 * Streaming CSV row reader shared by every importer (sessions, claims CSV, fee schedules, catalogs).
 *
 * - Reads a file path or a Node `Readable` chunk by chunk (never the whole file in memory) and parses
 *   each chunk with papaparse's `Parser` (the engine behind `Papa.parse` chunk mode: the unfinished
 *   last row of a chunk is carried into the next one, so quoted fields may span chunks).
 * - Yields batches of rows (one batch per chunk) so the per-row cost stays close to raw papaparse.
 * - Every row carries the 1-based file line where it starts, counting preamble rows, blank lines
 *   and line breaks inside quoted fields.
 * - Handles a UTF-8 BOM, CRLF / LF / CR line endings, quoted fields, blank lines (skipped), preamble
 *   rows before the header (see `isHeaderRow`), totals/trailer rows after the data (skipped with a
 *   notice), an empty file, a binary file (NUL bytes) and an unreadable file (`ImportFileError`).
 * - Cells are always strings (no dynamic typing): codes and ids like `00123` stay intact.
 */
import { createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";
import Papa from "papaparse";
import { ImportFileError } from "./import-file-error";
import type { ImportNotice, RowError } from "./row-error";

/** A file path, or any readable stream of bytes or text. */
export type CsvSource = string | Readable | NodeJS.ReadableStream;

export type CsvRow = {
  /** 1-based line of the file where the row starts. */
  line: number;
  /** Raw cell strings (untrimmed), in header order. May be shorter than the header. */
  cells: string[];
};

export type CsvBatch = {
  /** Header cells, trimmed, BOM removed. */
  headers: string[];
  /** Line of the header row. */
  headerLine: number;
  rows: CsvRow[];
  /** Rows the reader itself rejected (malformed quotes, extra non-empty fields). */
  errors: RowError[];
  /** Rows skipped on purpose (totals rows), assumptions made (preamble skipped). */
  notices: ImportNotice[];
};

export type ReadCsvRowsOptions = {
  /**
   * Recognises the header row, so that preamble rows before it are skipped. Without it the first
   * non-blank row is the header. See `createHeaderDetector` in `map-columns.ts`.
   */
  isHeaderRow?: (cells: string[]) => boolean;
  /** How many non-blank rows may precede the header (default 50). If none matches, the first non-blank row is the header (see `scoreHeaderRow`). */
  maxPreambleRows?: number;
  /**
   * When no row within `maxPreambleRows` passes `isHeaderRow`, the row with the highest score
   * (above 0; the first on a tie) is taken as the header instead of the first non-blank row, so a
   * header missing a column is still found below a report title and the caller can say which
   * columns are missing. See `createHeaderScorer` in `map-columns.ts`.
   */
  scoreHeaderRow?: (cells: string[]) => number;
  /** Field delimiter. Default: guessed from the first chunk among `,` tab `;` `|`, else `,`. */
  delimiter?: string;
  /** Recognises totals / trailer rows after the data (default `isTotalsRow`). Return false to keep all rows. */
  isTotalsRow?: (cells: string[]) => boolean;
  /** Read size for file paths in bytes (default 64 KiB, measured fastest with papaparse). */
  chunkSize?: number;
  /** Longest plausible row in characters (default 1 Mi); a longer unfinished row is reported as malformed. */
  maxRowChars?: number;
  /** Name used in file-level error messages (default: the path, or "input"). */
  label?: string;
};

const TOTALS_PATTERN = /^(grand\s+|sub-?\s*)?totals?\b|^(record|row)s?\s*count\b|^end\s+of\s+(report|file)\b/i;

const NUMERIC_CELL = /^[\s$€£(),.%\d+-]*$/;

/**
 * Default totals/trailer detector: the first non-empty cell starts with "Total", "Grand total",
 * "Subtotal", "Record count" or "End of report", and no other cell holds text (numbers and amounts
 * only), so a data row whose id happens to start with "Total" is kept.
 * @example isTotalsRow(["Total", "", "", "12"]) //=> true
 * @example isTotalsRow(["TOTAL-7", "P1", "Oxaliplatin"]) //=> false
 */
export function isTotalsRow(cells: string[]): boolean {
  let label = -1;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]!.trim() !== "") {
      label = i;
      break;
    }
  }
  if (label === -1 || !TOTALS_PATTERN.test(cells[label]!.trim())) return false;
  for (let i = label + 1; i < cells.length; i++) if (!NUMERIC_CELL.test(cells[i]!)) return false;
  return true;
}

/** Share of characters that text never has (controls other than tab/CR/LF, invalid UTF-8 → U+FFFD). */
function looksBinary(sample: string): boolean {
  const n = Math.min(sample.length, 65536);
  if (n === 0) return false;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 127) odd++;
  }
  return odd / n > 0.1;
}

function isBlankRow(cells: string[]): boolean {
  if (cells.length === 1) return cells[0]!.trim() === "";
  for (const cell of cells) if (cell.trim() !== "") return false;
  return true;
}

/**
 * Line breaks in `text[0, end)`: LF, CRLF and a bare CR count one each, whatever the file's own
 * row separator, the way `collectRawLines` counts lines, so that an error's line and its raw row
 * agree also when a quoted field holds a bare CR in an LF file (or an LF in a CR file).
 */
function countBreaks(text: string, end: number): number {
  let count = 0;
  let i = text.indexOf("\n");
  while (i !== -1 && i < end) {
    count++;
    i = text.indexOf("\n", i + 1);
  }
  i = text.indexOf("\r");
  while (i !== -1 && i < end) {
    if (text.charCodeAt(i + 1) !== 10) count++;
    i = text.indexOf("\r", i + 1);
  }
  return count;
}

/** Line breaks inside a row's cells (see `countBreaks`). */
function countLineBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) if (cell.indexOf("\n") !== -1 || cell.indexOf("\r") !== -1) breaks += countBreaks(cell, cell.length);
  return breaks;
}

function guessNewline(text: string): "\n" | "\r\n" | "\r" {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  if (lf === -1) return cr === -1 ? "\n" : "\r";
  if (cr === -1) return "\n";
  if (cr === lf - 1) return "\r\n";
  return cr < lf ? "\r" : "\n";
}

function guessDelimiter(sample: string, newline: string): string {
  const cut = sample.lastIndexOf(newline);
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  const result = Papa.parse<string[]>(text, {
    preview: 30,
    newline: newline as "\n" | "\r\n" | "\r",
    delimitersToGuess: [",", "\t", ";", "|"],
  });
  const guessed = result.meta.delimiter;
  return guessed === "\t" || guessed === ";" || guessed === "|" ? guessed : ",";
}

/** End of the part of `buf` that holds whole UTF-8 sequences (a chunk may end mid-character). */
function wholeUtf8End(buf: Buffer): number {
  let j = buf.length - 1;
  while (j >= 0 && buf.length - j < 4 && (buf[j]! & 0xc0) === 0x80) j--;
  return j >= 0 && buf[j]! >= 0xc0 ? j : buf.length;
}

type TextChunkState = { encoding: "utf-8" | "windows-1252" };

async function* readTextChunks(source: CsvSource, chunkSize: number, label: string, state: TextChunkState): AsyncGenerator<string> {
  let stream: NodeJS.ReadableStream;
  if (typeof source === "string") {
    stream = createReadStream(source, { highWaterMark: chunkSize });
  } else {
    stream = source;
  }
  let decoder: { write(b: Buffer): string; end(): string } | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<string | Buffer>) {
      if (typeof chunk === "string") {
        if (chunk.length > 0) yield chunk;
        continue;
      }
      if (!decoder) {
        // Exports from Windows systems are often Windows-1252, not UTF-8: decide on the first bytes.
        const utf8 = chunk.length === 0 || isUtf8(chunk.subarray(0, wholeUtf8End(chunk))) || chunk[0] === 0xff || chunk[0] === 0xfe;
        if (utf8) decoder = new StringDecoder("utf8");
        else {
          let high = 0;
          const n = Math.min(chunk.length, 65536);
          for (let i = 0; i < n; i++) if (chunk[i]! >= 0x80) high++;
          if (high / n > 0.3) {
            throw new ImportFileError("BINARY_FILE", `${label} is not a text CSV file (binary content; a spreadsheet or PDF? export it as CSV)`);
          }
          state.encoding = "windows-1252";
          const cp1252 = new TextDecoder("windows-1252");
          decoder = { write: (b) => cp1252.decode(b, { stream: true }), end: () => cp1252.decode() };
        }
      }
      const text = decoder.write(chunk);
      if (text.length > 0) yield text;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError("UNREADABLE_FILE", `cannot read ${label}: ${reason}`, { reason });
  }
  const rest = decoder?.end() ?? "";
  if (rest.length > 0) yield rest;
}

/**
 * Streams the rows of a CSV file in batches.
 *
 * Throws `ImportFileError` (`UNREADABLE_FILE`, `EMPTY_FILE`, `BINARY_FILE`) for whole-file problems;
 * row problems are returned in each batch's `errors`. At least one batch is yielded for a file with
 * a header, even when it has no data rows.
 *
 * @example
 * for await (const batch of readCsvRows("sessions.csv", { isHeaderRow })) {
 *   for (const row of batch.rows) console.log(row.line, row.cells);
 * }
 */
export async function* readCsvRows(source: CsvSource, options: ReadCsvRowsOptions = {}): AsyncGenerator<CsvBatch> {
  const label = options.label ?? (typeof source === "string" ? source : "input");
  const maxPreambleRows = options.maxPreambleRows ?? 50;
  const totals = options.isTotalsRow ?? isTotalsRow;
  const isHeaderRow = options.isHeaderRow;

  let parser: Papa.Parser | undefined;
  let newline: "\n" | "\r\n" | "\r" = "\n";
  const maxRowChars = options.maxRowChars ?? 1 << 20;
  let pending = "";
  let nextLine = 1;
  let first = true;
  let sawContent = false;

  let headers: string[] | undefined;
  let headerLine = 0;
  const preamble: CsvRow[] = [];

  const takeRows = (text: string, isLast: boolean): { rows: CsvRow[]; errors: RowError[] } => {
    const rows: CsvRow[] = [];
    const errors: RowError[] = [];
    let input = text;
    for (;;) {
      const result = parser!.parse(input, 0, !isLast) as Papa.ParseResult<string[]>;
      const data = result.data;
      // Rows only span several lines through quoted fields. If the consumed text holds exactly one
      // line break per row, no row does, and the per-row count is skipped.
      const consumed = isLast ? input.length : result.meta.cursor;
      const breaks = input.indexOf('"') === -1 ? -1 : countBreaks(input, consumed);
      // Every row but the last of the final piece ends with a line break (papaparse ends a text that
      // finishes with a line break with an empty row).
      const multiLine = breaks !== -1 && breaks > (isLast ? data.length - 1 : data.length);
      let errorRows: Map<number, Papa.ParseError> | undefined;
      if (result.errors.length > 0) {
        errorRows = new Map();
        for (const e of result.errors) {
          if (typeof e.row !== "number") continue;
          if (!errorRows.has(e.row) || e.code === "MissingQuotes") errorRows.set(e.row, e);
        }
      }
      let resumeAt = -1;
      for (let i = 0; i < data.length; i++) {
        const cells = data[i]!;
        const line = nextLine;
        const parseError = errorRows?.get(i);
        if (parseError?.code === "MissingQuotes") {
          // An unbalanced quote would swallow the rest of the file: report this line and carry on
          // from the next one.
          errors.push({ line, code: "MALFORMED_ROW", message: "malformed CSV row: a quoted field is never closed; skipped to the next line" });
          nextLine = line + 1;
          const nl = input.indexOf(newline, parseError.index);
          resumeAt = nl === -1 ? input.length : nl + newline.length;
          break;
        }
        nextLine += multiLine ? 1 + countLineBreaks(cells) : 1;
        if (parseError) {
          errors.push({ line, code: "MALFORMED_ROW", message: `malformed CSV row: ${parseError.message}` });
          continue;
        }
        rows.push({ line, cells });
      }
      if (resumeAt !== -1) {
        input = input.slice(resumeAt);
        continue;
      }
      pending = isLast ? "" : input.substring(result.meta.cursor);
      if (pending.length > maxRowChars) {
        // One unfinished row larger than any real row: an unbalanced quote. Same recovery.
        errors.push({ line: nextLine, code: "MALFORMED_ROW", message: `malformed CSV row: longer than ${maxRowChars} characters (a quoted field is never closed?); skipped to the next line` });
        nextLine++;
        const nl = pending.indexOf(newline);
        input = nl === -1 ? "" : pending.slice(nl + newline.length);
        pending = "";
        continue;
      }
      return { rows, errors };
    }
  };

  const toBatch = (rows: CsvRow[], errors: RowError[]): CsvBatch => {
    const kept: CsvRow[] = [];
    const notices: ImportNotice[] = [];
    const width = headers!.length;
    for (const row of rows) {
      const cells = row.cells;
      if (isBlankRow(cells)) continue;
      if (totals(cells)) {
        notices.push({ line: row.line, code: "TOTALS_ROW", message: `skipped totals row at line ${row.line}` });
        continue;
      }
      if (cells.length > width) {
        let extra = false;
        for (let i = width; i < cells.length; i++) if (cells[i]!.trim() !== "") extra = true;
        if (extra) {
          errors.push({
            line: row.line,
            code: "TOO_MANY_FIELDS",
            message: `row has ${cells.length} fields but the header has ${width} (unquoted delimiter in a value?)`,
          });
          continue;
        }
      }
      kept.push(row);
    }
    return { headers: headers!, headerLine, rows: kept, errors, notices };
  };

  /** Header detection over the first rows; returns the rows after the header, or undefined if not found yet. */
  const detectHeader = (rows: CsvRow[], isLast: boolean): { data: CsvRow[]; skipped: number } | undefined => {
    let i = 0;
    for (; i < rows.length; i++) {
      const row = rows[i]!;
      if (isBlankRow(row.cells)) continue;
      if (!isHeaderRow || isHeaderRow(row.cells)) {
        headers = row.cells.map((c, j) => (j === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
        headerLine = row.line;
        const skipped = preamble.length;
        preamble.length = 0;
        return { data: rows.slice(i + 1), skipped };
      }
      preamble.push(row);
      if (preamble.length > maxPreambleRows) {
        i++;
        break;
      }
    }
    if (preamble.length > maxPreambleRows || (isLast && preamble.length > 0)) {
      // No row looked like a header: take the likeliest one (`scoreHeaderRow`), else the first
      // non-blank row, so the caller can report which columns are missing.
      let at = 0;
      if (options.scoreHeaderRow) {
        let best = 0;
        for (let k = 0; k < preamble.length; k++) {
          const score = options.scoreHeaderRow(preamble[k]!.cells);
          if (score > best) {
            best = score;
            at = k;
          }
        }
      }
      const head = preamble[at]!;
      headers = head.cells.map((c, j) => (j === 0 ? c.replace(/^\uFEFF/, "") : c).trim());
      headerLine = head.line;
      const data = [...preamble.slice(at + 1), ...rows.slice(i)];
      preamble.length = 0;
      return { data, skipped: at };
    }
    return undefined;
  };

  const handle = function* (rows: CsvRow[], errors: RowError[], isLast: boolean): Generator<CsvBatch> {
    if (!headers) {
      const found = detectHeader(rows, isLast);
      if (!found) return;
      const batch = toBatch(found.data, errors);
      if (textState.encoding !== "utf-8") {
        batch.notices.unshift({ code: "ENCODING", message: `${label} is not UTF-8; read as Windows-1252` });
      }
      if (found.skipped > 0) {
        batch.notices.unshift({
          line: 1,
          code: "PREAMBLE_SKIPPED",
          message: `skipped ${found.skipped} row(s) before the header at line ${headerLine}`,
        });
      }
      yield batch;
      return;
    }
    if (rows.length > 0 || errors.length > 0) yield toBatch(rows, errors);
  };

  const init = (sample: string): void => {
    if (looksBinary(sample)) {
      throw new ImportFileError("BINARY_FILE", `${label} is not a text CSV file (binary content; a spreadsheet or PDF? export it as CSV)`);
    }
    const guessedNewline = guessNewline(sample);
    const delimiter = options.delimiter ?? guessDelimiter(sample, guessedNewline);
    newline = guessedNewline;
    parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  };

  // The first 64 KiB are gathered before parsing starts, so the newline and delimiter guesses see
  // more than a sliver of the file even when the source yields tiny chunks.
  let head = "";
  const textState: TextChunkState = { encoding: "utf-8" };
  for await (let chunk of readTextChunks(source, options.chunkSize ?? 1 << 16, label, textState)) {
    if (first) {
      first = false;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (chunk.indexOf("\u0000") !== -1) {
      throw new ImportFileError("BINARY_FILE", `${label} is not a text CSV file (it contains NUL bytes; binary or UTF-16?)`);
    }
    if (!sawContent && chunk.trim() !== "") sawContent = true;
    if (!parser) {
      head += chunk;
      if (head.length < 65536) continue;
      init(head);
      chunk = head;
      head = "";
    }
    const { rows, errors } = takeRows(pending + chunk, false);
    yield* handle(rows, errors, false);
  }
  if (!parser) {
    init(head);
    pending = head;
  }
  if (!sawContent) throw new ImportFileError("EMPTY_FILE", `${label} is empty`);
  const { rows, errors } = takeRows(pending, true);
  yield* handle(rows, errors, true);
  if (!headers) throw new ImportFileError("EMPTY_FILE", `${label} has no header row`);
}
