#!/usr/bin/env node
// `npm test`: typecheck, unit, integration on SQLite, integration on PostgreSQL, end-to-end smoke,
// each under a header, then a summary per suite and a last line `N passed, N failed[, N skipped]`.
// Exits non-zero on any failure.
//
// PostgreSQL: PG_TEST_URL, else the local server (127.0.0.1:5432, database `test`, user postgres
// or root). Without one the PostgreSQL suite is skipped with the reason, except in CI (CI=true)
// or with REQUIRE_POSTGRES=1, where that is a failure. E2E needs chromium at /usr/bin/chromium
// (CHROMIUM_PATH to override); missing, it is skipped outside CI and a failure in CI.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { findLocalPostgres } from "../prisma/tools/local-postgres.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const isCi = process.env.CI === "true" || process.env.CI === "1";
const requirePostgres = isCi || process.env.REQUIRE_POSTGRES === "1";
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const reportDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-test-"));
const bin = (name) => path.join(ROOT, "node_modules", ".bin", name);

/** @type {{ name: string, passed: number, failed: number, skipped: number, note?: string, seconds: number }[]} */
const results = [];

function header(title) {
  console.log(`\n${"=".repeat(78)}\n== ${title}\n${"=".repeat(78)}`);
}

function run(command, args, env = {}) {
  const started = Date.now();
  const child = spawnSync(command, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: "true", NEXT_TELEMETRY_DISABLED: "1", ...env },
  });

  return { status: child.status ?? 1, seconds: (Date.now() - started) / 1000 };
}

/** Runs one vitest project and reads its counts from the JSON report. */
function vitestSuite(name, project, env = {}) {
  header(name);
  const reportFile = path.join(reportDir, `${name.replace(/\W+/g, "-")}.json`);
  const { status, seconds } = run(
    bin("vitest"),
    ["run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`],
    env,
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    passed = report.numPassedTests ?? 0;
    failed = report.numFailedTests ?? 0;
    skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    // A file that fails to load or whose beforeAll throws has no failed test of its own.
    const brokenFiles = (report.testResults ?? []).filter(
      (file) => file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
    ).length;
    failed += brokenFiles;
  }
  if (status !== 0 && failed === 0) failed = 1;
  results.push({ name, passed, failed, skipped, seconds });
}

function skippedSuite(name, reason) {
  header(name);
  console.log(`${name} skipped: ${reason}`);
  results.push({ name, passed: 0, failed: 0, skipped: 1, note: `skipped (${reason})`, seconds: 0 });
}

function failedSuite(name, reason) {
  header(name);
  console.log(`${name} FAILED: ${reason}`);
  results.push({ name, passed: 0, failed: 1, skipped: 0, note: `failed (${reason})`, seconds: 0 });
}

// 1. Types (next build does not check them, so that `npm start` never fails on a test's types).
header("typecheck");
{
  const { status, seconds } = run(bin("tsc"), ["--noEmit"]);
  if (status === 0) console.log("No type errors.");
  results.push({ name: "typecheck", passed: 0, failed: status === 0 ? 0 : 1, skipped: 0, seconds, note: status === 0 ? "ok" : "type errors (see above)" });
}

// 2. Unit tests (tests/unit/**, anyone's).
vitestSuite("unit", "unit");

// 3. Integration on a throwaway SQLite file.
vitestSuite("integration sqlite", "integration", { DRIPAUDIT_TEST_PROVIDER: "sqlite" });

// 4. Integration on PostgreSQL, in a throwaway schema.
{
  const found = await findLocalPostgres();
  if (found.url) vitestSuite("integration postgresql", "integration", { DRIPAUDIT_TEST_PROVIDER: "postgresql", PG_TEST_URL: found.url });
  else if (requirePostgres) failedSuite("integration postgresql", `${found.reason} (required: CI=true or REQUIRE_POSTGRES=1)`);
  else skippedSuite("PostgreSQL suite", found.reason);
}
if (results.at(-1)?.name === "PostgreSQL suite") results.at(-1).name = "integration postgresql";

// 5. End-to-end smoke test with Debian chromium.
if (existsSync(chromiumPath)) vitestSuite("e2e", "e2e");
else if (isCi) failedSuite("e2e", `chromium not found at ${chromiumPath} — apt-get install chromium`);
else skippedSuite("E2E", `chromium not found at ${chromiumPath} — apt-get install chromium`);
if (results.at(-1)?.name === "E2E") results.at(-1).name = "e2e";

rmSync(reportDir, { recursive: true, force: true });

// Summary
header("summary");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const result of results) {
  passed += result.passed;
  failed += result.failed;
  skipped += result.skipped;
  const counts = result.note
    ? result.note
    : [`${result.passed} passed`, result.failed ? `${result.failed} failed` : "", result.skipped ? `${result.skipped} skipped` : ""].filter(Boolean).join(", ");
  console.log(`${result.name}: ${counts}${result.seconds ? ` (${result.seconds.toFixed(1)} s)` : ""}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed ? 1 : 0);
