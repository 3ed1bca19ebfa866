/**
 * CLI: writes the synthetic demo practice.
 *
 *   npm run demo:generate -- [--out data/demo] [--seed 42] [--weeks 104] [--scale N] [--start 2024-01-01]
 *                            [--setting professional|facility] [--sites 3]
 *
 * Prints a JSON summary (files, bytes, counts, seconds) to stdout; exit 1 on bad arguments.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { resolveGeneratorOptions } from "./generate-practice";
import type { GeneratorOptions } from "./types";
import { writePracticeFiles } from "./write-practice-files";

const USAGE = "usage: tsx lib/synthetic/generate-demo.ts [--out data/demo] [--seed 42] [--weeks 104] [--scale N] [--start YYYY-MM-DD] [--setting professional|facility] [--sites N]";

function parseArgs(argv: readonly string[]): { out: string; options: Partial<GeneratorOptions> } {
  const options: Partial<GeneratorOptions> = {};
  let out = "data/demo";
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === "--help" || flag === "-h") {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    const number = (): number => {
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${flag} must be a number, got ${JSON.stringify(value)}`);
      return n;
    };
    switch (flag) {
      case "--out": out = value; break;
      case "--seed": options.seed = number(); break;
      case "--weeks": options.weeks = number(); break;
      case "--scale": options.scale = number(); break;
      case "--sites": options.sites = number(); break;
      case "--start": options.startDate = value; break;
      case "--setting":
        if (value !== "professional" && value !== "facility") throw new Error("--setting must be professional or facility");
        options.setting = value;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return { out, options };
}

/** Heap cap for large runs: V8's lazy GC otherwise lets RSS reach ~2 GB at --scale 33 for ~400 MB live. */
const HEAP_CAP_MB = 1024;

/** Re-runs this CLI with a heap cap when the scale is large and no cap was given. Returns true when it did. */
function respawnWithHeapCap(scale: number): boolean {
  const flags = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  if (scale < 4 || flags.includes("--max-old-space-size") || process.env.DRIPAUDIT_SYNTHETIC_CHILD) return false;
  const child = spawnSync(process.execPath, [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MB}`, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, DRIPAUDIT_SYNTHETIC_CHILD: "1" },
  });
  process.exit(child.status ?? 1);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(process.argv.slice(2));
    resolveGeneratorOptions(parsed.options);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
  if (respawnWithHeapCap(parsed.options.scale ?? 1)) return;
  const started = performance.now();
  const dir = resolve(parsed.out);
  process.stderr.write(`writing synthetic practice to ${dir} …\n`);
  const result = await writePracticeFiles(dir, parsed.options);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const summary = {
    dir,
    seconds,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    from: result.firstDateOfService,
    to: result.lastDateOfService,
    counts: result.counts,
    files: result.files.map((f) => ({ path: f.path.slice(dir.length + 1), bytes: f.bytes })),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
