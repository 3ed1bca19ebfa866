/**
 * One measurement of the import benchmark, in its own process so that peak RSS
 * (process.resourceUsage().maxRSS) belongs to that measurement alone. Run by import-throughput.ts:
 *   tsx tests/bench/import-bench-worker.ts prepare - <DATABASE_URL>         (migrate, create the organization)
 *   tsx tests/bench/import-bench-worker.ts <import|raw> <sessions.csv> <DATABASE_URL> <organizationId>
 * Prints one JSON line: { ms, rows, maxRssMb, maxBlockMs, … }. Migrations run in their own process
 * (the wasm schema engine alone costs ~60 MB) so they do not count in the import's peak RSS.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { createPrismaClient, resolveDatabaseTarget, type DatabaseTarget } from "@/lib/db";
import { runImport } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";

const SECRET = "bench-secret-0123456789abcdef0123456789abcdef";

async function prepareMode(databaseUrl: string): Promise<Record<string, unknown>> {
  const target = resolveDatabaseTarget({ databaseUrl, dataDir: "." });
  await migrateDeploy(target);
  const db = createPrismaClient(target);
  const org = await db.organization.create({ data: { name: "Bench Infusion", slug: `bench-${Date.now()}` } });
  await db.$disconnect();
  return { organizationId: org.id };
}

let organizationIdArg = "";

async function prepare(databaseUrl: string): Promise<{ target: DatabaseTarget; organizationId: string; disconnect: () => Promise<void>; db: ReturnType<typeof createPrismaClient> }> {
  const target = resolveDatabaseTarget({ databaseUrl, dataDir: "." });
  const db = createPrismaClient(target);
  return { target, organizationId: organizationIdArg, db, disconnect: () => db.$disconnect() };
}

/** Peak V8 heap and off-heap (Buffers, SQLite via external) memory, sampled every 100 ms. */
function monitorMemory(): { stop(): { peakHeapMb: number; peakExternalMb: number } } {
  let heap = 0;
  let external = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    external = Math.max(external, m.external);
    if (process.env.BENCH_MEMORY_TRACE) console.error(`mem rss=${(m.rss / 1e6).toFixed(0)} heap=${(m.heapUsed / 1e6).toFixed(0)}/${(m.heapTotal / 1e6).toFixed(0)} ext=${(m.external / 1e6).toFixed(0)} ab=${(m.arrayBuffers / 1e6).toFixed(0)}`);
  }, process.env.BENCH_MEMORY_TRACE ? 1000 : 100);
  return {
    stop() {
      clearInterval(timer);
      return { peakHeapMb: heap / 1024 / 1024, peakExternalMb: external / 1024 / 1024 };
    },
  };
}

async function importMode(file: string, databaseUrl: string): Promise<Record<string, unknown>> {
  const { target, organizationId, db, disconnect } = await prepare(databaseUrl);
  // Warm start, as in the running server: the writer modules loaded (tsx compiles them on first
  // import, a few hundred ms of blocked event loop that a built server never has) and the Prisma
  // client's first query done.
  await import("@/lib/db/import/sqlite-bulk-writer");
  await import("@/lib/db/import/pg-bulk-writer");
  await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  if (process.env.BENCH_MEMORY_TRACE) console.error(`warm rss=${(process.memoryUsage().rss / 1e6).toFixed(0)} heap=${(process.memoryUsage().heapUsed / 1e6).toFixed(0)}`);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const memory = monitorMemory();
  const phases: Record<string, number> = {};
  let phase = "";
  let phaseStart = performance.now();
  const started = performance.now();
  histogram.enable();
  // BENCH_STALL_TRACE=1: print every event-loop delay over 100 ms with its time and phase.
  let lastTick = performance.now();
  const stallTimer = process.env.BENCH_STALL_TRACE
    ? setInterval(() => {
        const t = performance.now();
        if (t - lastTick > 100) console.error(`stall ${Math.round(t - lastTick)} ms at ${Math.round(t - started)} ms, phase ${phase}`);
        lastTick = t;
      }, 10)
    : undefined;
  const outcome = await runImport({
    organizationId,
    filePath: file,
    fileName: "bench.csv",
    database: { db, target },
    patientKeySecret: SECRET,
    patientIdKey: Buffer.alloc(32, 7),
    // The findings recompute that follows an import has its own benchmark (analysis).
    analyze: false,
    onProgress: (p) => {
      if (p.phase !== phase) {
        const now = performance.now();
        if (phase) phases[phase] = (phases[phase] ?? 0) + (now - phaseStart);
        phase = p.phase;
        phaseStart = now;
      }
    },
  });
  const ms = performance.now() - started;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (stallTimer) clearInterval(stallTimer);
  histogram.disable();
  const { peakHeapMb, peakExternalMb } = memory.stop();
  await disconnect();
  if (outcome.status !== "succeeded") throw new Error(`import ${outcome.status}: ${outcome.message}`);
  return {
    ms,
    rows: outcome.counts.administrations,
    encounters: outcome.counts.encounters,
    codedLines: outcome.counts.codedLines,
    maxRssMb,
    peakHeapMb,
    peakExternalMb,
    maxBlockMs: histogram.max / 1e6,
    p99BlockMs: histogram.percentile(99) / 1e6,
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])),
  };
}

/** The same encounter and administration rows, pre-built in memory, inserted raw in one transaction. */
function buildRows(file: string): { encounters: string[][]; administrations: Array<[number, string, string, string, string, string, string | null, string, string | null, string, string]> } {
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const encounterIndex = new Map<string, number>();
  const encounters: string[][] = [];
  const administrations: Array<[number, string, string, string, string, string, string | null, string, string | null, string, string]> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const c = line.split(",");
    let e = encounterIndex.get(c[0]!);
    if (e === undefined) {
      e = encounters.length;
      encounterIndex.set(c[0]!, e);
      encounters.push([c[0]!, c[1]!, c[6]!.slice(0, 10), c[10]!, c[11]!]);
    }
    const start = `${c[6]!.replace(" ", "T")}:00.000+00:00`;
    const stop = c[7] ? `${c[7].replace(" ", "T")}:00.000+00:00` : null;
    administrations.push([e, c[2]!, c[3]!, c[4]!, c[5] === "IV" ? "iv_infusion" : "iv_push", start, stop, c[6]!.replace(" ", "T"), c[7] ? c[7].replace(" ", "T") : null, c[8]!, c[9]!]);
  }
  return { encounters, administrations };
}

async function rawMode(file: string, databaseUrl: string): Promise<Record<string, unknown>> {
  const { target, organizationId, disconnect } = await prepare(databaseUrl);
  await disconnect();
  const { encounters, administrations } = buildRows(file);
  const now = new Date().toISOString().replace("Z", "+00:00");
  if (target.provider === "sqlite") {
    const db = new Database(target.filePath);
    const insertEncounter = db.prepare(
      `INSERT INTO "Encounter" ("organizationId","externalEncounterId","patientKey","patientIdSealed","dateOfService","weekStart","payer","site","createdAt") VALUES (?,?,?,?,?,?,?,?,?)`,
    );
    const insertAdministration = db.prepare(
      `INSERT INTO "Administration" ("organizationId","encounterId","drug","hcpcs","category","route","startAt","stopAt","startLocal","stopLocal","ivSite","nurse","primaryReason") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,0)`,
    );
    const started = performance.now();
    db.transaction(() => {
      const ids: number[] = [];
      for (const e of encounters) ids.push(Number(insertEncounter.run(organizationId, e[0], e[1], e[1], e[2], e[2], e[3], e[4], now).lastInsertRowid));
      for (const a of administrations) insertAdministration.run(organizationId, ids[a[0]], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
    })();
    const ms = performance.now() - started;
    db.close();
    return { ms, rows: administrations.length, encounters: encounters.length, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  }
  // PostgreSQL: multi-row INSERT, 2,000 rows per statement, one transaction.
  const client = new pg.Client({ connectionString: target.url, ...(target.schema === "public" ? {} : { options: `-c search_path="${target.schema}"` }) });
  await client.connect();
  const started = performance.now();
  await client.query("BEGIN");
  const ids: number[] = [];
  const per = 2000;
  for (let i = 0; i < encounters.length; i += per) {
    const chunk = encounters.slice(i, i + per);
    const params: unknown[] = [];
    const tuples = chunk.map((e) => {
      const b = params.length;
      params.push(organizationId, e[0], e[1], e[1], e[2], e[2], e[3], e[4], "2026-01-01 00:00:00");
      return `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},$${b + 6},$${b + 7},$${b + 8},$${b + 9})`;
    });
    const result = await client.query<{ id: number }>(
      `INSERT INTO "Encounter" ("organizationId","externalEncounterId","patientKey","patientIdSealed","dateOfService","weekStart","payer","site","createdAt") VALUES ${tuples.join(",")} RETURNING "id"`,
      params,
    );
    for (const row of result.rows) ids.push(row.id);
  }
  for (let i = 0; i < administrations.length; i += per) {
    const chunk = administrations.slice(i, i + per);
    const params: unknown[] = [];
    const tuples = chunk.map((a) => {
      const b = params.length;
      params.push(organizationId, ids[a[0]], a[1], a[2], a[3], a[4], a[5].replace("+00:00", ""), a[6]?.replace("+00:00", "") ?? null, a[7], a[8], a[9], a[10]);
      return `(${Array.from({ length: 12 }, (_, k) => `$${b + k + 1}`).join(",")},false)`;
    });
    await client.query(
      `INSERT INTO "Administration" ("organizationId","encounterId","drug","hcpcs","category","route","startAt","stopAt","startLocal","stopLocal","ivSite","nurse","primaryReason") VALUES ${tuples.join(",")}`,
      params,
    );
  }
  await client.query("COMMIT");
  const ms = performance.now() - started;
  await client.end();
  return { ms, rows: administrations.length, encounters: encounters.length, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function main(): Promise<void> {
  const [mode, file, databaseUrl, organizationId] = process.argv.slice(2);
  if (!mode || !file || !databaseUrl) throw new Error("usage: import-bench-worker.ts <prepare|import|raw> <file> <DATABASE_URL> [organizationId]");
  organizationIdArg = organizationId ?? "";
  const result = mode === "prepare" ? await prepareMode(databaseUrl) : mode === "import" ? await importMode(file, databaseUrl) : await rawMode(file, databaseUrl);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
