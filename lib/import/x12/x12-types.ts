/** Shared X12 types: delimiters and segments. */

export type Delimiters = {
  /** Element separator (ISA position 3, usually `*`). */
  element: string;
  /** Component (sub-element) separator (ISA16, usually `:` or `>`). */
  component: string;
  /** Repetition separator (ISA11 in 00501, usually `^`); null when not declared. */
  repetition: string | null;
  /** Segment terminator (after ISA16, usually `~`); `"\n"` for newline-terminated files. */
  segment: string;
};

export type Segment = {
  /** Segment id, e.g. `CLP`. */
  id: string;
  /** `elements[0]` is the id; `elements[1]` is XX01 and so on (raw strings, not trimmed). */
  elements: string[];
  /** 1-based segment number in the file (ISA = 1). */
  index: number;
  /** 1-based line of the file where the segment starts. */
  line: number;
  /** The delimiters in force for this segment. */
  delimiters: Delimiters;
  /**
   * Set when the segment was longer than the tokenizer's `maxSegmentChars` (a missing terminator
   * or a hostile file): `elements` then hold only its first characters and the rest was skipped.
   */
  tooLong?: true;
};

export type TokenizerIssue = {
  code: "NOT_X12" | "BAD_ISA" | "MISSING_ISA" | "WRAPPED_LINES";
  message: string;
  line: number;
  segment?: number;
};
