import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { getEnv } from "@/lib/env";
import type { ImportKind, ImportOutcome, ImportProgress, RunImportInput } from "./run-import";

/**
 * In-memory registry of the imports started from the browser: each uploaded file becomes a job
 * that runs `runImport` in the background, one at a time (SQLite has one writer, and a 1 GB import
 * should not compete with another for memory). The browser polls a job for its progress and
 * outcome. Jobs are forgotten an hour after they finish; this is a single-process local install,
 * so a restart forgets them too (the import batches themselves are in the database).
 *
 * Each job remembers the practice it imports into: reading or retrying it names that practice,
 * and another practice's job is answered as unknown.
 *
 * The uploaded temp file belongs to the job: it is deleted when the import is over, except after
 * `needs_mapping`, when it is kept for a second run with the user's column mapping (until the job
 * is forgotten, or earlier under the practice's upload retention: upload-retention.ts).
 *
 * In the app each import runs in a child process with a memory limit (child-import-runner.ts).
 */
export type TImportRunner = (input: RunImportInput) => Promise<ImportOutcome>;

export type TImportJobState = "queued" | "running" | "finished";

/** What the browser sees of a job (no file paths). */
export type TImportJobView = {
  jobId: string;
  fileName: string;
  sourceName: string | null;
  kind: ImportKind | null;
  state: TImportJobState;
  bytesTotal: number;
  progress: ImportProgress | null;
  outcome: ImportOutcome | null;
  createdAt: string;
  finishedAt: string | null;
  /** The job whose upload this run re-used (a retry with a mapping). */
  retryOf: string | null;
};

type TImportJob = {
  id: string;
  organizationId: string;
  userId?: string;
  /** The uploader's client address (the audit trail's import.created). */
  address?: string;
  fileName: string;
  sourceName?: string;
  kind?: ImportKind;
  mapping?: Record<string, string>;
  /** The uploaded file; null once deleted or handed to a retry. */
  filePath: string | null;
  bytesTotal: number;
  state: TImportJobState;
  progress: ImportProgress | null;
  outcome: ImportOutcome | null;
  createdAt: number;
  finishedAt: number | null;
  retryOf: string | null;
  controller: AbortController;
  /** The kept upload was deleted under the practice's retention period. */
  fileExpired?: boolean;
};

/** An upload a job holds, for the retention sweep. */
export type TImportJobUpload = {
  filePath: string;
  organizationId: string;
  /** False while the import is queued or running (the file must stay); true when it waits for a column mapping. */
  isIdle: boolean;
};

export type TStartImportJobInput = {
  organizationId: string;
  filePath: string;
  fileName: string;
  bytesTotal: number;
  sourceName?: string;
  kind?: ImportKind;
  mapping?: Record<string, string>;
  userId?: string;
  address?: string;
};

export type TImportJobRegistryOptions = {
  runner: TImportRunner;
  /** How long a finished job is kept, in ms (an hour by default). */
  ttlMs?: number;
  now?: () => number;
  removeFile?: (filePath: string) => Promise<void>;
  /** Called with an unexpected runner error (for the server log; never sent to the browser). */
  onRunnerError?: (error: unknown, jobId: string) => void;
};

export const IMPORT_JOB_TTL_MS = 60 * 60 * 1000;

export class ImportJobError extends Error {
  readonly code: "job_not_found" | "job_not_retryable";

  constructor(code: ImportJobError["code"], message: string) {
    super(message);
    this.name = "ImportJobError";
    this.code = code;
  }
}

const EMPTY_COUNTS: ImportOutcome["counts"] = {
  rowsTotal: 0,
  rowsImported: 0,
  rowsFailed: 0,
  warnings: 0,
  encounters: 0,
  administrations: 0,
  claimLines: 0,
  codedLines: 0,
  superseded: 0,
};

function toView(job: TImportJob): TImportJobView {
  return {
    jobId: job.id,
    fileName: job.fileName,
    sourceName: job.sourceName ?? null,
    kind: job.outcome?.kind ?? job.kind ?? null,
    state: job.state,
    bytesTotal: job.bytesTotal,
    progress: job.progress,
    outcome: job.outcome,
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
    retryOf: job.retryOf,
  };
}

export type TImportJobRegistry = ReturnType<typeof createImportJobRegistry>;

export function createImportJobRegistry(options: TImportJobRegistryOptions) {
  const ttlMs = options.ttlMs ?? IMPORT_JOB_TTL_MS;
  const now = options.now ?? Date.now;
  const removeFile = options.removeFile ?? ((filePath: string) => rm(filePath, { force: true }));
  const jobs = new Map<string, TImportJob>();
  /** Runs are chained so that only one import writes at a time. */
  let queue: Promise<void> = Promise.resolve();

  function discardFile(job: TImportJob): void {
    const filePath = job.filePath;
    job.filePath = null;
    if (filePath) void removeFile(filePath).catch(() => undefined);
  }

  /** Forgets finished jobs older than the TTL and deletes the files they still hold. */
  function sweep(): void {
    const cutoff = now() - ttlMs;
    for (const [id, job] of jobs) {
      if (job.state === "finished" && (job.finishedAt ?? job.createdAt) < cutoff) {
        discardFile(job);
        jobs.delete(id);
      }
    }
  }

  async function run(job: TImportJob): Promise<void> {
    if (job.controller.signal.aborted || !job.filePath) return;
    job.state = "running";
    let outcome: ImportOutcome;
    try {
      outcome = await options.runner({
        organizationId: job.organizationId,
        filePath: job.filePath,
        fileName: job.fileName,
        ...(job.sourceName ? { sourceName: job.sourceName } : {}),
        ...(job.kind ? { kind: job.kind } : {}),
        ...(job.mapping ? { mapping: job.mapping } : {}),
        ...(job.userId ? { userId: job.userId } : {}),
        ...(job.address ? { address: job.address } : {}),
        onProgress: (progress) => {
          job.progress = { ...progress };
        },
        signal: job.controller.signal,
      });
    } catch (error) {
      options.onRunnerError?.(error, job.id);
      outcome = {
        status: "failed",
        batchId: null,
        kind: job.kind ?? null,
        fileName: job.fileName,
        counts: { ...EMPTY_COUNTS },
        message: "The import stopped unexpectedly and nothing was saved. Try again; if it keeps failing, the server log has the details.",
      };
    }
    job.outcome = outcome;
    job.state = "finished";
    job.finishedAt = now();
    if (job.progress && outcome.status === "succeeded") job.progress = { ...job.progress, phase: "done" };
    if (outcome.status !== "needs_mapping") discardFile(job);
  }

  function enqueue(job: TImportJob): void {
    jobs.set(job.id, job);
    queue = queue.then(() => run(job)).catch(() => undefined);
  }

  return {
    /** Registers a job for an uploaded file and queues its import; returns the job's view. */
    start(input: TStartImportJobInput): TImportJobView {
      sweep();
      const job: TImportJob = {
        id: randomUUID(),
        organizationId: input.organizationId,
        ...(input.userId ? { userId: input.userId } : {}),
        ...(input.address ? { address: input.address } : {}),
        fileName: input.fileName,
        ...(input.sourceName ? { sourceName: input.sourceName } : {}),
        ...(input.kind ? { kind: input.kind } : {}),
        ...(input.mapping ? { mapping: input.mapping } : {}),
        filePath: input.filePath,
        bytesTotal: input.bytesTotal,
        state: "queued",
        progress: null,
        outcome: null,
        createdAt: now(),
        finishedAt: null,
        retryOf: null,
        controller: new AbortController(),
      };
      enqueue(job);

      return toView(job);
    },

    /**
     * Re-runs a job that ended in `needs_mapping` on the same uploaded file, with the user's
     * column mapping (and kind). Returns the new job; the old one gives up its file.
     */
    retryWithMapping(
      jobId: string,
      organizationId: string,
      input: { kind: ImportKind; mapping: Record<string, string>; sourceName?: string },
    ): TImportJobView {
      sweep();
      const previous = jobs.get(jobId);
      if (!previous || previous.organizationId !== organizationId) {
        throw new ImportJobError("job_not_found", "This upload is no longer available (uploads are kept for an hour) — upload the file again.");
      }
      if (previous.fileExpired) {
        throw new ImportJobError("job_not_found", "This upload was deleted under the practice's upload retention setting — upload the file again.");
      }
      if (previous.state !== "finished" || previous.outcome?.status !== "needs_mapping" || !previous.filePath) {
        throw new ImportJobError("job_not_retryable", "This file does not need a column mapping (it already ran) — upload it again to re-import.");
      }
      const job: TImportJob = {
        ...previous,
        id: randomUUID(),
        kind: input.kind,
        mapping: input.mapping,
        ...(input.sourceName ? { sourceName: input.sourceName } : {}),
        state: "queued",
        progress: null,
        outcome: null,
        createdAt: now(),
        finishedAt: null,
        retryOf: previous.id,
        controller: new AbortController(),
      };
      previous.filePath = null;
      enqueue(job);

      return toView(job);
    },

    /**
     * A job's view, or null when unknown, expired or started for a practice outside
     * `organizationIds` (the asker's practices: another practice's job is "not found").
     */
    get(jobId: string, organizationIds: readonly string[]): TImportJobView | null {
      sweep();
      const job = jobs.get(jobId);

      return job && organizationIds.includes(job.organizationId) ? toView(job) : null;
    },

    /** The outcome of the latest job of this organization that produced `batchId`, while it is remembered. */
    findOutcomeByBatch(organizationId: string, batchId: number): ImportOutcome | null {
      sweep();
      let found: TImportJob | null = null;
      for (const job of jobs.values()) {
        if (job.organizationId === organizationId && job.outcome?.batchId === batchId && job.outcome.status !== "duplicate") found = job;
      }

      return found?.outcome ?? null;
    },

    /** Files the registry still holds (kept by the stale-upload sweeper). */
    heldFiles(): Set<string> {
      return new Set([...jobs.values()].flatMap((job) => (job.filePath ? [job.filePath] : [])));
    },

    /** The uploads jobs hold, with whether their import still needs them now. */
    heldUploads(): TImportJobUpload[] {
      return [...jobs.values()].flatMap((job) => (job.filePath ? [{ filePath: job.filePath, organizationId: job.organizationId, isIdle: job.state === "finished" }] : []));
    },

    /** Deletes a kept upload of a finished job (retention); a queued or running import keeps its file. Returns whether it was released. */
    expireUpload(filePath: string): boolean {
      for (const job of jobs.values()) {
        if (job.filePath !== filePath) continue;
        if (job.state !== "finished") return false;
        job.fileExpired = true;
        discardFile(job);
        return true;
      }
      return false;
    },

    /** Resolves when every queued import has finished (tests, shutdown). */
    async idle(): Promise<void> {
      let current: Promise<void>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },

    sweep,
  };
}

const globalForJobs = globalThis as unknown as { dripauditImportJobs?: TImportJobRegistry; dripauditUploadSweep?: () => Promise<number> };

/**
 * The process-wide registry, kept on globalThis so that hot reload in development does not lose
 * running jobs. Each import runs in a child process limited to DRIPAUDIT_IMPORT_MEMORY_MB.
 */
export function getImportJobs(): TImportJobRegistry {
  if (globalForJobs.dripauditImportJobs) return globalForJobs.dripauditImportJobs;
  const registry = createImportJobRegistry({
    runner: async (input) => {
      const { createChildImportRunner } = await import("./child-import-runner");
      return createChildImportRunner({ memoryMb: getEnv().DRIPAUDIT_IMPORT_MEMORY_MB })(input);
    },
    onRunnerError: (error, jobId) => {
      // The message only: a stack or cause could quote row contents (PHI).
      const message = error instanceof Error ? `${error.name}: ${error.message.split("\n")[0]}` : "unknown error";
      console.error(`DripAudit: import job ${jobId} failed unexpectedly — ${message}`);
    },
  });
  globalForJobs.dripauditImportJobs = registry;
  // Expired jobs and uploads past their practice's retention go even when nobody opens the imports page.
  setInterval(() => {
    registry.sweep();
    void sweepAppUploads();
  }, 10 * 60 * 1000).unref();
  void sweepAppUploads();

  return registry;
}

/** Applies upload retention to the app's uploads folder (upload-retention.ts); one sweep at a time. */
export function sweepAppUploads(): Promise<number> {
  if (globalForJobs.dripauditUploadSweep) return globalForJobs.dripauditUploadSweep();
  let running: Promise<number> | null = null;
  const sweepOnce = async (): Promise<number> => {
    const registry = getImportJobs();
    const [{ sweepUploads }, { getDb }, { getUploadRetentionDays }, { getUploadsDir }] = await Promise.all([
      import("./upload-retention"),
      import("@/lib/db"),
      import("@/lib/db/upload-retention"),
      import("./save-upload"),
    ]);
    return sweepUploads({
      uploadsDir: getUploadsDir(getEnv().dataDir),
      held: registry.heldUploads(),
      expire: (filePath) => registry.expireUpload(filePath),
      retentionDays: (organizationIds) => getUploadRetentionDays(getDb().db, organizationIds),
    });
  };
  globalForJobs.dripauditUploadSweep = () => {
    running ??= sweepOnce()
      .catch(() => 0)
      .finally(() => {
        running = null;
      });
    return running;
  };

  return globalForJobs.dripauditUploadSweep();
}
