/**
 * Benchmark runner (not a test): `npm run bench` runs every case in BENCH_CASES; `npm run bench --
 * recode csv` runs the named ones (a prefix is enough); `npm run bench -- --list` lists them.
 * `npm run bench -- --quick` runs every case (or the named ones) at a small size, a few minutes in
 * all on 2 cores: ratios against the baselines of the same run still gate, absolute targets that
 * only make sense at full size are printed as information. `.ci/run` runs it.
 * Exit code 1 when a case misses a target (or fails), so CI gates on it. BENCH_TARGET_FACTOR=0.01
 * tightens every target a hundredfold: a run that must fail, to check the gates follow the figures.
 */
import { BENCH_CASES } from "./bench-cases";

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--list") || argv.includes("--help")) {
    for (const c of BENCH_CASES) console.log(`${c.name.padEnd(10)} ${c.summary}`);
    console.log("options: --quick (small sizes, ratio targets only; what CI runs)");
    return 0;
  }
  const quick = argv.includes("--quick");
  const unknownOptions = argv.filter((a) => a.startsWith("-") && a !== "--quick");
  if (unknownOptions.length > 0) {
    console.error(`unknown option(s): ${unknownOptions.join(", ")}; available: --quick, --list`);
    return 1;
  }
  const names = argv.filter((a) => !a.startsWith("-"));
  const selected = names.length === 0 ? BENCH_CASES : BENCH_CASES.filter((c) => names.some((n) => c.name.startsWith(n)));
  const unknown = names.filter((n) => !BENCH_CASES.some((c) => c.name.startsWith(n)));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${BENCH_CASES.map((c) => c.name).join(", ")}`);
    return 1;
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}${quick ? ", quick (small sizes, ratio targets gate)" : ""}`);
  const results: { name: string; met: boolean; seconds: number; error?: string }[] = [];
  const started = performance.now();
  for (const c of selected) {
    const t0 = performance.now();
    let met = false;
    let error: string | undefined;
    try {
      met = await c.run((line) => console.log(line), { quick });
    } catch (caught) {
      // One case failing (an exception) fails the run, but the others still report.
      console.error(caught);
      error = caught instanceof Error ? caught.message : String(caught);
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(`  (${c.name}: ${seconds.toFixed(1)} s — ${error ? "FAILED" : met ? "targets met" : "target MISSED"})`);
    results.push({ name: c.name, met, seconds, ...(error ? { error } : {}) });
  }
  const failed = results.filter((r) => !r.met);
  console.log(
    `bench${quick ? " --quick" : ""}: ${results.length - failed.length}/${results.length} met in ${((performance.now() - started) / 1000).toFixed(1)} s` +
      (failed.length > 0 ? `; missed or failed: ${failed.map((r) => r.name).join(", ")}` : ""),
  );

  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
