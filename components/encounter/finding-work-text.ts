/** The encounter page's own words for its work panel (the refusal sentences are lib/worklist/work-messages.ts). */

/**
 * When a note was written, in the practice's time zone (UTC, labelled, if the runtime does not
 * know that zone).
 *
 * @example formatNoteTime(new Date("2025-03-04T15:05:00Z"), "America/New_York") //=> "Mar 4, 2025, 10:05 AM EST"
 */
export function formatNoteTime(at: Date, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" };
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(at);
  }
}
