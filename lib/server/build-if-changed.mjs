#!/usr/bin/env node
// `npm start` builds only when something the build depends on changed: a sha256 over the build's
// inputs (sources, configs, lock file, Prisma schemas and generated clients, public/, .env files,
// NODE_ENV and NEXT_PUBLIC_* variables, the Node version) is stored beside the build in
// .next/dripaudit-build-hash after a successful `next build`. The hash file is removed before a
// build starts, so a failed or interrupted build leaves none and the next start builds again.
//
//   node lib/server/build-if-changed.mjs           build when the hash differs (`npm start`'s prestart)
//   node lib/server/build-if-changed.mjs --always  build, then record the hash (`npm run build`)
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Files and folders (relative to the project root) whose content decides what `next build` produces. */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib", // includes lib/generated, the Prisma clients
  "public",
  "proxy.ts",
  "next.config.js",
  "next.config.mjs",
  "next.config.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
  "postcss.config.js",
  "postcss.config.mjs",
  "tailwind.config.js",
  "tailwind.config.ts",
  "prisma/schema.prisma",
  "prisma/postgres/schema.prisma",
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
];

/** Folder names never walked: dependencies (the lock file stands for them), build output, VCS. */
const SKIPPED_DIRS = new Set(["node_modules", ".next", ".git"]);

export const BUILD_HASH_FILE = path.join(".next", "dripaudit-build-hash");
const BUILD_ID_FILE = path.join(".next", "BUILD_ID");

/** Environment variables Next inlines or reads while building. */
function buildEnv(env) {
  return Object.keys(env)
    .filter((name) => name === "NODE_ENV" || name.startsWith("NEXT_PUBLIC_"))
    .sort()
    .map((name) => `${name}=${env[name]}`);
}

/**
 * sha256 over `inputs` under `root` (paths, kinds and contents, in a stable order; a missing input
 * counts as missing, so creating it changes the hash), the build environment and the Node version.
 */
export function computeBuildHash({ root = ROOT, inputs = BUILD_INPUTS, env = process.env, nodeVersion = process.version } = {}) {
  const hash = createHash("sha256");
  const field = (value) => {
    const bytes = typeof value === "string" ? Buffer.from(value) : value;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  };
  const visit = (relative) => {
    const full = path.join(root, relative);
    let stat;
    try {
      stat = lstatSync(full);
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
      field(`missing ${relative}`);
      return;
    }
    const name = relative.split(path.sep).join("/");
    if (stat.isDirectory()) {
      field(`dir ${name}`);
      const entries = readdirSync(full).filter((entry) => !SKIPPED_DIRS.has(entry));
      entries.sort();
      for (const entry of entries) visit(path.join(relative, entry));
    } else if (stat.isSymbolicLink()) {
      field(`link ${name}`);
      field(readlinkSync(full));
    } else if (stat.isFile()) {
      field(`file ${name}`);
      field(readFileSync(full));
    }
  };
  for (const input of inputs) visit(input);
  field(`node ${nodeVersion}`);
  for (const line of buildEnv(env)) field(`env ${line}`);

  return hash.digest("hex");
}

/** The hash recorded by the last successful build, or null (never built, build failed, or `.next` was replaced). */
export function readBuildHash(root = ROOT) {
  if (!existsSync(path.join(root, BUILD_ID_FILE))) return null;
  try {
    return readFileSync(path.join(root, BUILD_HASH_FILE), "utf8").trim() || null;
  } catch {
    return null;
  }
}

/** `next build` with the terminal attached; returns its exit status. */
export function runNextBuild(root = ROOT) {
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });

  return build.status ?? 1;
}

/**
 * Builds when the inputs' hash differs from the recorded one (or `always`), and records the hash
 * after a successful build. The hash is taken again after the build: when they differ (a file edited
 * meanwhile, or Next rewrote a config), nothing is recorded and the next start builds again.
 *
 * @returns {{ built: boolean, status: number, hash: string }} status 0 unless the build failed
 */
export function buildIfChanged({ root = ROOT, env = process.env, always = false, build = runNextBuild, log = console.log, inputs = BUILD_INPUTS } = {}) {
  const hash = computeBuildHash({ root, env, inputs });
  const short = hash.slice(0, 12);
  const recorded = readBuildHash(root);
  if (!always && recorded === hash) {
    log(`DripAudit: build up to date (hash ${short}), skipping next build.`);
    return { built: false, status: 0, hash };
  }
  const why = always ? "building" : recorded === null ? "no complete build recorded, building" : "sources changed since the last build, building";
  log(`DripAudit: ${why} (hash ${short}).`);
  rmSync(path.join(root, BUILD_HASH_FILE), { force: true });
  const status = build(root);
  if (status !== 0) return { built: true, status, hash };
  const after = computeBuildHash({ root, env, inputs });
  if (after === hash) writeFileSync(path.join(root, BUILD_HASH_FILE), `${hash}\n`);
  else log("DripAudit: sources changed during the build; the next start builds again.");

  return { built: true, status, hash };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { status } = buildIfChanged({ always: process.argv.includes("--always") });
  process.exit(status);
}
