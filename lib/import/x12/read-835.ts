/**
 * Reads an X12 835 remittance into normalized claim lines, from text or from a stream of text
 * chunks (the tokenizer is incremental, so memory stays bounded by the claim lines produced).
 */
import type { ClaimsIssue } from "../claims/claim-line";
import { create835Reader, type Reader835Result } from "./create-835-reader";
import { createSegmentTokenizer } from "./create-segment-tokenizer";
import type { TokenizerIssue } from "./x12-types";

export type Read835Options = {
  /** Recorded in each line's `source.file` (default `"input"`). */
  file?: string;
};

function toIssue(issue: TokenizerIssue): ClaimsIssue {
  return {
    code: issue.code,
    message: issue.message,
    line: issue.line,
    ...(issue.segment !== undefined && { segment: issue.segment }),
  };
}

function assemble(result: Reader835Result, tokenizerIssues: TokenizerIssue[]): Reader835Result {
  const errors: ClaimsIssue[] = [];
  const warnings: ClaimsIssue[] = [];
  for (const issue of tokenizerIssues) {
    if (issue.code === "NOT_X12" || issue.code === "BAD_ISA") errors.push({ ...toIssue(issue), fatal: true });
    else warnings.push(toIssue(issue));
  }
  return {
    lines: result.lines,
    warnings: [...warnings, ...result.warnings],
    errors: [...errors, ...result.errors],
    payments: result.payments,
  };
}

/**
 * Reads a whole 835 held in memory.
 * @example read835Text(fs.readFileSync("remit.835", "utf8"), { file: "remit.835" }).lines.length
 */
export function read835Text(text: string, options: Read835Options = {}): Reader835Result {
  const tokenizer = createSegmentTokenizer();
  const reader = create835Reader({ file: options.file ?? "input" });
  for (const segment of tokenizer.push(text)) reader.push(segment);
  for (const segment of tokenizer.end()) reader.push(segment);
  return finishRead(reader.finish(), tokenizer.takeIssues(), text.trim() === "");
}

/**
 * Reads an 835 from text chunks (e.g. `fs.createReadStream(path, { encoding: "latin1" })`).
 */
export async function read835Chunks(chunks: AsyncIterable<string> | Iterable<string>, options: Read835Options = {}): Promise<Reader835Result> {
  const tokenizer = createSegmentTokenizer();
  const reader = create835Reader({ file: options.file ?? "input" });
  let empty = true;
  for await (const chunk of chunks) {
    if (empty && chunk.trim() !== "") empty = false;
    for (const segment of tokenizer.push(chunk)) reader.push(segment);
  }
  for (const segment of tokenizer.end()) reader.push(segment);
  return finishRead(reader.finish(), tokenizer.takeIssues(), empty);
}

function finishRead(result: Reader835Result, issues: TokenizerIssue[], empty: boolean): Reader835Result {
  if (empty) {
    return { lines: [], warnings: [], errors: [{ code: "EMPTY_FILE", message: "the file is empty", line: 1, fatal: true }], payments: [] };
  }
  return assemble(result, issues);
}
