/**
 * Today's date ('YYYY-MM-DD') in an IANA time zone: the rebill worklist counts filing days in the
 * practice's own calendar, not the server's.
 * @example todayInTimeZone("America/Chicago", new Date("2026-01-01T03:00:00Z")) //=> "2025-12-31"
 */
export function todayInTimeZone(timeZone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
