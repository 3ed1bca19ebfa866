import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TAuditActor } from "@/lib/db/audit-events";
import { getDb, type Db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { TReportFormat, TReportRequest } from "./report-data";
import type { TReportChildMessage, TReportChildRequest, TReportSummary } from "./report-job-protocol";
import { recordReportGenerated } from "./report-audit";

/**
 * In-memory registry of the reports built from the Reports screen: each request becomes a job that
 * runs in a child process (report-child-main.ts), one at a time (Chromium and a two-year practice
 * need memory), and writes its file into `<data>/reports/` (0600). The browser polls the job for
 * its progress, then downloads the file. Jobs and their files are forgotten an hour after they
 * finish; a restart forgets them too (their folder is emptied when the registry starts).
 *
 * A job remembers its practice: reading or downloading it names that practice, and another
 * practice's job is answered as unknown.
 */
export type TReportJobState = "queued" | "running" | "finished";

export type TReportJobView = {
  jobId: string;
  format: TReportFormat;
  deidentified: boolean;
  state: TReportJobState;
  progress: { fraction: number; label: string } | null;
  outcome: { status: "done"; summary: TReportSummary } | { status: "failed"; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
};

export type TReportRunResult = { status: "done"; summary: TReportSummary } | { status: "failed"; message: string };

export type TReportRunInput = {
  request: TReportRequest;
  format: TReportFormat;
  mayIdentifyPatients: boolean;
  outPath: string;
  onProgress: (progress: { fraction: number; label: string }) => void;
};

export type TReportRunner = (input: TReportRunInput) => Promise<TReportRunResult>;

export type TStartReportJobInput = {
  request: TReportRequest;
  format: TReportFormat;
  mayIdentifyPatients: boolean;
  userId: string;
  actor: TAuditActor;
};

type TReportJob = {
  id: string;
  organizationId: string;
  userId: string;
  actor: TAuditActor;
  request: TReportRequest;
  format: TReportFormat;
  mayIdentifyPatients: boolean;
  filePath: string;
  state: TReportJobState;
  progress: { fraction: number; label: string } | null;
  outcome: TReportRunResult | null;
  createdAt: number;
  finishedAt: number | null;
};

export const REPORT_FILE_EXTENSIONS: Readonly<Record<TReportFormat, string>> = { pdf: "pdf", html: "html", xlsx: "xlsx" };

export const REPORT_CONTENT_TYPES: Readonly<Record<TReportFormat, string>> = {
  pdf: "application/pdf",
  html: "text/html; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const JOB_TTL_MS = 60 * 60 * 1000;
/** A report that is not done by then is stopped: the two-year demo takes seconds. */
const RUN_TIMEOUT_MS = 5 * 60 * 1000;

export type TReportJobRegistryOptions = {
  runner: TReportRunner;
  /** Where report files are written; emptied when the registry starts. */
  folder: string;
  /** The database the audit events go to. */
  db: () => Db;
  now?: () => number;
};

export function createReportJobRegistry(options: TReportJobRegistryOptions) {
  const now = options.now ?? Date.now;
  const jobs = new Map<string, TReportJob>();
  const queue: TReportJob[] = [];
  let isRunning = false;
  mkdirSync(options.folder, { recursive: true, mode: 0o700 });
  for (const name of readdirSync(options.folder)) rmSync(path.join(options.folder, name), { force: true });

  function view(job: TReportJob): TReportJobView {
    return {
      jobId: job.id,
      format: job.format,
      deidentified: job.request.deidentify,
      state: job.state,
      progress: job.progress,
      outcome: job.outcome,
      createdAt: new Date(job.createdAt).toISOString(),
      finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    };
  }

  async function runNext(): Promise<void> {
    if (isRunning) return;
    const job = queue.shift();
    if (!job) return;
    isRunning = true;
    job.state = "running";
    job.progress = { fraction: 0, label: "Starting" };
    try {
      job.outcome = await options.runner({
        request: job.request,
        format: job.format,
        mayIdentifyPatients: job.mayIdentifyPatients,
        outPath: job.filePath,
        onProgress: (progress) => {
          job.progress = progress;
        },
      });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : "unknown error";
      console.error(`DripAudit: report job ${job.id} failed unexpectedly — ${message}`);
      job.outcome = { status: "failed", message: "The report could not be built — try again; if it keeps failing, the server log has the details." };
    }
    if (job.outcome.status === "done") {
      job.progress = { fraction: 1, label: "Ready" };
      try {
        await recordReportGenerated(options.db(), {
          organizationId: job.organizationId,
          actor: job.actor,
          format: job.format,
          deidentify: job.request.deidentify,
          from: job.outcome.summary.from,
          to: job.outcome.summary.to,
          sections: job.request.sections,
        });
      } catch (error) {
        // No audit event, no report: a PHI document must not leave without its trail.
        rmSync(job.filePath, { force: true });
        job.outcome = { status: "failed", message: "The report was built but could not be recorded in the audit trail, so it was deleted — try again." };
        console.error(`DripAudit: report job ${job.id}: audit event failed — ${error instanceof Error ? error.name : "error"}`);
      }
    }
    job.state = "finished";
    job.finishedAt = now();
    isRunning = false;
    void runNext();
  }

  function forget(job: TReportJob): void {
    rmSync(job.filePath, { force: true });
    jobs.delete(job.id);
  }

  return {
    start(input: TStartReportJobInput): TReportJobView {
      const id = randomUUID();
      const job: TReportJob = {
        id,
        organizationId: input.request.organizationId,
        userId: input.userId,
        actor: input.actor,
        request: input.request,
        format: input.format,
        mayIdentifyPatients: input.mayIdentifyPatients,
        filePath: path.join(options.folder, `${id}.${REPORT_FILE_EXTENSIONS[input.format]}`),
        state: "queued",
        progress: null,
        outcome: null,
        createdAt: now(),
        finishedAt: null,
      };
      jobs.set(id, job);
      queue.push(job);
      void runNext();

      return view(job);
    },

    /** The job, when it belongs to one of `organizationIds` and to `userId` (a report is its builder's). */
    get(jobId: string, access: { userId: string; organizationIds: readonly string[] }): TReportJobView | null {
      const job = jobs.get(jobId);
      if (!job || job.userId !== access.userId || !access.organizationIds.includes(job.organizationId)) return null;

      return view(job);
    },

    /** The finished file of a job the user may read, with what the download needs. */
    file(jobId: string, access: { userId: string; organizationIds: readonly string[] }) {
      const job = jobs.get(jobId);
      if (!job || job.userId !== access.userId || !access.organizationIds.includes(job.organizationId)) return null;
      if (job.outcome?.status !== "done") return null;

      return { filePath: job.filePath, fileName: job.outcome.summary.fileName, format: job.format, organizationId: job.organizationId, deidentified: job.request.deidentify };
    },

    /** Forgets jobs (and deletes their files) an hour after they finished. */
    sweep(): number {
      let forgotten = 0;
      for (const job of jobs.values()) {
        if (job.finishedAt !== null && now() - job.finishedAt > JOB_TTL_MS) {
          forget(job);
          forgotten++;
        }
      }

      return forgotten;
    },
  };
}

export type TReportJobRegistry = ReturnType<typeof createReportJobRegistry>;

const CHILD_ENTRY = path.join("lib", "report", "report-child-main.ts");

/** Runs one report in `node --import tsx lib/report/report-child-main.ts`. */
export function createChildReportRunner(options: { root?: string; databaseUrl?: string; env?: Record<string, string> } = {}): TReportRunner {
  const root = options.root ?? process.cwd();

  return (input) =>
    new Promise<TReportRunResult>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, CHILD_ENTRY)], {
        cwd: root,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      // Drained, never logged: it could quote report contents.
      child.stderr?.resume();
      let result: TReportRunResult | null = null;
      const timer = setTimeout(() => {
        result ??= { status: "failed", message: "The report took more than 5 minutes and was stopped — choose a shorter period or fewer sections." };
        child.kill("SIGKILL");
      }, RUN_TIMEOUT_MS);
      child.on("message", (message: TReportChildMessage) => {
        if (message.type === "ready") {
          const start: TReportChildRequest = {
            type: "start",
            request: input.request,
            format: input.format,
            mayIdentifyPatients: input.mayIdentifyPatients,
            outPath: input.outPath,
            ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
          };
          child.send(start);
        } else if (message.type === "progress") input.onProgress({ fraction: message.fraction, label: message.label });
        else if (message.type === "done") result = { status: "done", summary: message.summary };
        else if (message.type === "refused") result = { status: "failed", message: message.message };
        else if (message.type === "crashed") {
          console.error(`DripAudit: report process failed — ${message.message}`);
          result = { status: "failed", message: "The report could not be built — try again; if it keeps failing, the server log has the details." };
        }
      });
      const finish = (how: string) => {
        clearTimeout(timer);
        resolve(result ?? { status: "failed", message: `The report process ${how} before the report was ready — try again.` });
      };
      child.once("error", (error) => finish(`could not start (${error.message})`));
      child.once("close", (code, signal) => finish(signal ? `was stopped (${signal})` : `ended with code ${code}`));
    });
}

const globalForJobs = globalThis as unknown as { dripauditReportJobs?: TReportJobRegistry };

/** The app's registry (one per server process). */
export function getReportJobs(): TReportJobRegistry {
  if (globalForJobs.dripauditReportJobs) return globalForJobs.dripauditReportJobs;
  const registry = createReportJobRegistry({ runner: createChildReportRunner(), folder: path.join(getEnv().dataDir, "reports"), db: () => getDb().db });
  globalForJobs.dripauditReportJobs = registry;
  setInterval(() => registry.sweep(), 10 * 60 * 1000).unref();

  return registry;
}
