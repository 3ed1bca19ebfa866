/**
 * Shared helpers for the benchmark targets: the median, the "PostgreSQL is required" rule (the
 * same as tests/run-all.mjs) and BENCH_TARGET_FACTOR, which scales every target so a run can be made
 * to fail on purpose (BENCH_TARGET_FACTOR=0.01 npm run bench -- --quick exits 1: the gates follow
 * the measurements).
 */

/** Median of the values (the upper middle for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Whether a benchmark that needs PostgreSQL must run (and fail without a server): CI=true or REQUIRE_POSTGRES=1. */
export function postgresRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === "true" || env.CI === "1" || env.REQUIRE_POSTGRES === "1";
}

const factor = (): number => {
  const value = Number(process.env.BENCH_TARGET_FACTOR ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
};

/** An upper limit (time, ratio, memory) scaled by BENCH_TARGET_FACTOR (< 1 tightens it). */
export function atMost(limit: number): number {
  return Number((limit * factor()).toPrecision(4));
}

/** A lower limit (a rate) scaled by BENCH_TARGET_FACTOR (< 1 tightens it). */
export function atLeast(limit: number): number {
  return Number((limit / factor()).toPrecision(4));
}

/** "met" / "MISSED" for a gate. */
export const verdict = (met: boolean): string => (met ? "met" : "MISSED");
