const TRUE_VALUES = new Set(["y", "yes", "true", "t", "1", "x", "✓", "✔", "primary", "on"]);
const FALSE_VALUES = new Set(["n", "no", "false", "f", "0", "", "off", "-"]);

/**
 * Parses a yes/no cell. Empty means false. Returns `undefined` for anything unrecognised.
 * @example parseBoolean("Y") //=> true
 * @example parseBoolean("") //=> false
 */
export function parseBoolean(raw: string): boolean | undefined {
  const value = raw.trim().toLowerCase();
  if (TRUE_VALUES.has(value)) return true;
  if (FALSE_VALUES.has(value)) return false;
  return undefined;
}
