/**
 * A REAL killed import: a child process (tsx) imports a big generated sessions file and is
 * SIGKILLed in the middle of its data transaction. The database must hold no rows from it, and
 * the next import marks its batch failed ("interrupted").
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import { INTERRUPTED_MESSAGE, openBulkWriter, recoverInterruptedBatches } from "@/lib/db/import";
import { runImport } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { writeSessionsCsv } from "@/tests/bench/import-generate-sessions";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const CHILD = path.resolve("tests/integration/import/import-child.ts");

describe.each(providers)("a killed import on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let dir: string;

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-kill-it-"));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("SIGKILL mid-write leaves no rows, and the next run marks the batch interrupted", async () => {
    const org = await db.organization.create({ data: { name: "Killed Clinic", slug: `killed-${name}` } });
    const big = path.join(dir, "big.csv");
    writeSessionsCsv(big, 60_000);

    // `node --import tsx` runs the TypeScript child in this one process (the tsx CLI would fork a
    // second node process, and SIGKILL of the CLI would leave that one running).
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, testDb.databaseUrl, org.id, big], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
    let sawWriting = false;
    let finished = false;
    for await (const line of createInterface({ input: child.stdout })) {
      const event = JSON.parse(line) as { phase?: string; outcome?: unknown };
      if (event.outcome) finished = true;
      if (event.phase === "recoding") {
        // Encounters, administrations and coded lines are being written in the open transaction.
        sawWriting = true;
        child.kill("SIGKILL");
        break;
      }
    }
    const { signal } = await exited;
    expect(finished, `the child finished before it could be killed: ${stderr}`).toBe(false);
    expect(sawWriting).toBe(true);
    expect(signal).toBe("SIGKILL");

    const where = { organizationId: org.id };
    expect(await db.encounter.count({ where })).toBe(0);
    expect(await db.administration.count({ where })).toBe(0);
    expect(await db.codedLine.count({ where })).toBe(0);
    expect(await db.importError.count({ where })).toBe(0);
    const [left] = await db.importBatch.findMany({ where });
    expect(left).toMatchObject({ status: "running", fileName: "big.csv" });

    // PostgreSQL ends the dead client's session (and its advisory lock) as soon as it sees the socket close.
    const writer = await openBulkWriter(testDb.target);
    try {
      let recovered: number[] = [];
      for (let attempt = 0; attempt < 50 && !recovered.includes(left!.id); attempt++) {
        recovered = await recoverInterruptedBatches(writer, `test:${name}`);
        if (!recovered.includes(left!.id)) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(recovered).toContain(left!.id);
    } finally {
      await writer.close();
    }
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: left!.id } })).toMatchObject({ status: "failed", failureMessage: INTERRUPTED_MESSAGE });

    // The same file imports cleanly afterwards: the interrupted batch is not a duplicate.
    const outcome = await runImport({
      organizationId: org.id,
      filePath: big,
      fileName: "big.csv",
      database: { db, target: testDb.target },
      patientKeySecret: "integration-secret-0123456789abcdef0123456789",
      patientIdKey: Buffer.alloc(32, 7),
      analyze: false,
    });
    expect(outcome.status).toBe("succeeded");
    expect(await db.administration.count({ where })).toBe(outcome.counts.administrations);
  });
});
