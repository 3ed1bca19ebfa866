/**
 * One measurement of the import benchmark, in its own process so that peak RSS
 * (process.resourceUsage().maxRSS) belongs to that measurement alone. Run by import-throughput.ts:
 *   tsx tests/bench/import-bench-worker.ts prepare - <DATABASE_URL>         (migrate, create the organization)
 *   tsx tests/bench/import-bench-worker.ts <import|raw|user> <sessions.csv> <DATABASE_URL> <organizationId>
 * Prints one JSON line: { ms, rows, maxRssMb, maxBlockMs, … }. Migrations run in their own process
 * (the wasm schema engine alone costs ~60 MB) so they do not count in the import's peak RSS.
 *
 * Fair SQLite timing: the import's writer (lib/db/import/sqlite-bulk-writer.ts) runs with
 * wal_autocheckpoint=0 and synchronous=NORMAL and hands the WAL checkpoint to a background thread
 * after COMMIT; `import` waits for that checkpoint (whenCheckpointsSettled) inside its timer. `raw`
 * opens its connection with the same settings (cache, foreign keys off, no autocheckpoint,
 * synchronous NORMAL) and runs the same PASSIVE checkpoint after its COMMIT, also inside its timer.
 * Both pay for writing the rows into the database file, neither inside COMMIT.
 *
 * `user`: what a user waits for — runImport as the app runs it (analyze on: the recompute of the
 * weeks it touched is queued when it commits), then the recompute, then the overview's first view
 * as the page reads it (organization, filter options, overview data); timed from the start of the
 * import until that view shows the imported encounters.
 */
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { whenRecomputesIdle } from "@/lib/analysis/recompute-triggers";
import { createPrismaClient, resolveDatabaseTarget, type DatabaseTarget } from "@/lib/db";
import { getDashboardOrganization, getFilterOptions, getOverviewData } from "@/lib/db/dashboard";
import { whenCheckpointsSettled } from "@/lib/db/import/sqlite-bulk-writer";
import { copyRows } from "@/lib/db/pg-copy";
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

/**
 * whenCheckpointsSettled, holding the process open meanwhile: the checkpoint threads are unref'd,
 * so with nothing else pending Node would exit (code 0, no output) before they finish.
 */
async function checkpointsSettled(): Promise<void> {
  const keepAlive = setInterval(() => {}, 1_000);
  try {
    await whenCheckpointsSettled();
  } finally {
    clearInterval(keepAlive);
  }
}

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
  const returnedMs = performance.now() - started;
  // The writer's WAL checkpoint runs on a background thread after COMMIT: it is part of writing the
  // rows into the database (the raw baseline pays for its own), so it is inside the timer.
  await checkpointsSettled();
  const ms = performance.now() - started;
  phases.checkpoint = ms - returnedMs;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (stallTimer) clearInterval(stallTimer);
  histogram.disable();
  const { peakHeapMb, peakExternalMb } = memory.stop();
  await disconnect();
  if (outcome.status !== "succeeded") throw new Error(`import ${outcome.status}: ${outcome.message}`);
  return {
    ms,
    returnedMs,
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
    // The import writer's connection settings (lib/db/import/sqlite-bulk-writer.ts).
    const db = new Database(target.filePath, { timeout: 30_000 });
    db.pragma("foreign_keys = OFF");
    db.pragma("cache_size = -16384");
    const wal = String(db.pragma("journal_mode", { simple: true })).toLowerCase() === "wal";
    if (wal) {
      db.pragma("wal_autocheckpoint = 0");
      db.pragma("synchronous = NORMAL");
    }
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
    }).immediate();
    const committedMs = performance.now() - started;
    // The same checkpoint the import's writer hands to its background thread, timed here too.
    if (wal) db.pragma("wal_checkpoint(PASSIVE)");
    const ms = performance.now() - started;
    db.close();
    return { ms, rows: administrations.length, encounters: encounters.length, maxRssMb: process.resourceUsage().maxRSS / 1024, phases: { insert: Math.round(committedMs), checkpoint: Math.round(ms - committedMs) } };
  }
  // PostgreSQL: the product's own technique (lib/db/import/pg-bulk-writer.ts) done raw: one
  // transaction, the Encounter ids taken from the sequence first, then one COPY … FROM STDIN per
  // table in the text format (lib/db/pg-copy.ts).
  const client = new pg.Client({ connectionString: target.url, ...(target.schema === "public" ? {} : { options: `-c search_path="${target.schema}"` }) });
  await client.connect();
  const encounterColumns = ["id", "organizationId", "externalEncounterId", "patientKey", "patientIdSealed", "dateOfService", "weekStart", "payer", "site", "createdAt"];
  const administrationColumns = ["organizationId", "encounterId", "drug", "hcpcs", "category", "route", "startAt", "stopAt", "startLocal", "stopLocal", "ivSite", "nurse", "primaryReason"];
  const started = performance.now();
  await client.query("BEGIN");
  const fresh = await client.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('"Encounter"', 'id'))::int4 AS id FROM generate_series(1, $1)`, [encounters.length]);
  const ids = fresh.rows.map((row) => row.id);
  await copyRows(client, "Encounter", encounterColumns, encounters.map((e, k) => [ids[k], organizationId, e[0], e[1], e[1], e[2], e[2], e[3], e[4], "2026-01-01 00:00:00"]));
  await copyRows(
    client,
    "Administration",
    administrationColumns,
    administrations.map((a) => [organizationId, ids[a[0]], a[1], a[2], a[3], a[4], a[5].replace("+00:00", ""), a[6]?.replace("+00:00", "") ?? null, a[7], a[8], a[9], a[10], false]),
  );
  await client.query("COMMIT");
  const ms = performance.now() - started;
  await client.end();
  return { ms, rows: administrations.length, encounters: encounters.length, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/**
 * What a user waits for: from the start of the import (as the app runs it, recompute queued on
 * commit) until the overview's first view shows the new numbers.
 */
async function userMode(file: string, databaseUrl: string): Promise<Record<string, unknown>> {
  const { target, organizationId, db, disconnect } = await prepare(databaseUrl);
  // Warm start, as in the running server (see importMode).
  await import("@/lib/db/import/sqlite-bulk-writer");
  await import("@/lib/db/import/pg-bulk-writer");
  await import("@/lib/analysis/recompute-organization");
  await db.organization.findUnique({ where: { id: organizationId }, select: { id: true } });
  const started = performance.now();
  const outcome = await runImport({
    organizationId,
    filePath: file,
    fileName: "bench.csv",
    database: { db, target },
    patientKeySecret: SECRET,
    patientIdKey: Buffer.alloc(32, 7),
    analyze: true,
  });
  if (outcome.status !== "succeeded") throw new Error(`import ${outcome.status}: ${outcome.message}`);
  const importedMs = performance.now() - started;
  await whenRecomputesIdle();
  const recomputedMs = performance.now() - started;
  const organization = await getDashboardOrganization(db, organizationId);
  if (!organization) throw new Error("the bench organization is gone");
  if (organization.analysisStatus !== "idle" || organization.analyzedAt === null) {
    throw new Error(`the recompute after the import did not finish: status ${organization.analysisStatus}${organization.analysisError ? ` (${organization.analysisError})` : ""}`);
  }
  const options = await getFilterOptions(db, organizationId, organization.analysisVersion);
  const overview = await getOverviewData(db, organizationId, organization.analysisVersion, {}, organization.weekStartsOn);
  const ms = performance.now() - started;
  if (options.firstDate === null || overview.encounters !== outcome.counts.encounters) {
    throw new Error(`the overview shows ${overview.encounters} encounters after importing ${outcome.counts.encounters}`);
  }
  await checkpointsSettled();
  await disconnect();
  return {
    ms,
    rows: outcome.counts.administrations,
    encounters: overview.encounters,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    phases: { import: Math.round(importedMs), recompute: Math.round(recomputedMs - importedMs), firstView: Math.round(ms - recomputedMs) },
  };
}

async function main(): Promise<void> {
  const [mode, file, databaseUrl, organizationId] = process.argv.slice(2);
  if (!mode || !file || !databaseUrl) throw new Error("usage: import-bench-worker.ts <prepare|import|raw|user> <file> <DATABASE_URL> [organizationId]");
  organizationIdArg = organizationId ?? "";
  const modes: Record<string, () => Promise<Record<string, unknown>>> = {
    prepare: () => prepareMode(databaseUrl),
    import: () => importMode(file, databaseUrl),
    raw: () => rawMode(file, databaseUrl),
    user: () => userMode(file, databaseUrl),
  };
  const run = modes[mode];
  if (!run) throw new Error(`unknown mode ${mode}: prepare, import, raw or user`);
  const result = await run();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
