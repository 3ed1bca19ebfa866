import { spawn } from "node:child_process";
import path from "node:path";
import { runInBackground } from "@/lib/server/background-priority.mjs";
import { getDatabaseTarget, type DatabaseTarget } from "@/lib/db";
import { openAnalysisConnection, releaseDeadLocalLeases, setAnalysisStatus } from "@/lib/db/analysis";
import type { RecomputeResult } from "./recompute-organization";

/**
 * Runs one recompute of the app's database in a process of its own (node + tsx, like imports):
 * the analysis is CPU work of seconds to minutes, and in the web server's process it would hold
 * the event loop that answers every request meanwhile. The lease, versions and status protocol of
 * recomputeOrganization are unchanged; the queue (recompute-triggers.ts) stays in the server.
 */

/** What the server sends the recompute process once, after it says it is ready. */
export type TRecomputeChildRequest = {
  type: "start";
  organizationId: string;
  weeks: readonly string[] | "all";
  /** Another database than the environment's (tests). */
  databaseUrl?: string;
};

/** What the recompute process sends back: ready, then one result or failure. */
export type TRecomputeChildMessage =
  | { type: "ready" }
  | { type: "result"; result: RecomputeResult }
  | { type: "failed"; name: string; message: string };

const CHILD_ENTRY = path.join("lib", "analysis", "recompute-child-main.ts");

/** An error of the recompute process, with the name and message it had there (the stack stays there). */
export class RecomputeProcessError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * A recompute process that died without an answer (killed, out of memory) leaves its lease and a
 * `running` status: release the lease (its owner names the dead process) and say it failed. Its
 * unpublished rows are discarded by the next recompute.
 */
async function cleanUpAfterDeadProcess(target: DatabaseTarget, organizationId: string, message: string): Promise<void> {
  const connection = await openAnalysisConnection(target);
  try {
    await releaseDeadLocalLeases(connection);
    await setAnalysisStatus(connection, organizationId, "failed", message);
  } finally {
    await connection.close();
  }
}

export type TRecomputeChildOptions = {
  /** The app's folder (where node_modules/tsx and lib/ are); default: the working directory. */
  root?: string;
  /** Another database than the environment's (tests). */
  database?: { target: DatabaseTarget; url: string };
};

export function recomputeInChildProcess(organizationId: string, weeks: readonly string[] | "all", options: TRecomputeChildOptions = {}): Promise<RecomputeResult> {
  const root = options.root ?? process.cwd();
  return new Promise<RecomputeResult>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, CHILD_ENTRY)], {
      cwd: root,
      env: process.env,
      // Nothing of the child's output reaches the server log: a stack could quote data.
      stdio: ["ignore", "ignore", "ignore", "ipc"],
    });
    runInBackground(child);
    let answer: TRecomputeChildMessage | null = null;
    child.on("message", (message: TRecomputeChildMessage) => {
      if (message.type !== "ready") answer = message;
      else child.send({ type: "start", organizationId, weeks, ...(options.database ? { databaseUrl: options.database.url } : {}) } satisfies TRecomputeChildRequest);
    });
    let settled = false;
    const settle = (how: string) => {
      if (settled) return;
      settled = true;
      const received = answer as TRecomputeChildMessage | null;
      if (received?.type === "result") return resolve(received.result);
      if (received?.type === "failed") return reject(new RecomputeProcessError(received.name, received.message));
      const message = `The analysis process ${how}; the previous results are kept. The next change recomputes it.`;
      cleanUpAfterDeadProcess(options.database?.target ?? getDatabaseTarget(), organizationId, message).then(
        () => reject(new Error(message)),
        () => reject(new Error(message)),
      );
    };
    child.once("error", (error) => settle(`could not start (${error.message})`));
    child.once("close", (code, signal) => settle(signal ? `was stopped (${signal})` : `ended with code ${code}`));
  });
}
