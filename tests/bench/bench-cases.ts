/**
 * The benchmark registry. Add a benchmark as `tests/bench/<name>.ts` exporting a `BenchCase` and
 * list it here; `npm run bench -- <name>` selects it.
 */
import { analysisRecompute } from "./analysis-recompute";
import type { BenchCase } from "./bench-case";
import { csvReaderThroughput } from "./csv-reader-throughput";
import { findingsPage } from "./findings-page";
import { importThroughput } from "./import-throughput";
import { loadTest } from "./load";
import { overviewQuery } from "./overview-query";
import { recodeThroughput } from "./recode-throughput";
import { reportPdf } from "./report-pdf";

export const BENCH_CASES: readonly BenchCase[] = [recodeThroughput, csvReaderThroughput, analysisRecompute, overviewQuery, findingsPage, importThroughput, reportPdf, loadTest];
