/**
 * The benchmark registry. Add a benchmark as `tests/bench/<name>.ts` exporting a `BenchCase` and
 * list it here; `npm run bench -- <name>` selects it.
 */
import type { BenchCase } from "./bench-case";
import { csvReaderThroughput } from "./csv-reader-throughput";
import { recodeThroughput } from "./recode-throughput";

export const BENCH_CASES: readonly BenchCase[] = [recodeThroughput, csvReaderThroughput];
