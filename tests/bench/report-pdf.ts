/**
 * The client report of the demo practice (issue "[8/12] Client reports"): the full PDF — every
 * section, data read from the database, HTML rendered, printed by the system Chromium — in < 15 s
 * on the 2-core machine. Printed beside a baseline measured in the same run on the same database:
 * the overview page, i.e. its data (the practice, the filter options and getOverviewData uncached,
 * as the first view after a recompute) rendered to HTML (the report document restricted to the
 * overview's own panels: KPIs, causes, weekly trend, breakdowns). The ratio says what the report
 * costs over showing the same practice's overview once.
 *
 * Data: the demo practice (lib/demo: two years, three sites, ~30,000 encounters) generated into a
 * temporary folder and loaded into a fresh SQLite database the way the first start loads it
 * (runImport of every file without analysis, then one recompute). BENCH_REPORT_WEEKS (default
 * 104; --quick 13) for a smaller practice; BENCH_RUNS (default 3) report runs, median shown.
 *
 * Targets: the full report < 15 s (full size; --quick prints it as information) and ≤ RATIO_TARGET×
 * the overview page of the same run (full size) or ≤ QUICK_RATIO_TARGET× (--quick: on a 13-week
 * practice the overview is small while Chromium's start and the report's fixed parts are not, so the
 * ratio is higher).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { recomputeOrganization } from "@/lib/analysis/recompute-organization";
import { DEMO_OPTIONS, DEMO_ORGANIZATION, listDemoFiles } from "@/lib/demo/demo-files";
import { createOrganization, createPrismaClient, resolveDatabaseTarget, type Db, type SqliteTarget } from "@/lib/db";
import { getPublishedAnalysisVersion } from "@/lib/db/analysis/analysis-version";
import { getDashboardOrganization, getFilterOptions, getOverviewData } from "@/lib/db/dashboard";
import { formatDollars } from "@/lib/format";
import { runImport } from "@/lib/import/run-import";
import { resolveChromiumPath } from "@/lib/report/chromium";
import { generateReport } from "@/lib/report/generate-report";
import { loadReportData } from "@/lib/report/load-report-data";
import { REPORT_SECTIONS, type TReportRequest } from "@/lib/report/report-data";
import { renderReportHtml } from "@/lib/report/render-report-html";
import { writePracticeFiles } from "@/lib/synthetic/write-practice-files";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import type { BenchCase } from "./bench-case";
import { atMost, median, verdict } from "./bench-targets";

const TARGET_SECONDS = 15;
/** Report / overview page: measured 17× at 104 weeks here (5.9 s report, 0.35 s overview). */
const RATIO_TARGET = 25;
/**
 * The same at 13 weeks (--quick): Chromium's print, about 3.3 s whatever the size, is most of the
 * report, so the ratio follows the overview page: 24× with a 0.10 s page, 55× (3.75 s report) since
 * the version-aware reads made the page 0.07 s (Dec 2026). 70× still fails a report that doubles.
 */
const QUICK_RATIO_TARGET = 70;
const PATIENT_ID_KEY = Buffer.alloc(32, 7);
const OVERVIEW_SECTIONS = ["summary", "causes", "trend", "breakdowns"] as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await task();

  return { ms: performance.now() - started, value };
}

/** The demo practice in a fresh SQLite database, loaded as the first start loads it. */
async function loadDemoPractice(dir: string, weeks: number, log: (line: string) => void): Promise<{ db: Db; organizationId: string; encounters: number }> {
  const filesDir = path.join(dir, "demo");
  const generated = await timed(() => writePracticeFiles(filesDir, { ...DEMO_OPTIONS, weeks }));
  const files = listDemoFiles(filesDir);
  if (!files) throw new Error(`the demo generator did not write the expected files in ${filesDir}`);
  const target = resolveDatabaseTarget({ dataDir: dir }) as SqliteTarget;
  await migrateDeploy(target);
  const db = createPrismaClient(target);
  const organization = await createOrganization(db, { ...DEMO_ORGANIZATION });
  const ordered = [files.feeSchedule, ...files.sessions, ...files.claims];
  const imported = await timed(async () => {
    for (const filePath of ordered) {
      const outcome = await runImport({
        organizationId: organization.id,
        filePath,
        fileName: path.basename(filePath),
        sourceName: "DripAudit demo",
        database: { db, target },
        patientKeySecret: "bench-report-patient-key-secret-0123456789",
        patientIdKey: PATIENT_ID_KEY,
        analyze: false,
      });
      if (outcome.status !== "succeeded") throw new Error(`import of ${path.basename(filePath)} ${outcome.status}: ${outcome.message}`);
    }
  });
  const analyzed = await timed(() => recomputeOrganization(organization.id, { weeks: "all", db, target }));
  log(
    `  demo practice (${weeks} weeks): files written in ${seconds(generated.ms)}, ${ordered.length} files imported in ${seconds(imported.ms)}, ` +
      `analysed in ${seconds(analyzed.ms)}: ${analyzed.value.encounters.toLocaleString("en-US")} encounters, ${analyzed.value.findings.toLocaleString("en-US")} findings`,
  );

  return { db, organizationId: organization.id, encounters: analyzed.value.encounters };
}

export const reportPdf: BenchCase = {
  name: "report",
  summary: `full client report PDF of the demo practice (~30,000 encounters) vs the overview page in the same run (< ${TARGET_SECONDS} s)`,
  async run(log, { quick }) {
    const chromiumPath = resolveChromiumPath();
    if (!chromiumPath) {
      log("  report: no Chromium (/usr/bin/chromium or CHROMIUM_PATH) — apt-get install chromium; not measured");
      return false;
    }
    const weeks = Number(process.env.BENCH_REPORT_WEEKS ?? (quick ? 13 : DEMO_OPTIONS.weeks));
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-bench-report-"));
    let db: Db | undefined;
    try {
      const loaded = await loadDemoPractice(dir, weeks, log);
      db = loaded.db;
      const client = db;
      const request = (sections: TReportRequest["sections"]): TReportRequest => ({
        organizationId: loaded.organizationId,
        filters: {},
        sections,
        deidentify: false,
        preparedBy: { firmName: "Bench Consulting", logoDataUrl: null, userName: null },
        asOf: "2025-12-31",
        generatedAt: new Date().toISOString(),
      });

      // Baseline: the overview page once (data uncached, then its panels rendered to HTML).
      const overviewRuns: number[] = [];
      for (let run = 0; run < runs + 1; run++) {
        const { ms } = await timed(async () => {
          const practice = await getDashboardOrganization(client, loaded.organizationId);
          await Promise.all([
            getFilterOptions(client, loaded.organizationId, practice!.analysisVersion),
            getOverviewData(client, loaded.organizationId, practice!.analysisVersion, {}, practice!.weekStartsOn),
          ]);
          const data = await loadReportData(client, request(OVERVIEW_SECTIONS), { mayIdentifyPatients: false, topFindings: 0, rebillLimit: 1 });
          return renderReportHtml(data);
        });
        if (run > 0) overviewRuns.push(ms);
      }
      const overviewMs = median(overviewRuns);
      log(`  baseline overview page (data uncached + panels rendered to HTML): median ${seconds(overviewMs)} over ${runs} runs`);

      const reportRuns: { total: number; load: number; html: number; pdf: number; bytes: number }[] = [];
      for (let run = 0; run < runs; run++) {
        const marks = new Map<string, number>();
        const started = performance.now();
        const { value } = await timed(() =>
          generateReport(client, request(REPORT_SECTIONS), "pdf", {
            mayIdentifyPatients: true,
            chromiumPath,
            loadPatientIdKey: () => PATIENT_ID_KEY,
            onProgress: (step) => {
              if (!marks.has(step.label)) marks.set(step.label, performance.now());
            },
          }),
        );
        const ended = performance.now();
        const rendering = marks.get("Rendering the report") ?? ended;
        const printing = marks.get("Printing the PDF") ?? ended;
        reportRuns.push({ total: ended - started, load: rendering - started, html: printing - rendering, pdf: ended - printing, bytes: value.bytes.length });
      }
      const check = await getOverviewData(client, loaded.organizationId, (await getPublishedAnalysisVersion(client, loaded.organizationId)) ?? 0, {}, 1);
      log(
        `  check: ${check.encounters.toLocaleString("en-US")} encounters, ${check.window?.weeks} weeks, annualized leakage ${formatDollars(check.totals.annualizedLeakageCents)}, ` +
          `weekly ${formatDollars(check.totals.weeklyLeakageCents)} (what the report prints)`,
      );
      const totals = reportRuns.map((run) => run.total);
      const middle = reportRuns.find((run) => run.total === median(totals))!;
      const targetSeconds = atMost(TARGET_SECONDS);
      const ratio = middle.total / overviewMs;
      const ratioTarget = atMost(quick ? QUICK_RATIO_TARGET : RATIO_TARGET);
      const timeMet = middle.total / 1000 < targetSeconds;
      const ratioMet = ratio <= ratioTarget;
      log(
        `  full report PDF: median ${seconds(middle.total)} (data ${seconds(middle.load)}, HTML ${seconds(middle.html)}, Chromium print ${seconds(middle.pdf)}; ` +
          `${(middle.bytes / 1e6).toFixed(2)} MB) over ${runs} runs; min ${seconds(Math.min(...totals))}, max ${seconds(Math.max(...totals))}`,
      );
      log(`  report / overview page: ${ratio.toFixed(1)}× vs target ≤ ${ratioTarget}× — ${verdict(ratioMet)}`);
      log(
        `  full report: ${seconds(middle.total)} vs target < ${targetSeconds} s for the demo practice — ` +
          (quick ? `information at ${weeks} weeks (--quick; the full run gates on it)` : verdict(timeMet)) +
          ` (${loaded.encounters.toLocaleString("en-US")} encounters)`,
      );
      const met = ratioMet && (quick || timeMet);

      return met;
    } finally {
      await db?.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
