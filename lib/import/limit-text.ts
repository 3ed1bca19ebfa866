/**
 * Length limits for text that leaves a reader in an error: values quoted in messages and the raw
 * row or segment stored beside a row error. A hostile or broken file (a 50 MB "cell", a segment
 * with no terminator) must not turn into megabytes of stored PHI or of UI text.
 */

/** Longest value quoted in an error message (characters); longer values are cut with "…". */
export const MAX_QUOTED_VALUE_CHARS = 100;

/** Longest raw row or segment kept with an error (characters); longer ones are cut with "…". */
export const MAX_RAW_ROW_CHARS = 4000;

/** Longest stored error message: a message with several quoted values stays under it. */
export const MAX_MESSAGE_CHARS = 1000;

/**
 * Cuts `value` to `max` characters, marking the cut with "…".
 * @example shortenValue("x".repeat(500)).length //=> 101
 */
export function shortenValue(value: string, max = MAX_QUOTED_VALUE_CHARS): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

// A quoted value: '…' or "…" (JSON.stringify'd values may hold escaped quotes), longer than the limit.
const LONG_QUOTED = new RegExp(`'([^']{${MAX_QUOTED_VALUE_CHARS + 1},})'|"((?:[^"\\\\]|\\\\.){${MAX_QUOTED_VALUE_CHARS + 1},})"`, "g");

/**
 * The message with every quoted value ('…' or "…") longer than MAX_QUOTED_VALUE_CHARS cut, and the
 * whole message cut to MAX_MESSAGE_CHARS. Applied where errors are stored, whatever reader made them.
 * @example limitMessage(`rate '${"9".repeat(300)}' is not a dollar amount`).length //=> 131
 */
export function limitMessage(message: string): string {
  if (message.length <= MAX_QUOTED_VALUE_CHARS + 2) return message;
  const head = message.length > 64 * MAX_MESSAGE_CHARS ? message.slice(0, 64 * MAX_MESSAGE_CHARS) : message;
  const cut = head.replace(LONG_QUOTED, (_match, single: string | undefined, double: string | undefined) =>
    single !== undefined ? `'${shortenValue(single)}'` : `"${shortenValue(double!)}"`,
  );
  return shortenValue(cut, MAX_MESSAGE_CHARS);
}
