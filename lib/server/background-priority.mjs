import os from "node:os";

/**
 * Niceness of the processes that work beside the web server (imports, recomputes, the first
 * start's demo loader, the resume of interrupted analyses): they use whole cores for seconds to
 * minutes, and at the default priority the server would get a third of the CPU while they run (on
 * two cores, an import's parser and its SQLite writer thread plus a recompute). At 10 the
 * scheduler gives the server's requests the CPU first; the background work takes the rest.
 */
export const BACKGROUND_NICENESS = 10;

/**
 * Lowers a freshly spawned child's priority. Linux applies niceness per thread: the threads the
 * child starts later (its SQLite writer) inherit it from its main thread. Best effort: where the
 * system refuses, the work still runs, at normal priority.
 *
 * @param {import("node:child_process").ChildProcess} child
 */
export function runInBackground(child) {
  if (child.pid === undefined) return;
  try {
    os.setPriority(child.pid, BACKGROUND_NICENESS);
  } catch {
    // e.g. the process already exited
  }
}
