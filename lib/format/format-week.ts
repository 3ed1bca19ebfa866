/**
 * Week labels (ui-guide §4: time reads left to right in weeks). Input dates are `YYYY-MM-DD`
 * strings (dates of service are already local to the practice), formatted in UTC so the calendar
 * date never shifts.
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { year: number; month: number; day: number } {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`);

  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function addDays(date: string, days: number): string {
  const { year, month, day } = parts(date);

  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The axis label of a week: its first day, month and day.
 *
 * @example
 * formatWeekLabel("2025-03-03") //=> "Mar 3"
 */
export function formatWeekLabel(weekStart: string): string {
  const { month, day } = parts(weekStart);

  return `${MONTHS[month - 1]} ${day}`;
}

/**
 * A date with its year.
 *
 * @example
 * formatDate("2025-03-09") //=> "Mar 9, 2025"
 */
export function formatDate(date: string): string {
  const { year } = parts(date);

  return `${formatWeekLabel(date)}, ${year}`;
}

/**
 * An inclusive date range; the year is shown once when both ends share it.
 *
 * @example
 * formatDateRange("2025-03-03", "2025-03-09") //=> "Mar 3 – Mar 9, 2025"
 * formatDateRange("2025-12-29", "2026-01-04") //=> "Dec 29, 2025 – Jan 4, 2026"
 */
export function formatDateRange(from: string, to: string): string {
  if (parts(from).year === parts(to).year) return `${formatWeekLabel(from)} – ${formatDate(to)}`;

  return `${formatDate(from)} – ${formatDate(to)}`;
}

/**
 * The full range of a seven-day week, for tooltips.
 *
 * @example
 * formatWeekRange("2025-03-03") //=> "Mar 3 – Mar 9, 2025"
 */
export function formatWeekRange(weekStart: string): string {
  return formatDateRange(weekStart, addDays(weekStart, 6));
}
