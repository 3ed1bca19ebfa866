/**
 * Import benchmark (spec §8): BENCH_ROWS administration rows (default 1,000,000) in a generated,
 * deterministic sessions CSV imported end to end with runImport (hash → parse → validate → write →
 * recode → commit) into a fresh SQLite file, beside raw better-sqlite3 inserting the same encounter
 * and administration rows (pre-built in memory) in one transaction, in the same run. Each
 * measurement runs in its own process (tests/bench/import-bench-worker.ts) so its peak RSS is its
 * own. Also measured: the longest event-loop stall during the import. With a local PostgreSQL
 * server (or PG_TEST_URL), the same against a multi-row INSERT baseline. BENCH_IMPORT_DB=sqlite|postgresql
 * runs one of them only; BENCH_IMPORT_SKIP_RAW=1 skips the raw baseline (it holds every row in
 * memory) for memory runs on multi-GB files, e.g. BENCH_ROWS=9000000 (a 1 GB CSV).
 *
 * Targets: import ≤ 3× the raw time, peak RSS < 500 MB.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findLocalPostgres } from "@/prisma/tools/local-postgres.mjs";
import { dropPostgresSchema } from "@/prisma/tools/migrate.mjs";
import { resolveDatabaseTarget } from "@/lib/db";
import type { BenchCase } from "./bench-case";
import { writeSessionsCsv } from "./import-generate-sessions";

const WORKER = resolve("tests/bench/import-bench-worker.ts");

type WorkerResult = {
  ms: number;
  rows: number;
  encounters: number;
  codedLines?: number;
  maxRssMb: number;
  peakHeapMb?: number;
  maxBlockMs?: number;
  p99BlockMs?: number;
  phases?: Record<string, number>;
  organizationId?: string;
};

function worker(args: string[]): Promise<WorkerResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`import-bench-worker ${args[0]} exited with ${code}`));
      else resolvePromise(JSON.parse(out.trim().split("\n").at(-1)!) as WorkerResult);
    });
  });
}

const rate = (rows: number, ms: number): string => `${Math.round((rows / ms) * 1000).toLocaleString("en-US")} rows/s`;

async function measure(log: (line: string) => void, label: string, file: string, importUrl: string, rawUrl: string): Promise<boolean> {
  const importOrg = (await worker(["prepare", "-", importUrl])).organizationId!;
  // The raw baseline holds every row in memory: skip it for memory runs on multi-GB files.
  const skipRaw = process.env.BENCH_IMPORT_SKIP_RAW === "1";
  const raw = skipRaw ? null : await worker(["raw", file, rawUrl, (await worker(["prepare", "-", rawUrl])).organizationId!]);
  const imported = await worker(["import", file, importUrl, importOrg]);
  const ratio = raw ? imported.ms / raw.ms : 0;
  if (raw) {
    log(`  ${label} raw baseline:  ${(raw.ms / 1000).toFixed(1)} s, ${rate(raw.rows, raw.ms)} (${raw.encounters.toLocaleString("en-US")} encounters + ${raw.rows.toLocaleString("en-US")} administrations, one transaction)`);
  } else {
    log(`  ${label} raw baseline:  skipped (BENCH_IMPORT_SKIP_RAW=1): memory run, no ratio`);
  }
  log(
    `  ${label} runImport:     ${(imported.ms / 1000).toFixed(1)} s, ${rate(imported.rows, imported.ms)} end to end (+ ${imported.codedLines?.toLocaleString("en-US")} coded lines)${raw ? `; ${ratio.toFixed(2)}× raw` : ""}; peak RSS ${Math.round(imported.maxRssMb)} MB (main-thread V8 heap peak ${Math.round(imported.peakHeapMb ?? 0)} MB)`,
  );
  log(`  ${label} event loop:    delay max ${Math.round(imported.maxBlockMs ?? 0)} ms, p99 ${Math.round(imported.p99BlockMs ?? 0)} ms (wall clock, warm start; includes the OS scheduling other threads on 2 cores)`);
  log(`  ${label} phases (ms):   ${JSON.stringify(imported.phases)}`);
  const met = (raw === null || ratio <= 3) && imported.maxRssMb < 500;
  if (!met) log(`  ${label}: MISSED target (≤ 3× raw, < 500 MB RSS)`);
  return met;
}

export const importThroughput: BenchCase = {
  name: "import",
  summary: "runImport of BENCH_ROWS (default 1,000,000) administration rows into SQLite (and PostgreSQL) vs raw inserts, peak RSS (BENCH_IMPORT_DB=sqlite|postgresql for one)",
  async run(log) {
    const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
    const dir = mkdtempSync(join(tmpdir(), "dripaudit-bench-import-"));
    const file = join(dir, "sessions.csv");
    try {
      const written = writeSessionsCsv(file, rows);
      log(`import: ${written.rows.toLocaleString("en-US")} administration rows, ${written.encounters.toLocaleString("en-US")} encounters, ${(statSync(file).size / 1e6).toFixed(0)} MB CSV`);
      const only = process.env.BENCH_IMPORT_DB;
      let met = true;
      if (only !== "postgresql") {
        met = await measure(log, "SQLite", file, `file:${join(dir, "import.db")}`, `file:${join(dir, "raw.db")}`);
        rmSync(join(dir, "import.db"), { force: true });
        rmSync(join(dir, "raw.db"), { force: true });
      }
      if (only === "sqlite") return met;

      const pg = process.env.PG_TEST_URL ? { url: process.env.PG_TEST_URL } : await findLocalPostgres();
      if (pg.url) {
        const suffix = Math.random().toString(36).slice(2, 8);
        const urls = ["import", "raw"].map((kind) => {
          const url = new URL(pg.url!);
          url.searchParams.set("schema", `bench_${kind}_${suffix}`);
          return url.toString();
        });
        try {
          met = (await measure(log, "PostgreSQL", file, urls[0]!, urls[1]!)) && met;
        } finally {
          for (const url of urls) await dropPostgresSchema(resolveDatabaseTarget({ databaseUrl: url, dataDir: dir })).catch(() => {});
        }
      } else {
        log("  PostgreSQL: skipped (no server found; set PG_TEST_URL, or BENCH_IMPORT_DB=sqlite to skip on purpose)");
      }
      return met;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
