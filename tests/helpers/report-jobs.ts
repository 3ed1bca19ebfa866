import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getDb } from "@/lib/db";
import { createReportJobRegistry, type TReportRunner } from "@/lib/report/report-jobs";

/**
 * Replaces the app's report-job registry with one whose runner answers at once (tests about who
 * may start a report, not about building one). Returns the registry.
 */
export function installInstantReportJobs(runner: TReportRunner = async () => ({ status: "failed", message: "not built in this test" })) {
  const registry = createReportJobRegistry({ runner, folder: mkdtempSync(path.join(tmpdir(), "dripaudit-reports-")), db: () => getDb().db });
  (globalThis as { dripauditReportJobs?: unknown }).dripauditReportJobs = registry;

  return registry;
}
