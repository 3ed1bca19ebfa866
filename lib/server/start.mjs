#!/usr/bin/env node
// `npm start`: validate the configuration, create the data folder, apply migrations (SQLite or
// PostgreSQL), then serve the built app with `next start` on HOST:PORT (127.0.0.1:3000 by default;
// the app holds PHI, so it never listens on all interfaces unless told to).
// A configuration problem prints one line and exits 1. `prestart` (build-if-changed.mjs) has already
// run `next build` when the sources changed since the last build.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import { runInBackground } from "./background-priority.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Set before anything is created and inherited by `next start` and the demo loader: the data
// folder, database, WAL/SHM files, uploads and secrets are the server user's only (0700/0600).
// The value is PRIVATE_UMASK of lib/security/private-file-modes.ts.
process.umask(0o077);

class StartError extends Error {
  name = "StartError";
}

const importTs = (relativePath) => tsImport(pathToFileURL(path.join(ROOT, relativePath)).href, import.meta.url);

/** Fails early, with one line, when HOST:PORT cannot be bound (Next would print a stack). */
function assertPortFree(host, port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) => {
      const reasons = {
        EADDRINUSE: `Port ${port} on ${host} is already in use — stop the other server or set PORT.`,
        EACCES: `Not allowed to listen on ${host}:${port} — choose a PORT above 1023.`,
        EADDRNOTAVAIL: `HOST ${host} is not an address of this machine — leave HOST unset for 127.0.0.1.`,
        ENOTFOUND: `HOST ${host} cannot be resolved — leave HOST unset for 127.0.0.1.`,
      };
      reject(new StartError(reasons[error.code] ?? `Cannot listen on ${host}:${port} (${error.code ?? error.message}).`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(resolve));
  });
}

async function prepare() {
  const { parseEnv } = await importTs("lib/env.ts");
  const { ensureDataDir, resolveDatabaseTarget } = await importTs("lib/db/database-target.ts");
  const { loadPatientKeySecret } = await importTs("lib/security/patient-key.ts");
  const { loadDataDirSecret } = await importTs("lib/security/data-dir-secret.ts");
  const { restrictPrivateFileModes } = await importTs("lib/security/private-file-modes.ts");
  const { loadPatientIdKey } = await importTs("lib/security/patient-id-seal.ts");
  const { sealLegacyPatientIds } = await importTs("lib/security/seal-legacy-patient-ids.ts");
  const { createPrismaClient } = await importTs("lib/db/client.ts");
  const { AUTH_SECRET_FILE } = await importTs("lib/auth/constants.ts");
  const { migrateDeploy } = await import(pathToFileURL(path.join(ROOT, "prisma/tools/migrate.mjs")).href);

  const env = parseEnv(process.env);
  ensureDataDir(env.dataDir);
  const target = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  // An install created before modes were tightened: its folder, database and secrets become private too.
  restrictPrivateFileModes({ dataDir: env.dataDir, files: target.provider === "sqlite" ? [target.filePath] : [] });
  loadPatientKeySecret({ secret: env.DRIPAUDIT_PATIENT_KEY_SECRET, dataDir: env.dataDir });
  loadDataDirSecret({ secret: env.DRIPAUDIT_AUTH_SECRET, dataDir: env.dataDir, fileName: AUTH_SECRET_FILE });
  const patientIdKey = loadPatientIdKey({ key: env.DRIPAUDIT_PATIENT_ID_KEY, dataDir: env.dataDir });
  const { applied } = await migrateDeploy(target);
  console.log(`DripAudit: ${target.label} — ${applied.length ? `applied ${applied.length} migration(s)` : "schema up to date"}.`);
  const resumeAnalyses = await recoverFromCrash(target, env.dataDir);
  const db = createPrismaClient(target);
  try {
    const sealed = await sealLegacyPatientIds(db, patientIdKey);
    if (sealed.encounters + sealed.claimLines > 0) {
      console.log(`DripAudit: sealed the patient ids of ${sealed.encounters} encounter(s) and ${sealed.claimLines} claim line(s) stored in clear.`);
    }
  } finally {
    await db.$disconnect();
  }

  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new StartError("The app is not built — run npm run build (npm start builds first).");
  }
  await assertPortFree(env.HOST, env.PORT);

  return { env, resumeAnalyses };
}

/**
 * Work a killed server left half-done: its import batches are marked failed (their data was never
 * committed) and their uploads removed (no import job survives a restart), and practices whose
 * analysis was running or queued are set back to pending. Returns those practices' ids: their
 * recompute runs once the server is up (see main).
 */
async function recoverFromCrash(target, dataDir) {
  const { recoverInterruptedWork } = await importTs("lib/db/start-recovery.ts");
  const { getUploadsDir } = await importTs("lib/import/save-upload.ts");
  const { removeLeftoverUploads } = await importTs("lib/import/upload-retention.ts");
  const { failedBatchIds, pendingAnalysisIds } = await recoverInterruptedWork(target);
  const removedUploads = await removeLeftoverUploads(getUploadsDir(dataDir));
  if (failedBatchIds.length > 0) console.log(`DripAudit: ${failedBatchIds.length} import(s) interrupted by the last stop marked failed (batch ${failedBatchIds.join(", ")}).`);
  if (removedUploads > 0) console.log(`DripAudit: removed ${removedUploads} upload(s) left by the last run.`);
  if (pendingAnalysisIds.length > 0) console.log(`DripAudit: ${pendingAnalysisIds.length} practice analysis(es) interrupted by the last stop will run again.`);

  return pendingAnalysisIds;
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let env;
  let resumeAnalyses;
  try {
    ({ env, resumeAnalyses } = await prepare());
  } catch (error) {
    const isOneLine = ["ConfigError", "MigrateError", "StartError"].includes(error?.name);
    console.error(isOneLine ? error.message : (error?.stack ?? String(error)));
    process.exit(1);
  }

  const shownHost = env.HOST === "127.0.0.1" || env.HOST === "::1" ? "localhost" : env.HOST;
  console.log(`DripAudit: serving http://${shownHost}:${env.PORT} (listening on ${env.HOST}).`);
  const nextBin = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", env.HOST, "--port", String(env.PORT)], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", DRIPAUDIT_DATA_DIR: env.dataDir, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

  // First start on an empty database: load the demo practice through the import path, in a
  // process of its own beside the server (the overview says the figures are being computed
  // meanwhile). DRIPAUDIT_DEMO=0 turns it off; a failure is logged and leaves the app running.
  const demo = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "lib", "demo", "load-demo-main.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DRIPAUDIT_DATA_DIR: env.dataDir, NODE_ENV: "production" },
  });
  runInBackground(demo);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => demo.exitCode === null && demo.kill(signal));

  // Analyses the last stop interrupted run again in a process of their own, after the demo loader
  // (which may delete and reload an unfinished demo practice, so the two must not overlap); the
  // practices show "pending" meanwhile. Not in the server process: start.mjs cannot reach its
  // in-memory queue, and the demo loader already recomputes beside the server the same way.
  if (resumeAnalyses.length === 0) return;
  let resume = null;
  let stopping = false;
  demo.once("exit", () => {
    if (stopping) return;
    resume = spawn(process.execPath, [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "lib", "server", "resume-analyses-main.ts"), ...resumeAnalyses], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, DRIPAUDIT_DATA_DIR: env.dataDir, NODE_ENV: "production" },
    });
    runInBackground(resume);
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      stopping = true;
      if (resume?.exitCode === null) resume.kill(signal);
    });
  }
}

main();
