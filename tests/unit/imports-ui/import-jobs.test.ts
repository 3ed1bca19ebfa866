import { describe, expect, test } from "vitest";
import { createImportJobRegistry, ImportJobError, type TImportRunner } from "@/lib/import/import-jobs";
import type { ImportOutcome, RunImportInput } from "@/lib/import/run-import";

const counts = { rowsTotal: 2, rowsImported: 2, rowsFailed: 0, warnings: 0, encounters: 1, administrations: 2, claimLines: 0, codedLines: 1, superseded: 0 };

const outcome = (status: ImportOutcome["status"], extra: Partial<ImportOutcome> = {}): ImportOutcome => ({
  status,
  batchId: status === "needs_mapping" ? null : 7,
  kind: "sessions",
  fileName: "s.csv",
  counts,
  message: "",
  ...extra,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function setup(runner: TImportRunner, clock = { now: 1_000_000 }) {
  const removed: string[] = [];
  const registry = createImportJobRegistry({
    runner,
    now: () => clock.now,
    removeFile: async (filePath) => {
      removed.push(filePath);
    },
  });
  const start = (filePath = "/tmp/a.upload") => registry.start({ organizationId: "org1", filePath, fileName: "s.csv", bytesTotal: 100 });
  return { registry, removed, start, clock };
}

describe("import job registry", () => {
  test("a job goes queued → running (with progress) → finished, and its file is deleted", async () => {
    const gate = deferred<void>();
    let seen: RunImportInput | undefined;
    const { registry, removed, start } = setup(async (input) => {
      seen = input;
      input.onProgress?.({ phase: "writing", bytesRead: 50, bytesTotal: 100, rowsRead: 1, rowsWritten: 1 });
      await gate.promise;
      return outcome("succeeded");
    });
    const job = start();
    expect(job.state).toBe("queued");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(registry.get(job.jobId, ["org1"])).toMatchObject({ state: "running", progress: { phase: "writing", bytesRead: 50 } });
    expect(seen).toMatchObject({ organizationId: "org1", filePath: "/tmp/a.upload", fileName: "s.csv" });
    gate.resolve();
    await registry.idle();
    expect(registry.get(job.jobId, ["org1"])).toMatchObject({ state: "finished", outcome: { status: "succeeded", batchId: 7 }, progress: { phase: "done" } });
    expect(removed).toEqual(["/tmp/a.upload"]);
    expect(JSON.stringify(registry.get(job.jobId, ["org1"]))).not.toContain("/tmp/");
    expect(registry.get(job.jobId, ["org2"])).toBeNull();
  });

  test("runs one import at a time, in order", async () => {
    const order: string[] = [];
    const { registry, start } = setup(async (input) => {
      order.push(`start ${input.filePath}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`end ${input.filePath}`);
      return outcome("succeeded");
    });
    start("/a");
    start("/b");
    await registry.idle();
    expect(order).toEqual(["start /a", "end /a", "start /b", "end /b"]);
  });

  test("an unexpected runner error becomes a failed outcome with a plain message", async () => {
    const { registry, removed, start } = setup(async () => {
      throw new Error("SQLITE_BUSY: patient P123 …");
    });
    const job = start();
    await registry.idle();
    const view = registry.get(job.jobId, ["org1"]);
    expect(view?.outcome?.status).toBe("failed");
    expect(view?.outcome?.message).not.toContain("P123");
    expect(removed).toEqual(["/tmp/a.upload"]);
  });

  test("needs_mapping keeps the file; a retry with a mapping re-runs it and then deletes it", async () => {
    const inputs: RunImportInput[] = [];
    const { registry, removed, start } = setup(async (input) => {
      inputs.push(input);
      return input.mapping ? outcome("succeeded") : outcome("needs_mapping", { missingColumns: { headers: ["Med"], unmapped: ["drug"], kind: "sessions" } });
    });
    const first = start();
    await registry.idle();
    expect(registry.get(first.jobId, ["org1"])?.outcome?.status).toBe("needs_mapping");
    expect(removed).toEqual([]);

    expect(() => registry.retryWithMapping(first.jobId, "other-org", { kind: "sessions", mapping: { drug: "Med" } })).toThrow(ImportJobError);
    const retry = registry.retryWithMapping(first.jobId, "org1", { kind: "sessions", mapping: { drug: "Med" }, sourceName: "Epic" });
    expect(retry.retryOf).toBe(first.jobId);
    await registry.idle();
    expect(inputs[1]).toMatchObject({ filePath: "/tmp/a.upload", kind: "sessions", mapping: { drug: "Med" }, sourceName: "Epic" });
    expect(registry.get(retry.jobId, ["org1"])?.outcome?.status).toBe("succeeded");
    expect(removed).toEqual(["/tmp/a.upload"]);
    // The first job gave its file away: it cannot be retried twice.
    expect(() => registry.retryWithMapping(first.jobId, "org1", { kind: "sessions", mapping: { drug: "Med" } })).toThrow(/does not need a column mapping/);
  });

  test("finished jobs are forgotten after an hour, and a kept upload is deleted then", async () => {
    const clock = { now: 1_000_000 };
    const { registry, removed, start } = setup(async () => outcome("needs_mapping"), clock);
    const job = start();
    await registry.idle();
    clock.now += 59 * 60 * 1000;
    expect(registry.get(job.jobId, ["org1"])).not.toBeNull();
    expect(registry.heldFiles()).toEqual(new Set(["/tmp/a.upload"]));
    clock.now += 2 * 60 * 1000;
    expect(registry.get(job.jobId, ["org1"])).toBeNull();
    expect(removed).toEqual(["/tmp/a.upload"]);
  });
});
