#!/usr/bin/env node
// `npm start`: validate the configuration, create the data folder, apply migrations (SQLite or
// PostgreSQL), then serve the built app with `next start` on HOST:PORT (127.0.0.1:3000 by default;
// the app holds PHI, so it never listens on all interfaces unless told to).
// A configuration problem prints one line and exits 1; `prestart` has already run `next build`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

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
  const { AUTH_SECRET_FILE } = await importTs("lib/auth/constants.ts");
  const { migrateDeploy } = await import(pathToFileURL(path.join(ROOT, "prisma/tools/migrate.mjs")).href);

  const env = parseEnv(process.env);
  ensureDataDir(env.dataDir);
  loadPatientKeySecret({ secret: env.DRIPAUDIT_PATIENT_KEY_SECRET, dataDir: env.dataDir });
  loadDataDirSecret({ secret: env.DRIPAUDIT_AUTH_SECRET, dataDir: env.dataDir, fileName: AUTH_SECRET_FILE });
  const target = resolveDatabaseTarget({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
  const { applied } = await migrateDeploy(target);
  console.log(`DripAudit: ${target.label} — ${applied.length ? `applied ${applied.length} migration(s)` : "schema up to date"}.`);

  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new StartError("The app is not built — run npm run build (npm start builds first).");
  }
  await assertPortFree(env.HOST, env.PORT);

  return env;
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  let env;
  try {
    env = await prepare();
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
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => demo.exitCode === null && demo.kill(signal));
}

main();
