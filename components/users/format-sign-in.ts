/**
 * A last sign-in in the practice's time zone, e.g. "Dec 4, 2026, 2:05 PM EST"; "Never" before the
 * first one.
 */
export function formatSignInTime(at: Date | null, timeZone: string): string {
  if (!at) return "Never";
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(at);
  } catch {
    // A time zone this runtime does not know: UTC, labelled as such.
    return new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(at);
  }
}
