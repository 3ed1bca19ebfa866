/**
 * A configuration problem the user can fix (bad env value, unreachable database, unwritable data
 * folder). Its message is one plain line that says what is wrong and what to check; entry points
 * print it without a stack trace and exit 1.
 */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof Error && error.name === "ConfigError";
}
