/**
 * Row-level problems found while importing a file. A bad row becomes one `RowError` (or several,
 * one per bad cell) and the import carries on with the other rows: expected failures are values.
 */

/** Stable error codes. Consumers (UI, CLI, `ImportIssue` rows) may switch on them. */
export const ROW_ERROR_CODES = [
  "MISSING_VALUE",
  "BAD_DATE",
  "BAD_TIME",
  "NONEXISTENT_LOCAL_TIME",
  "BAD_ROUTE",
  "BAD_CATEGORY",
  "BAD_BOOLEAN",
  "BAD_SERVICE",
  "BAD_SETTING",
  "BAD_ACTION",
  "BAD_AMOUNT",
  "BAD_NUMBER",
  "STOP_BEFORE_START",
  "END_WITHOUT_START",
  "MALFORMED_ROW",
  "TOO_MANY_FIELDS",
  /** The coding engine threw on this encounter (a bug, reported on the encounter's first line). */
  "ENGINE_ERROR",
] as const;

export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

export type RowError = {
  /** 1-based line of the file where the row starts (the header is line 1 unless preamble rows precede it). */
  line: number;
  /** Canonical column name (e.g. `start`), when one cell is at fault. */
  column?: string;
  code: RowErrorCode;
  message: string;
  /** The offending raw cell value, when there is one. */
  raw?: string;
};

/** Notices are informational: rows skipped on purpose (totals), duplicate headers, assumptions made. */
export type ImportNotice = {
  line?: number;
  code: string;
  message: string;
};
