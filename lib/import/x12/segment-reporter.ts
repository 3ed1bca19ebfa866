/**
 * Issue reporting and element reading shared by the 835 segment readers: every message names the
 * segment number, id and file line.
 */
import type { ClaimsIssue } from "../claims/claim-line";
import { parseCents } from "../claims/parse-cents";
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

const QUANTITY = /^-?(\d+\.?\d*|\.\d+)$/;

export function createSegmentReporter(warnings: ClaimsIssue[], errors: ClaimsIssue[]): SegmentReporter {
  let swapWarned = false;
  const issue = (segment: Segment, code: string, message: string, extra: Partial<ClaimsIssue>): ClaimsIssue => ({
    code,
    message: `segment ${segment.index} (${segment.id}, line ${segment.line}): ${message}`,
    segment: segment.index,
    line: segment.line,
    ...extra,
  });
  const reporter: SegmentReporter = {
    error: (segment, code, message, extra = {}) => errors.push(issue(segment, code, message, extra)),
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
