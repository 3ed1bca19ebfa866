/**
 * Benchmark runner (not a test): `npm run bench` runs every case in BENCH_CASES; `npm run bench --
 * recode csv` runs the named ones (a prefix is enough); `npm run bench -- --list` lists them.
 * Exit code 1 when a case misses its target, so CI can gate on it.
 */
import { BENCH_CASES } from "./bench-cases";

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--list") || argv.includes("--help")) {
    for (const c of BENCH_CASES) console.log(`${c.name.padEnd(10)} ${c.summary}`);
    return 0;
  }
  const names = argv.filter((a) => !a.startsWith("-"));
  const selected = names.length === 0 ? BENCH_CASES : BENCH_CASES.filter((c) => names.some((n) => c.name.startsWith(n)));
  const unknown = names.filter((n) => !BENCH_CASES.some((c) => c.name.startsWith(n)));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(", ")}; available: ${BENCH_CASES.map((c) => c.name).join(", ")}`);
    return 1;
  }
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  let ok = true;
  for (const c of selected) {
    const t0 = performance.now();
    const met = await c.run((line) => console.log(line));
    console.log(`  (${c.name}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    ok &&= met;
  }
  return ok ? 0 : 1;
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
