/**
 * Issue reporting and element reading shared by the 835 segment readers: every message names the
 * segment number, id and file line.
 */
import type { ClaimsIssue } from "../claims/claim-line";
import { parseCents } from "../claims/parse-cents";
import { MAX_QUOTED_VALUE_CHARS, MAX_RAW_ROW_CHARS, shortenValue } from "../limit-text";
import { splitComposite } from "./split-composite";
import type { Segment } from "./x12-types";

export type SegmentReporter = {
  error(segment: Segment, code: string, message: string, extra?: Partial<ClaimsIssue>): void;
  warn(segment: Segment, code: string, message: string, extra?: Partial<ClaimsIssue>): void;
  /** An amount element in cents; `fallback` when blank; null (with a BAD_AMOUNT error) when unreadable. */
  amount(segment: Segment, position: number, label: string, fallback: number | null): number | null;
  /** A quantity element; undefined when blank; null (with a BAD_NUMBER error) when unreadable. */
  quantity(segment: Segment, position: number, label: string): number | null | undefined;
  /** Composite parts, tolerating the `>`/`:` mix-up (warned once per file). */
  composite(segment: Segment, value: string): string[];
};

export const clean = (value: string | undefined): string => (value ?? "").trim();

/**
 * The segment as the file had it (elements joined by the element separator, with its terminator),
 * cut to MAX_RAW_ROW_CHARS: the raw row kept with an error about it, and nothing more of the file.
 */
export function segmentText(segment: Segment): string {
  const d = segment.delimiters;
  let text = "";
  for (let i = 0; i < segment.elements.length; i++) {
    text += i === 0 ? segment.elements[i] : d.element + segment.elements[i];
    if (text.length > MAX_RAW_ROW_CHARS) return shortenValue(text, MAX_RAW_ROW_CHARS);
  }
  return d.segment === "\n" ? text : text + d.segment;
}

const QUANTITY = /^-?(\d+\.?\d*|\.\d+)$/;

export type SegmentReporterOptions = {
  /** Put each error's segment text in `segmentText` (for storing it as the error's raw row). */
  keepSegmentText?: boolean;
};

export function createSegmentReporter(warnings: ClaimsIssue[], errors: ClaimsIssue[], options: SegmentReporterOptions = {}): SegmentReporter {
  const keepText = options.keepSegmentText === true;
  let swapWarned = false;
  const issue = (segment: Segment, code: string, message: string, extra: Partial<ClaimsIssue>): ClaimsIssue => ({
    code,
    message: `segment ${segment.index} (${segment.id}, line ${segment.line}): ${message}`,
    segment: segment.index,
    line: segment.line,
    ...extra,
    ...(extra.raw !== undefined && extra.raw.length > MAX_QUOTED_VALUE_CHARS && { raw: shortenValue(extra.raw) }),
  });
  const reporter: SegmentReporter = {
    error: (segment, code, message, extra = {}) => errors.push(issue(segment, code, message, keepText ? { ...extra, segmentText: segmentText(segment) } : extra)),
    warn: (segment, code, message, extra = {}) => warnings.push(issue(segment, code, message, extra)),
    amount(segment, position, label, fallback) {
      const raw = clean(segment.elements[position]);
      if (raw === "") return fallback;
      const cents = parseCents(raw, { format: "x12" });
      if (cents === undefined) {
        reporter.error(segment, "BAD_AMOUNT", `${label} '${raw}' is not a number`, { raw });
        return null;
      }
      return cents;
    },
    quantity(segment, position, label) {
      const raw = clean(segment.elements[position]);
      if (raw === "") return undefined;
      if (!QUANTITY.test(raw)) {
        reporter.error(segment, "BAD_NUMBER", `${label} '${raw}' is not a number`, { raw });
        return null;
      }
      return Number(raw);
    },
    composite(segment, value) {
      const result = splitComposite(value, segment.delimiters);
      if (result.swappedSeparator && !swapWarned) {
        swapWarned = true;
        const used = segment.delimiters.component === ":" ? ">" : ":";
        reporter.warn(segment, "COMPONENT_SEPARATOR_SWAPPED", `composites use '${used}' although ISA16 declares '${segment.delimiters.component}'; read with '${used}'`);
      }
      return result.parts;
    },
  };
  return reporter;
}
