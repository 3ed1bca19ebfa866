/**
 * A benchmark that `tests/bench/run.ts` can select by name (`npm run bench -- <name>`). Each case
 * lives in its own file and is listed in `BENCH_CASES` (bench-cases.ts).
 */
export type BenchCase = {
  name: string;
  summary: string;
  /** Runs the benchmark and prints its figures to stdout. Resolves to false when a target is missed. */
  run(log: (line: string) => void): Promise<boolean>;
};
