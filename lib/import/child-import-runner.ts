import { spawn } from "node:child_process";
import path from "node:path";
import { runInBackground } from "@/lib/server/background-priority.mjs";
import { recomputeAfterImport } from "@/lib/analysis/recompute-triggers";
import { getDb, type DatabaseTarget, type Db } from "@/lib/db";
import { hasRunningBatches, openBulkWriter, recoverInterruptedBatches } from "@/lib/db/import";
import type { TImportRunner } from "./import-jobs";
import type { TImportChildMessage, TImportChildRequest, TImportParentMessage } from "./import-child-protocol";
import { targetKey, type ImportOutcome, type RunImportInput } from "./run-import";

/**
 * Runs each import in a child process of its own (node + tsx, like the demo loader) whose heap is
 * capped at `memoryMb`: a hostile file that needs more fails its own job, while the server keeps
 * answering. Progress, the weeks to recompute and the outcome come back over IPC; the recompute
 * is queued here, in the server's queue, like the settings' recomputes (and runs in a process of
 * its own: lib/analysis/recompute-child.ts).
 */
export type TChildImportRunnerOptions = {
  /** V8 heap limit of the import process (--max-old-space-size), in MB. */
  memoryMb: number;
  /** The app's folder (where node_modules/tsx and lib/ are); default: the working directory. */
  root?: string;
  /** Another database than the environment's (tests); its client is used for the recompute and the recovery. */
  database?: { db: Db; target: DatabaseTarget; url: string };
  patientKeySecret?: string;
  /** Recompute the findings of the weeks a committed import touched (default true). */
  analyze?: boolean;
  /** Variables added to the import process's environment (tests: another data folder). */
  env?: Record<string, string>;
  /** How long a cancelled import may take to roll back before its process is killed. */
  cancelGraceMs?: number;
};

const CHILD_ENTRY = path.join("lib", "import", "import-child-main.ts");
/** Enough of the child's stderr to recognise V8's out-of-memory report (never logged: it could quote data). */
const STDERR_TAIL_CHARS = 8_192;
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed|out of memory/i;

export function outOfMemoryMessage(fileName: string, memoryMb: number): string {
  return `The import ran out of memory (the limit is ${memoryMb.toLocaleString("en-US")} MB) and nothing from ${fileName} was saved — split the file into smaller files, or raise DRIPAUDIT_IMPORT_MEMORY_MB.`;
}

function failed(input: RunImportInput, message: string): ImportOutcome {
  return {
    status: "failed",
    batchId: null,
    kind: input.kind ?? null,
    fileName: input.fileName,
    counts: { rowsTotal: 0, rowsImported: 0, rowsFailed: 0, warnings: 0, encounters: 0, administrations: 0, claimLines: 0, codedLines: 0, superseded: 0 },
    message,
  };
}

/**
 * Marks the batch the dead process left `running` as interrupted, so the history shows it failed
 * now rather than at the next import. PostgreSQL frees the batch's advisory lock only once it
 * notices the closed socket, hence the few tries; the next import recovers it anyway.
 */
async function recoverDeadImport(target: DatabaseTarget): Promise<void> {
  const writer = await openBulkWriter(target);
  try {
    for (let attempt = 0; attempt < 10; attempt++) {
      if (!(await hasRunningBatches(writer))) return;
      if ((await recoverInterruptedBatches(writer, targetKey(target))).length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await writer.close();
  }
}

export function createChildImportRunner(options: TChildImportRunnerOptions): TImportRunner {
  const root = options.root ?? process.cwd();
  const cancelGraceMs = options.cancelGraceMs ?? 15_000;

  return (input) =>
    new Promise<ImportOutcome>((resolve, reject) => {
      const child = spawn(process.execPath, [`--max-old-space-size=${options.memoryMb}`, "--import", "tsx", path.join(root, CHILD_ENTRY)], {
        cwd: root,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "ignore", "pipe", "ipc"],
      });
      runInBackground(child);
      const request: TImportChildRequest = {
        type: "start",
        input: {
          organizationId: input.organizationId,
          filePath: input.filePath,
          fileName: input.fileName,
          ...(input.sourceName ? { sourceName: input.sourceName } : {}),
          ...(input.kind ? { kind: input.kind } : {}),
          ...(input.mapping ? { mapping: input.mapping } : {}),
          ...(input.userId ? { userId: input.userId } : {}),
          ...(input.address ? { address: input.address } : {}),
          ...(options.patientKeySecret ? { patientKeySecret: options.patientKeySecret } : {}),
          ...(input.chunkRows ? { chunkRows: input.chunkRows } : {}),
        },
        ...(options.database ? { databaseUrl: options.database.url } : {}),
      };
      let stderrTail = "";
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (chunk: string) => {
        stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
      });

      let outcome: ImportOutcome | null = null;
      let crashed: string | null = null;
      child.on("message", (message: TImportChildMessage) => {
        if (message.type === "ready") child.send(request);
        else if (message.type === "progress") input.onProgress?.(message.progress);
        else if (message.type === "outcome") outcome = message.outcome;
        else if (message.type === "crashed") crashed = message.message;
        else if (message.type === "committed" && options.analyze !== false) {
          recomputeAfterImport(input.organizationId, message.weeks, options.database ? { target: options.database.target, db: options.database.db } : {});
        }
      });

      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        if (child.connected) child.send({ type: "cancel" } satisfies TImportParentMessage);
        killTimer = setTimeout(() => child.kill("SIGKILL"), cancelGraceMs);
      };
      input.signal?.addEventListener("abort", onAbort, { once: true });

      let settled = false;
      const finish = async (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(killTimer);
        input.signal?.removeEventListener("abort", onAbort);
        if (outcome) return resolve(outcome);
        try {
          await recoverDeadImport(options.database?.target ?? getDb().target);
        } catch {
          // the next import recovers it
        }
        if (OUT_OF_MEMORY.test(stderrTail)) return resolve(failed(input, outOfMemoryMessage(input.fileName, options.memoryMb)));
        if (input.signal?.aborted) return resolve(failed(input, "Cancelled: the import was stopped before it finished; nothing from it was saved."));
        if (crashed) return reject(new Error(`import process failed — ${crashed}`));
        const how = spawnError ? `could not start (${spawnError.message})` : signal ? `was stopped (${signal}${signal === "SIGKILL" ? ", possibly by the system for using too much memory" : ""})` : `ended with code ${code}`;
        resolve(failed(input, `The import process ${how} and nothing from ${input.fileName} was saved. Try again; if it keeps failing, the server log has the details.`));
      };
      const settle = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
        finish(code, signal, spawnError).catch(reject);
      };
      child.once("error", (error) => settle(null, null, error));
      child.once("close", (code, signal) => settle(code, signal));

      if (input.signal?.aborted) onAbort();
    });
}
