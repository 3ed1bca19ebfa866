/**
 * Reads an X12 835 remittance into normalized claim lines, from text or from a stream of text
 * chunks. `stream835` hands lines over as their claims complete (bounded memory, whatever the
 * file's size); `read835Text` / `read835Chunks` collect everything.
 */
import type { ClaimsIssue } from "../claims/claim-line";
import { create835Reader, type Reader835Result } from "./create-835-reader";
import { createSegmentTokenizer } from "./create-segment-tokenizer";
import type { TokenizerIssue } from "./x12-types";

export type Read835Options = {
  /** Recorded in each line's `source.file` (default `"input"`). */
  file?: string;
  /** Give each segment error its segment's text (`segmentText`), to be stored as its raw row. */
  keepSegmentText?: boolean;
  /** Longest segment read whole (characters, default 1 Mi); longer ones are SEGMENT_TOO_LONG errors. */
  maxSegmentChars?: number;
};

function toIssue(issue: TokenizerIssue): ClaimsIssue {
  return {
    code: issue.code,
    message: issue.message,
    line: issue.line,
    ...(issue.segment !== undefined && { segment: issue.segment }),
  };
}

const isFatal = (issue: TokenizerIssue): boolean => issue.code === "NOT_X12" || issue.code === "BAD_ISA";

type RawBatch = { result: Reader835Result; tokenizerIssues: TokenizerIssue[] };

const EMPTY_FILE: ClaimsIssue = { code: "EMPTY_FILE", message: "the file is empty", line: 1, fatal: true };

/**
 * Reads chunks segment by segment and hands over what each chunk completed: memory is bounded by
 * one chunk, one claim and the claim ids of the file (to tie PLB references to claims), never by
 * the lines read.
 */
async function* readBatches(chunks: AsyncIterable<string> | Iterable<string>, options: Read835Options, state: { empty: boolean }): AsyncGenerator<RawBatch> {
  const tokenizer = createSegmentTokenizer(options.maxSegmentChars !== undefined ? { maxSegmentChars: options.maxSegmentChars } : {});
  const reader = create835Reader({ file: options.file ?? "input", keepSegmentText: options.keepSegmentText === true });
  for await (const chunk of chunks) {
    if (state.empty && chunk.trim() !== "") state.empty = false;
    for (const segment of tokenizer.push(chunk)) reader.push(segment);
    yield { result: reader.take(), tokenizerIssues: tokenizer.takeIssues() };
  }
  for (const segment of tokenizer.end()) reader.push(segment);
  const last = reader.finish();
  yield { result: last, tokenizerIssues: tokenizer.takeIssues() };
}

function hasContent(batch: Reader835Result): boolean {
  return batch.lines.length + batch.warnings.length + batch.errors.length + batch.payments.length > 0;
}

/**
 * Streams an 835: batches of claim lines (as their claims complete), warnings, errors (row errors,
 * each with its segment's text) and payments (as their transactions complete), in file order.
 * Whole-file problems (empty, not X12, unreadable ISA) come as `fatal` errors.
 * @example for await (const batch of stream835(createReadStream("remit.835", { encoding: "latin1" }))) write(batch.lines);
 */
export async function* stream835(chunks: AsyncIterable<string> | Iterable<string>, options: Read835Options = {}): AsyncGenerator<Reader835Result> {
  const state = { empty: true };
  const pending: RawBatch[] = [];
  for await (const raw of readBatches(chunks, options, state)) {
    // An empty file is known only at its end: hold back the (issue-only) batches until content shows.
    if (state.empty) {
      pending.push(raw);
      continue;
    }
    for (const held of pending.splice(0, pending.length)) {
      const batch = toBatch(held);
      if (hasContent(batch)) yield batch;
    }
    const batch = toBatch(raw);
    if (hasContent(batch)) yield batch;
  }
  if (state.empty) yield { lines: [], warnings: [], errors: [EMPTY_FILE], payments: [] };
}

function toBatch({ result, tokenizerIssues }: RawBatch): Reader835Result {
  if (tokenizerIssues.length === 0) return result;
  const errors: ClaimsIssue[] = [];
  const warnings: ClaimsIssue[] = [];
  for (const issue of tokenizerIssues) (isFatal(issue) ? errors : warnings).push(isFatal(issue) ? { ...toIssue(issue), fatal: true } : toIssue(issue));
  for (const w of result.warnings) warnings.push(w);
  for (const e of result.errors) errors.push(e);
  return { lines: result.lines, warnings, errors, payments: result.payments };
}

/** Collects every batch into one result, tokenizer issues first (as the reader has always reported them). */
async function collect(chunks: AsyncIterable<string> | Iterable<string>, options: Read835Options): Promise<Reader835Result> {
  const state = { empty: true };
  const tokenizerErrors: ClaimsIssue[] = [];
  const tokenizerWarnings: ClaimsIssue[] = [];
  const all: Reader835Result = { lines: [], warnings: [], errors: [], payments: [] };
  for await (const { result, tokenizerIssues } of readBatches(chunks, options, state)) {
    for (const issue of tokenizerIssues) {
      if (isFatal(issue)) tokenizerErrors.push({ ...toIssue(issue), fatal: true });
      else tokenizerWarnings.push(toIssue(issue));
    }
    // Loops, not push(...array): a batch may hold hundreds of thousands of items.
    for (const line of result.lines) all.lines.push(line);
    for (const w of result.warnings) all.warnings.push(w);
    for (const e of result.errors) all.errors.push(e);
    for (const p of result.payments) all.payments.push(p);
  }
  if (state.empty) return { lines: [], warnings: [], errors: [EMPTY_FILE], payments: [] };
  return {
    lines: all.lines,
    warnings: tokenizerWarnings.length > 0 ? tokenizerWarnings.concat(all.warnings) : all.warnings,
    errors: tokenizerErrors.length > 0 ? tokenizerErrors.concat(all.errors) : all.errors,
    payments: all.payments,
  };
}

/**
 * Reads a whole 835 held in memory.
 * @example read835Text(fs.readFileSync("remit.835", "utf8"), { file: "remit.835" }).lines.length
 */
export function read835Text(text: string, options: Read835Options = {}): Reader835Result {
  const tokenizer = createSegmentTokenizer(options.maxSegmentChars !== undefined ? { maxSegmentChars: options.maxSegmentChars } : {});
  const reader = create835Reader({ file: options.file ?? "input", keepSegmentText: options.keepSegmentText === true });
  for (const segment of tokenizer.push(text)) reader.push(segment);
  for (const segment of tokenizer.end()) reader.push(segment);
  if (text.trim() === "") return { lines: [], warnings: [], errors: [EMPTY_FILE], payments: [] };
  const result = reader.finish();
  const batch = toBatch({ result, tokenizerIssues: tokenizer.takeIssues() });
  return batch;
}

/**
 * Reads an 835 from text chunks (e.g. `fs.createReadStream(path, { encoding: "latin1" })`) into one
 * result. The lines of a big file add up: `stream835` hands them over batch by batch instead.
 */
export function read835Chunks(chunks: AsyncIterable<string> | Iterable<string>, options: Read835Options = {}): Promise<Reader835Result> {
  return collect(chunks, options);
}
