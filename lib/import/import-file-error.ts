/**
 * A problem with a whole file (not one row): the import cannot proceed. The CLI maps it to exit 1
 * with `message` on one line; the UI shows it against the upload.
 */

export type ImportFileErrorCode =
  | "UNREADABLE_FILE"
  | "EMPTY_FILE"
  | "BINARY_FILE"
  | "NO_HEADER"
  | "MISSING_COLUMNS"
  | "BAD_MAPPING"
  | "BAD_OPTION";

export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  /** Extra structured data, e.g. `{ headers, unmapped }` for MISSING_COLUMNS. */
  readonly details?: Record<string, unknown>;

  constructor(code: ImportFileErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "ImportFileError";
    this.code = code;
    if (details !== undefined) this.details = details;
  }
}

/** Narrowing helper for `catch (e)` blocks. */
export function isImportFileError(error: unknown): error is ImportFileError {
  return error instanceof ImportFileError;
}
