/**
 * Dates and durations on the import screens, in the practice's time zone.
 * @example formatImportTime("2025-03-04T15:05:00Z", "America/New_York") //=> "Mar 4, 2025, 10:05 AM"
 */
export function formatImportTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

/**
 * A duration in plain words.
 * @example formatDuration(1_500) //=> "1.5 s"
 * @example formatDuration(125_000) //=> "2 min 5 s"
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;

  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
