/**
 * A report that cannot be made for a reason the user can fix (an unknown practice, an empty period,
 * no Chromium for a PDF). `message` is one plain sentence, shown as is by the CLI and the Reports
 * screen; it never holds a patient identifier.
 */
export type TReportErrorCode = "unknown_practice" | "empty_period" | "missing_chromium";

export class ReportError extends Error {
  readonly code: TReportErrorCode;

  constructor(code: TReportErrorCode, message: string) {
    super(message);
    this.name = "ReportError";
    this.code = code;
  }
}

export function isReportError(error: unknown): error is ReportError {
  return error instanceof ReportError;
}
