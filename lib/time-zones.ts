/**
 * Time zones offered when creating an organization: the common US zones first; any other IANA
 * name may be typed and is checked with isValidTimeZone.
 */
export const COMMON_US_TIME_ZONES = [
  { id: "America/New_York", label: "Eastern (New York)" },
  { id: "America/Chicago", label: "Central (Chicago)" },
  { id: "America/Denver", label: "Mountain (Denver)" },
  { id: "America/Phoenix", label: "Mountain, no DST (Phoenix)" },
  { id: "America/Los_Angeles", label: "Pacific (Los Angeles)" },
  { id: "America/Anchorage", label: "Alaska (Anchorage)" },
  { id: "Pacific/Honolulu", label: "Hawaii (Honolulu)" },
  { id: "America/Puerto_Rico", label: "Atlantic (Puerto Rico)" },
] as const;

/**
 * True when `name` is an IANA time zone this runtime knows (e.g. `America/New_York`, `UTC`).
 * Offsets such as `+05:00` and abbreviations such as `EST` are refused: wall-clock times must follow
 * the zone's daylight-saving rules.
 * @example isValidTimeZone("America/Chicago") //=> true
 * @example isValidTimeZone("Mars/Olympus") //=> false
 */
export function isValidTimeZone(name: string): boolean {
  const trimmed = name.trim();
  if (!/^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+\-]+)+)$/.test(trimmed)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: trimmed });

    return true;
  } catch {
    return false;
  }
}
