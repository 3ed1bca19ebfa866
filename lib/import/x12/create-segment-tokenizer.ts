/**
 * Incremental X12 segment tokenizer: feed text chunks, get whole segments back.
 *
 * - Delimiters come from each ISA segment: the element separator is the character after `ISA`,
 *   the component separator is the first character of ISA16 and the segment terminator the
 *   character after it (CR/LF there means newline-terminated segments). Each new ISA re-reads them.
 * - A line break right after ISA16 whose next non-blank character is not a letter or digit (nor
 *   the element or component separator) means that character is the terminator, written at the
 *   start of each following line (`…*:\r\n~GS*…\r\n~ST*…`, as some generators do).
 * - Newlines around terminators are ignored (`~\r\n`, `\r\n~`). When the terminator is not a newline, a
 *   bare newline that is followed by something that looks like a segment start (`ABC*`) also ends a
 *   segment (files that mix `~` and newline-only terminators); any other bare newline is a line
 *   wrap and is dropped (fixed-width wrapped files), reported once as WRAPPED_LINES.
 * - A file that starts with a segment other than ISA (e.g. a bare `ST*835` transaction) is read
 *   with the usual delimiters (`*`, `:`, `^`, and `~` or newline) and reported as MISSING_ISA.
 * - Anything else at the start of the input is NOT_X12 and the rest is ignored.
 *
 * - A segment longer than `maxSegmentChars` (default 1 Mi characters: a missing terminator, a
 *   hostile file) is not buffered: its first characters come out as a segment marked `tooLong` and
 *   the rest is skipped up to the next terminator, so memory stays bounded whatever the input.
 *
 * Chunks may split anywhere (even inside ISA); `end()` flushes an unterminated last segment.
 */
import type { Delimiters, Segment, TokenizerIssue } from "./x12-types";

export type SegmentTokenizer = {
  /** Adds a chunk of text; returns the segments completed by it. */
  push(chunk: string): Segment[];
  /** Signals end of input; returns the remaining segments. */
  end(): Segment[];
  /** Issues found so far (drained: each issue is returned once). */
  takeIssues(): TokenizerIssue[];
  /** Delimiters of the current interchange, once known. */
  readonly delimiters: Delimiters | null;
};

export type SegmentTokenizerOptions = {
  /** Longest segment read whole (characters, default 1 Mi); longer ones come out `tooLong`. */
  maxSegmentChars?: number;
};

/** What a `tooLong` segment keeps of its text. */
const TOO_LONG_KEPT_CHARS = 4000;

const ISA_LENGTH = 106;
/** How far past a line break after ISA16 the tokenizer looks for a leading segment terminator. */
const LEADING_TERMINATOR_LOOKAHEAD = 256;
const SEGMENT_START = /^[A-Z][A-Z0-9]{1,2}$/;

function isNewline(c: string | undefined): boolean {
  return c === "\n" || c === "\r";
}

function isSpace(c: string | undefined): boolean {
  return c === "\n" || c === "\r" || c === " " || c === "\t" || c === "\uFEFF";
}

/** Index of the first CR or LF in `text[from, to)`, or -1. */
function findNewline(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** Line breaks (LF, CRLF or bare CR, each one) in `text[from, to)`. */
function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

/**
 * Creates a tokenizer.
 * @example
 * const t = createSegmentTokenizer();
 * t.push("ISA*00*...*:~GS*HP*"); t.push("...~"); t.end();
 */
export function createSegmentTokenizer(options: SegmentTokenizerOptions = {}): SegmentTokenizer {
  const maxSegmentChars = Math.max(ISA_LENGTH + 64, options.maxSegmentChars ?? 1 << 20);
  let buffer = "";
  /** Inside a too-long segment: input is dropped up to its terminator. */
  let skipping = false;
  let delimiters: Delimiters | null = null;
  let line = 1;
  let segmentCount = 0;
  let dead = false;
  let started = false;
  let wrappedReported = false;
  const issues: TokenizerIssue[] = [];

  const makeSegment = (text: string, startLine: number): Segment => {
    const d = delimiters!;
    let body = text;
    while (body.length > 0 && isSpace(body[body.length - 1])) body = body.slice(0, -1);
    const elements = body.split(d.element);
    segmentCount++;
    return { id: (elements[0] ?? "").trim(), elements, index: segmentCount, line: startLine, delimiters: d };
  };

  /** Reads an ISA at `pos`; returns the position after it, 0 = need more input, -1 = unreadable. */
  const readIsa = (pos: number, final: boolean, out: Segment[]): number => {
    const element = buffer[pos + 3]!;
    // Find the 16th element separator. Fixed-length ISA puts it at pos+103; count to tolerate unpadded ids.
    let seps = 0;
    let i = pos + 3;
    const limit = Math.min(buffer.length, pos + ISA_LENGTH + 64);
    for (; i < limit; i++) {
      if (buffer[i] === element) {
        seps++;
        if (seps === 16) break;
      }
    }
    if (seps < 16 || i + 2 >= buffer.length) {
      if (!final && buffer.length < pos + ISA_LENGTH + 64) return 0;
      issues.push({ code: "BAD_ISA", message: "ISA segment is incomplete: cannot read the delimiters", line, segment: segmentCount + 1 });
      return -1;
    }
    if (buffer[i + 2] === "\r" && i + 3 >= buffer.length && !final) return 0;
    const component = buffer[i + 1]!;
    let terminator = buffer[i + 2]!;
    let after = i + 3;
    if (isNewline(terminator)) {
      // A line break after ISA16. Usually newline-terminated segments; but some generators start
      // every following line with the real terminator (`…*:\n~GS*…\n~ST*…`): when the first
      // non-blank character after the break is not a letter or digit (nor a separator), it is the
      // segment terminator and the line breaks around it are blank space.
      let ahead = after;
      while (ahead < buffer.length && ahead - after < LEADING_TERMINATOR_LOOKAHEAD && isSpace(buffer[ahead])) ahead++;
      if (ahead >= buffer.length && !final) return 0;
      const next = buffer[ahead];
      if (next !== undefined && !isSpace(next) && !isAlphaNumeric(next) && next !== element && next !== component) {
        terminator = next;
        after = i + 2; // the line break is counted (and skipped) with the blank space between segments
      } else {
        if (terminator === "\r" && buffer[after] === "\n") after++;
        terminator = "\n";
      }
    }
    const text = buffer.slice(pos, i + 2);
    const repetitionValue = text.split(element)[11] ?? "";
    const repetition = repetitionValue.length === 1 && !isAlphaNumeric(repetitionValue) ? repetitionValue : null;
    delimiters = { element, component, repetition, segment: terminator };
    out.push(makeSegment(text, line));
    if (terminator === "\n") line++;
    return after;
  };

  const run = (final: boolean): Segment[] => {
    const out: Segment[] = [];
    if (dead) {
      buffer = "";
      return out;
    }
    let pos = 0;
    if (skipping) {
      // The rest of a too-long segment: drop it up to its terminator.
      const d = delimiters!;
      const at = d.segment === "\n" ? findNewline(buffer, 0, buffer.length) : buffer.indexOf(d.segment);
      const stop = at === -1 ? buffer.length : at;
      line += countLineBreaks(buffer, 0, stop);
      if (at === -1) {
        buffer = "";
        return out;
      }
      skipping = false;
      pos = at + 1;
    }
    for (;;) {
      // Skip whitespace and stray terminators between segments.
      while (pos < buffer.length) {
        const c = buffer[pos];
        if (c === "\r" && pos + 1 >= buffer.length && !final) break; // CR LF may be split across chunks
        if (c === "\n") line++;
        else if (c === "\r") {
          if (buffer[pos + 1] !== "\n") line++;
        } else if (!(isSpace(c) || (delimiters !== null && c === delimiters.segment))) break;
        pos++;
      }
      if (pos >= buffer.length) break;
      if (!final && buffer.length - pos < 4) break;

      // A new interchange: re-read the delimiters.
      if (buffer.startsWith("ISA", pos) && buffer.length > pos + 3 && !isAlphaNumeric(buffer[pos + 3]) && !isSpace(buffer[pos + 3])) {
        const next = readIsa(pos, final, out);
        if (next === 0) break;
        if (next === -1) {
          dead = true;
          pos = buffer.length;
          break;
        }
        started = true;
        pos = next;
        continue;
      }

      if (!delimiters) {
        const head = /^([A-Z][A-Z0-9]{1,2})([^A-Za-z0-9\s])/.exec(buffer.slice(pos, pos + 4));
        if (!head || started) {
          issues.push({
            code: "NOT_X12",
            message: "the input does not start with an X12 segment (ISA or ST)",
            line,
          });
          dead = true;
          pos = buffer.length;
          break;
        }
        const rest = buffer.slice(pos, pos + 65536);
        const tilde = rest.indexOf("~");
        const newline = rest.search(/[\r\n]/);
        if (tilde === -1 && newline === -1 && !final && buffer.length - pos < 65536) break;
        const segment = tilde !== -1 && (newline === -1 || tilde < newline || rest[tilde + 1] === "\n" || rest[tilde + 1] === "\r") ? "~" : "\n";
        delimiters = { element: head[2]!, component: ":", repetition: "^", segment };
        started = true;
        issues.push({
          code: "MISSING_ISA",
          message: `no ISA interchange header: read with the usual delimiters (element '${head[2]}', component ':', segment '${segment === "\n" ? "newline" : segment}')`,
          line,
        });
      }

      const d = delimiters;
      const startLine = line;
      let scan = pos;
      let end = -1;
      let next = -1;
      let pieces: string[] | null = null;
      let linesInside = 0;
      for (;;) {
        const t = d.segment === "\n" ? -1 : buffer.indexOf(d.segment, scan);
        const at = findNewline(buffer, scan, t === -1 ? buffer.length : t);
        if (at === -1) {
          if (t !== -1) {
            end = t;
            next = t + 1;
          }
          break;
        }
        if (buffer[at] === "\r" && at + 1 >= buffer.length && !final) {
          end = -2; // CR LF may be split across chunks
          break;
        }
        let afterNl = at + 1;
        if (buffer[at] === "\r" && buffer[afterNl] === "\n") afterNl++;
        if (d.segment === "\n") {
          end = at;
          next = afterNl;
          line++;
          break;
        }
        // Bare newline inside a `~`-terminated file: a segment end if a segment (an ISA with any
        // delimiters), the terminator, a blank line or the end of the input follows it.
        let ahead = afterNl;
        while (ahead < buffer.length && isSpace(buffer[ahead])) ahead++;
        if (!final && buffer.length - ahead < 4) {
          end = -2;
          break;
        }
        const look = /^([A-Z][A-Z0-9]{1,2})(.)/.exec(buffer.slice(ahead, ahead + 4));
        const segmentStart = look !== null && SEGMENT_START.test(look[1]!) && (look[2] === d.element || (look[1] === "ISA" && !isAlphaNumeric(look[2]) && !isSpace(look[2])));
        if (ahead > afterNl || ahead >= buffer.length || buffer[ahead] === d.segment || segmentStart) {
          end = at;
          next = afterNl;
          line++;
          break;
        }
        // A line wrap: drop the newline and keep scanning.
        if (!wrappedReported) {
          wrappedReported = true;
          issues.push({
            code: "WRAPPED_LINES",
            message: "segments are wrapped across lines; line breaks inside segments were removed",
            line: line + linesInside,
            segment: segmentCount + 1,
          });
        }
        pieces ??= [];
        pieces.push(buffer.slice(scan, at));
        linesInside++;
        scan = afterNl;
      }
      if ((end === -2 || (end === -1 && !final)) && buffer.length - pos > maxSegmentChars) {
        // No terminator within maxSegmentChars: keep the segment's head, skip the rest.
        const head = pieces ? pieces.join("").slice(0, TOO_LONG_KEPT_CHARS) : buffer.slice(pos, pos + TOO_LONG_KEPT_CHARS);
        line += linesInside + countLineBreaks(buffer, scan, buffer.length);
        const segment = makeSegment(head, startLine);
        segment.tooLong = true;
        out.push(segment);
        skipping = true;
        buffer = "";
        return out;
      }
      if (end === -2) break;
      if (end === -1) {
        if (!final) break;
        end = buffer.length;
        next = buffer.length;
      }
      line += linesInside;
      if (end - pos > maxSegmentChars) {
        // Terminated, but longer than any real segment: same treatment as an unterminated one.
        const head = pieces ? pieces.join("").slice(0, TOO_LONG_KEPT_CHARS) : buffer.slice(pos, pos + TOO_LONG_KEPT_CHARS);
        const segment = makeSegment(head, startLine);
        segment.tooLong = true;
        out.push(segment);
        pos = next;
        continue;
      }
      const text = pieces ? pieces.join("") + buffer.slice(scan, end) : buffer.slice(pos, end);
      out.push(makeSegment(text, startLine));
      pos = next;
    }
    buffer = buffer.slice(pos);
    return out;
  };

  return {
    push(chunk: string): Segment[] {
      if (dead) return [];
      buffer += chunk;
      return run(false);
    },
    end(): Segment[] {
      const out = skipping && buffer === "" ? [] : run(true);
      buffer = "";
      skipping = false;
      return out;
    },
    takeIssues(): TokenizerIssue[] {
      return issues.splice(0, issues.length);
    },
    get delimiters() {
      return delimiters;
    },
  };
}
