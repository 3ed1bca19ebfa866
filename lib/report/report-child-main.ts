/**
 * Process entry of one report build from the Reports screen (spawned by report-jobs.ts as
 * `node --import tsx`): receives the request over IPC, runs the same `generateReport` as the
 * `report` command, writes the file (0600) and sends back progress and the figures. A process of
 * its own keeps Chromium and react-dom/server out of the server (Next refuses the latter in app
 * code) and a crash or a memory-hungry report out of the requests it serves.
 * No `server-only` (runs under tsx).
 */
import { writeFile } from "node:fs/promises";
import { createPrismaClient, getDb, resolveDatabaseTarget, type Db } from "@/lib/db";
import { generateReport } from "./generate-report";
import { ReportError } from "./report-error";
import type { TReportChildMessage, TReportChildRequest } from "./report-job-protocol";

function send(message: TReportChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(start: TReportChildRequest): Promise<void> {
  const ownDb: Db | null = start.databaseUrl ? createPrismaClient(resolveDatabaseTarget({ databaseUrl: start.databaseUrl, dataDir: process.cwd() })) : null;
  const db = ownDb ?? getDb().db;
  try {
    const report = await generateReport(db, start.request, start.format, {
      mayIdentifyPatients: start.mayIdentifyPatients,
      onProgress: (step) => void send({ type: "progress", fraction: step.fraction, label: step.label }),
    });
    await writeFile(start.outPath, report.bytes, { mode: 0o600 });
    const totals = report.data.overview.totals;
    await send({
      type: "done",
      summary: {
        fileName: report.fileName,
        bytes: report.bytes.length,
        from: report.data.period?.from ?? null,
        to: report.data.period?.to ?? null,
        annualizedLeakageCents: totals.annualizedLeakageCents,
        weeklyLeakageCents: totals.weeklyLeakageCents,
      },
    });
  } finally {
    await (ownDb ?? db).$disconnect();
  }
}

process.once("message", (start: TReportChildRequest) => {
  run(start).then(
    () => process.exit(0),
    async (error: unknown) => {
      if (error instanceof ReportError) {
        await send({ type: "refused", message: error.message });
        process.exit(0);
      }
      // The name and first line only: a stack could quote report contents (PHI).
      const message = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : "unknown error";
      await send({ type: "crashed", message });
      process.exit(1);
    },
  );
});
process.on("disconnect", () => process.exit(1));
void send({ type: "ready" });
