import { daysInclusive, weeksBetween, type WeekStartsOn } from "./week-bucket";

/**
 * The analysis window (spec §5.4). Without a user filter it runs from the week holding the first
 * date of service in scope to the week holding the last, inclusive; with a user date filter it is
 * the filter's days ÷ 7 (which may be fractional).
 */
export type AnalysisWindow = { from: string; to: string; weeks: number };

export function windowFromData(firstDateOfService: string, lastDateOfService: string, weekStartsOn: WeekStartsOn = 1): AnalysisWindow {
  return {
    from: firstDateOfService,
    to: lastDateOfService,
    weeks: weeksBetween(firstDateOfService, lastDateOfService, weekStartsOn),
  };
}

export function windowFromFilter(from: string, to: string): AnalysisWindow {
  return { from, to, weeks: daysInclusive(from, to) / 7 };
}

/**
 * Average weekly and annualized figures, exactly as spec §5.4 defines them: weekly = total ÷ weeks
 * (rounded to the cent), annualized = weekly × 52.
 *
 * @example
 * annualize(300_000 * 13, 13) //=> { weeklyCents: 300_000, annualizedCents: 15_600_000 }
 */
export function annualize(totalCents: number, weeks: number): { weeklyCents: number; annualizedCents: number } {
  if (!(weeks > 0)) return { weeklyCents: 0, annualizedCents: 0 };
  const weeklyCents = Math.round(totalCents / weeks);
  return { weeklyCents, annualizedCents: weeklyCents * 52 };
}

/** A per-week quantity (e.g. lost add-on hours) over the window, to two decimals. */
export function perWeek(total: number, weeks: number): number {
  if (!(weeks > 0)) return 0;
  return Math.round((total / weeks) * 100) / 100;
}
