/**
 * A kill during the analysis, end to end: the real start path (`node lib/server/start.mjs`) on a
 * data folder holding a half-year practice whose analysis was queued when the last server died.
 * Start recovery sets the analysis running again; the whole process group is SIGKILLed while the
 * analysis is `running` (polled in the database); the next start recovers it and the analysis
 * finishes (idle, findings). Before crash recovery existed the practice stayed "running" (or
 * "pending") with no findings forever. The import that server was running is marked failed and its
 * upload removed at the first start.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, resolveDatabaseTarget, type Db } from "@/lib/db";
import { buildIfStale, freePort, ROOT } from "./helpers/demo-app";

const ORGANIZATION_NAME = "Crash Recovery Infusion (e2e)";

type TServer = { process: ChildProcess; baseUrl: string; output: () => string };

function runTsx(args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), ...args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** Starts the app; resolves once its migrations ran (the app wants the database to itself for them, so `db` is closed meanwhile). */
async function startServer(env: NodeJS.ProcessEnv, db: Db): Promise<TServer> {
  await db.$disconnect();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  // detached: the server, Next and the processes start.mjs spawns form one process group to kill.
  const server = spawn(process.execPath, [path.join(ROOT, "lib/server/start.mjs")], { cwd: ROOT, env: { ...env, PORT: String(port) }, detached: true });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  const started: TServer = { process: server, baseUrl, output: () => output };
  await poll("the migrations", async () => /applied \d+ migration|schema up to date/.test(output), Boolean, started, 30_000);

  return started;
}

function exited(server: ChildProcess): Promise<void> {
  return server.exitCode !== null || server.signalCode !== null ? Promise.resolve() : new Promise((resolve) => server.once("exit", () => resolve()));
}

async function poll<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, server: TServer, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (server.process.exitCode !== null) throw new Error(`the app exited (${server.process.exitCode}) while waiting for ${what}:\n${server.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)}):\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

describe("crash recovery at start", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let db: Db;
  let organizationId: string;
  let interruptedBatchId: number;
  let leftoverUpload: string;
  const servers: TServer[] = [];

  beforeAll(async () => {
    // What this test exercises runs in start.mjs and the processes it spawns, not in the Next
    // bundle: any build will do, so a tree other people are editing is not rebuilt for it.
    if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) await buildIfStale();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-e2e-crash-"));
    env = { ...process.env, DRIPAUDIT_DATA_DIR: dataDir, DRIPAUDIT_DEMO: "0", NEXT_TELEMETRY_DISABLED: "1" };
    delete env.DATABASE_URL;
    delete env.HOST;
    // Half a year of a two-site practice: its analysis takes a few seconds.
    const filesDir = path.join(dataDir, "files");
    const start = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
    runTsx(["lib/synthetic/generate-demo.ts", "--out", filesDir, "--seed", "11", "--weeks", "26", "--sites", "2", "--start", start, "--setting", "facility"], env);
    runTsx(["lib/cli/main.ts", "import", "--org", ORGANIZATION_NAME, path.join(filesDir, "sessions.csv"), path.join(filesDir, "claims.csv")], env);

    db = createPrismaClient(resolveDatabaseTarget({ dataDir }));
    const organization = await db.organization.findFirstOrThrow({ where: { name: ORGANIZATION_NAME } });
    organizationId = organization.id;
    // The state a server killed right after an import leaves: the data committed, its analysis
    // queued in memory (status pending), no findings computed yet.
    await db.finding.deleteMany({ where: { organizationId } });
    await db.organization.update({ where: { id: organizationId }, data: { analysisStatus: "pending", analyzedAt: null } });
    // And an upload whose import that server was running: its batch `running`, its file in uploads/.
    interruptedBatchId = (
      await db.importBatch.create({ data: { organizationId, fileName: "interrupted.csv", kind: "sessions", contentHash: "interrupted", status: "running", startedAt: new Date() } })
    ).id;
    leftoverUpload = path.join(dataDir, "uploads", "0b5c2d1e-interrupted.upload");
    mkdirSync(path.dirname(leftoverUpload), { recursive: true, mode: 0o700 });
    writeFileSync(leftoverUpload, "encounter_id,patient_id\n", { mode: 0o600 });
    // ~10 s on CI's 2 cores (generate and import half a year), plus a build when there is none.
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) {
      if (server.process.pid && server.process.exitCode === null && server.process.signalCode === null) {
        process.kill(-server.process.pid, "SIGTERM");
        await exited(server.process);
      }
    }
    await db?.$disconnect();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test("SIGKILL of the server during the analysis, then a restart: the analysis finishes", async () => {
    const status = async () => {
      const organization = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { analysisStatus: true } });
      return { status: organization.analysisStatus, findings: await db.finding.count({ where: { organizationId } }) };
    };

    const first = await startServer(env, db);
    servers.push(first);
    await poll("the analysis to run", status, (value) => value.status === "running", first, 60_000);
    expect(existsSync(leftoverUpload)).toBe(false);
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: interruptedBatchId }, select: { status: true, failureMessage: true } })).toEqual({
      status: "failed",
      failureMessage: "Interrupted: the server stopped during this import — import the file again.",
    });
    process.kill(-first.process.pid!, "SIGKILL");
    await exited(first.process);
    expect(first.process.signalCode).toBe("SIGKILL");
    // Every process of the group is gone: nothing finishes the analysis behind our back.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await status()).toEqual({ status: "running", findings: 0 });

    const second = await startServer(env, db);
    servers.push(second);
    const finished = await poll("the analysis to finish", status, (value) => value.status !== "running" && value.status !== "pending", second, 60_000, 500);
    expect(finished.status).toBe("idle");
    expect(finished.findings).toBeGreaterThan(0);
    expect(second.output()).toMatch(/1 practice analysis\(es\) interrupted by the last stop will run again/);
    // The analysis is published (idle) before the recompute deletes the rows it replaced and returns; then it is logged.
    await poll("the resumed analysis to be logged", async () => second.output(), (output) => output.includes(`resumed the interrupted analysis of practice ${organizationId}`), second, 30_000, 250);
    await poll("the app to answer", async () => (await fetch(`${second.baseUrl}/api/health`).catch(() => null))?.ok ?? false, Boolean, second, 30_000, 250);
    // The whole test takes ~9 s on CI; each wait above has its own, named bound (their sum, ~210 s,
    // stays under this one, so a hang names what it waited for).
  }, 240_000);
});
