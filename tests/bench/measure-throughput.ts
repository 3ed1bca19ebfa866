/**
 * Times `fn` (which processes `items` items per call) for at least `minMs` and 3 rounds, after a
 * warm-up, and returns the median per-round throughput (the best round is kept as information: a
 * best-of figure is what no user gets on average).
 */
import { median } from "./bench-targets";

export type Throughput = { perSecond: number; msPerRound: number; bestPerSecond: number; rounds: number };

function summarize(times: number[], items: number): Throughput {
  const middle = median(times);
  const best = Math.min(...times);
  return { perSecond: (items / middle) * 1000, msPerRound: middle, bestPerSecond: (items / best) * 1000, rounds: times.length };
}

export function measureThroughput(fn: () => unknown, items: number, options: { minMs?: number; warmupRounds?: number } = {}): Throughput {
  const minMs = options.minMs ?? 1500;
  for (let i = 0; i < (options.warmupRounds ?? 2); i++) fn();
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minMs || times.length < 3) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return summarize(times, items);
}

/**
 * Times two functions over the same items in alternating rounds (one of each, then again) for at
 * least `minMs` and 3 rounds each, after `warmupRounds` of each: a ratio of their medians then
 * compares them under the same machine conditions, where two phases one after the other let a
 * busy moment of a shared machine fall on one side only (the recode ratio swung 16–38× so).
 */
export function measurePairedThroughput(
  baseline: () => unknown,
  subject: () => unknown,
  items: number,
  options: { minMs?: number; warmupRounds?: number } = {},
): { baseline: Throughput; subject: Throughput } {
  const minMs = options.minMs ?? 1500;
  for (let i = 0; i < (options.warmupRounds ?? 2); i++) {
    baseline();
    subject();
  }
  const baselineTimes: number[] = [];
  const subjectTimes: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minMs || subjectTimes.length < 3) {
    let t0 = performance.now();
    baseline();
    baselineTimes.push(performance.now() - t0);
    t0 = performance.now();
    subject();
    subjectTimes.push(performance.now() - t0);
  }

  return { baseline: summarize(baselineTimes, items), subject: summarize(subjectTimes, items) };
}

/** Async variant for stream-based work. */
export async function measureThroughputAsync(fn: () => Promise<unknown>, items: number, options: { minMs?: number; warmupRounds?: number } = {}): Promise<Throughput> {
  const minMs = options.minMs ?? 1500;
  for (let i = 0; i < (options.warmupRounds ?? 1); i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minMs || times.length < 3) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summarize(times, items);
}

/** 1234567.8 → "1,234,568" */
export function formatRate(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
