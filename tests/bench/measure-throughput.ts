/**
 * Times `fn` (which processes `items` items per call) for at least `minMs`, after a warm-up, and
 * returns the best per-round throughput, so a GC pause in one round does not skew the figure.
 */
export type Throughput = { perSecond: number; msPerRound: number; rounds: number };

export function measureThroughput(fn: () => unknown, items: number, options: { minMs?: number; warmupRounds?: number } = {}): Throughput {
  const minMs = options.minMs ?? 1500;
  for (let i = 0; i < (options.warmupRounds ?? 2); i++) fn();
  let best = Infinity;
  let rounds = 0;
  const started = performance.now();
  while (performance.now() - started < minMs || rounds < 3) {
    const t0 = performance.now();
    fn();
    const ms = performance.now() - t0;
    if (ms < best) best = ms;
    rounds++;
  }
  return { perSecond: (items / best) * 1000, msPerRound: best, rounds };
}

/** Async variant for stream-based work. */
export async function measureThroughputAsync(fn: () => Promise<unknown>, items: number, options: { minMs?: number; warmupRounds?: number } = {}): Promise<Throughput> {
  const minMs = options.minMs ?? 1500;
  for (let i = 0; i < (options.warmupRounds ?? 1); i++) await fn();
  let best = Infinity;
  let rounds = 0;
  const started = performance.now();
  while (performance.now() - started < minMs || rounds < 3) {
    const t0 = performance.now();
    await fn();
    const ms = performance.now() - t0;
    if (ms < best) best = ms;
    rounds++;
  }
  return { perSecond: (items / best) * 1000, msPerRound: best, rounds };
}

/** 1234567.8 → "1,234,568" */
export function formatRate(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
