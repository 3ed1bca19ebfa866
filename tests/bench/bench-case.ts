/**
 * A benchmark that `tests/bench/run.ts` can select by name (`npm run bench -- <name>`). Each case
 * lives in its own file and is listed in `BENCH_CASES` (bench-cases.ts).
 */
export type BenchOptions = {
  /**
   * `npm run bench -- --quick` (CI): a small size, a few seconds per case. Every ratio target still
   * gates; absolute targets that only make sense at full size are printed as information.
   */
  quick: boolean;
};

export type BenchCase = {
  name: string;
  summary: string;
  /**
   * Runs the benchmark and prints its figures to stdout. Resolves to true only when every target
   * it gates on is met (the runner's exit code follows it).
   */
  run(log: (line: string) => void, options: BenchOptions): Promise<boolean>;
};
