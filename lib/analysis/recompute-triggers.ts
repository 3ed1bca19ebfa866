/**
 * When findings and rollups are recomputed, and the in-process queue that runs them.
 *
 * Affected weeks (the rule the callers follow):
 * - a sessions or claims import affects the weeks (`weekStart`) of the rows it wrote and of the rows
 *   it superseded (deleted or replaced): call `recomputeAfterImport(organizationId, weeks)` after
 *   the import committed;
 * - a fee schedule, rule settings, drug catalog, timely-filing (organization or payer) or week-start
 *   change: call `scheduleRecompute(organizationId)` (no weeks): the recompute diffs what all weeks
 *   share against the published analysis and rebuilds the weeks the change reaches (every week for
 *   coding settings, the drug catalog or the week start; the weeks that used a payer's filing
 *   window for that window; lib/analysis/analysis-context.ts);
 * - the recompute itself widens a list of weeks the same way: weeks tied to them by cross-week
 *   claims, and weeks whose recorded lookups (unit values, median durations, the last date of
 *   service) moved, e.g. after new paid lines or a later session. So callers never reason about
 *   valuation.
 * `weeks: "all"` rebuilds every week whatever changed (crash recovery, the demo loader).
 *
 * The queue: one recompute at a time per organization, in this process, in the background (in the
 * web server each run is a child process: runsInChildProcess). A request while one is queued
 * merges into it (union of weeks; "all" wins); a request while one runs is queued behind it.
 * Status: `pending` as soon as a request is queued, `running`, then `idle` or `failed`
 * (recomputeOrganization sets those).
 */
import type { DatabaseTarget, Db } from "@/lib/db";
import { getDb } from "@/lib/db";
import { markAnalysisPending } from "@/lib/db/analysis";
import { recomputeInChildProcess } from "./recompute-child";
import { recomputeOrganization, type RecomputeResult } from "./recompute-organization";

export type ScheduleOptions = {
  /** Weeks whose data changed (absent: none, only what the context diff reaches); "all" = every week. */
  weeks?: readonly string[] | "all";
  /** Database and client (default: the app's). */
  target?: DatabaseTarget;
  db?: Db;
};

type Request = { weeks: Set<string> | "all"; waiters: { resolve: (r: RecomputeResult) => void; reject: (e: unknown) => void }[] };
type Queue = { running: boolean; next: Request | null; target?: DatabaseTarget; db?: Db };

const queues = new Map<string, Queue>();
const idleWaiters = new Set<() => void>();

/** Logs failures of background recomputes (the organization's analysisError has the message too). */
let onBackgroundError: (error: unknown, organizationId: string) => void = (error, organizationId) => {
  console.error(`analysis recompute of ${organizationId} failed:`, error instanceof Error ? error.message : error);
};

export function setRecomputeErrorHandler(handler: (error: unknown, organizationId: string) => void): void {
  onBackgroundError = handler;
}

function queueKey(organizationId: string, target?: DatabaseTarget): string {
  const where = target ? (target.provider === "postgresql" ? `${target.url}#${target.schema}` : target.filePath) : "app";
  return `${where}\u0000${organizationId}`;
}

/**
 * Queues a recompute of the organization's findings and rollups (the weeks given plus what the
 * context diff reaches; "all": every week) and marks its analysis `pending`. Returns at once with a promise of the run that covers this
 * request (callers may ignore it: failures are logged and recorded on the organization).
 */
export function scheduleRecompute(organizationId: string, options: ScheduleOptions = {}): { done: Promise<RecomputeResult> } {
  const key = queueKey(organizationId, options.target);
  let queue = queues.get(key);
  if (!queue) {
    queue = { running: false, next: null, ...(options.target ? { target: options.target } : {}), ...(options.db ? { db: options.db } : {}) };
    queues.set(key, queue);
  }
  const weeks = options.weeks === "all" ? "all" : new Set(options.weeks ?? []);
  if (!queue.next) queue.next = { weeks, waiters: [] };
  else if (queue.next.weeks !== "all") {
    if (weeks === "all") queue.next.weeks = "all";
    else for (const week of weeks) queue.next.weeks.add(week);
  }
  const request = queue.next;
  const done = new Promise<RecomputeResult>((resolve, reject) => request.waiters.push({ resolve, reject }));
  // Nobody has to await `done`: keep an unobserved rejection from crashing the process.
  done.catch(() => {});
  const db = options.db ?? (options.target ? undefined : getDb().db);
  const marked = db ? markAnalysisPending(db, organizationId).catch(() => {}) : Promise.resolve();
  if (!queue.running) {
    queue.running = true;
    void marked.then(() => drain(organizationId, key, queue!));
  }
  return { done };
}

/**
 * In the web server (Next sets NEXT_RUNTIME) a recompute of the app's database runs in a process of
 * its own (recompute-child.ts), so the analysis never holds the event loop that answers requests.
 * The CLI, the demo loader and tests run it here, on the database they were given.
 */
function runsInChildProcess(queue: Queue): boolean {
  return process.env.NEXT_RUNTIME === "nodejs" && !queue.target && !queue.db;
}

async function drain(organizationId: string, key: string, queue: Queue): Promise<void> {
  while (queue.next) {
    const request = queue.next;
    queue.next = null;
    try {
      const weeks = request.weeks === "all" ? "all" : [...request.weeks];
      const result = runsInChildProcess(queue)
        ? await recomputeInChildProcess(organizationId, weeks)
        : await recomputeOrganization(organizationId, { weeks, ...(queue.target ? { target: queue.target } : {}), ...(queue.db ? { db: queue.db } : {}) });
      for (const waiter of request.waiters) waiter.resolve(result);
    } catch (error) {
      onBackgroundError(error, organizationId);
      for (const waiter of request.waiters) waiter.reject(error);
    }
    if (queue.next && queue.db) await markAnalysisPending(queue.db, organizationId).catch(() => {});
    else if (queue.next && !queue.target) await markAnalysisPending(getDb().db, organizationId).catch(() => {});
  }
  queue.running = false;
  queues.delete(key);
  if (queues.size === 0) for (const resolve of [...idleWaiters]) resolve();
}

/**
 * THE hook for the import pipeline: call after a sessions, claims (CSV or 835) import committed,
 * with the week starts of every Encounter / ClaimLine row it wrote or superseded. Fee schedule and
 * drug catalog imports: pass [] (the context diff finds the weeks they reach).
 */
export function recomputeAfterImport(
  organizationId: string,
  affectedWeeks: readonly string[] | "all",
  options: Omit<ScheduleOptions, "weeks"> = {},
): { done: Promise<RecomputeResult> } {
  return scheduleRecompute(organizationId, { ...options, weeks: affectedWeeks });
}

/** Resolves when no recompute is queued or running in this process (e.g. before the next SQLite import). */
export function whenRecomputesIdle(): Promise<void> {
  if (queues.size === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      idleWaiters.delete(done);
      resolve();
    };
    idleWaiters.add(done);
  });
}

/** Whether a recompute of the organization is queued or running in this process. */
export function isRecomputeActive(organizationId: string): boolean {
  for (const key of queues.keys()) if (key.endsWith(`\u0000${organizationId}`)) return true;
  return false;
}
