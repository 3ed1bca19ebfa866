import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, test, vi } from "vitest";
import { DATABASE_BUSY_MESSAGE, internalError, withInternalErrors } from "@/lib/http/api-error";

type TBody = { error: { code: string; message: string } };

/** A failure the way Prisma reports one: a path, SQL and a stack in the message. */
function leakyError(): Error {
  const error = new Error(
    'Invalid `prisma.encounter.create()` invocation in\n/srv/dripaudit/lib/db/import/write-sessions.ts:88:17\nSQLITE_ERROR: near "SELECT": syntax error in SELECT * FROM "Encounter" WHERE "patientIdSealed" = ?',
  );
  error.stack = `${error.message}\n    at writeSessions (/srv/dripaudit/lib/db/import/write-sessions.ts:88:17)`;

  return error;
}

function captureLog() {
  const lines: string[] = [];
  const record = (...args: unknown[]) => lines.push(args.map((arg) => (arg instanceof Error ? `${arg.message}\n${arg.stack}` : String(arg))).join(" "));
  vi.spyOn(console, "error").mockImplementation(record);
  vi.spyOn(console, "warn").mockImplementation(record);

  return lines;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("internalError", () => {
  test("answers 500 with a reference only; the log line carries the reference and the real error", async () => {
    const log = captureLog();
    const response = internalError(leakyError(), "POST /api/organizations");
    expect(response.status).toBe(500);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const body = JSON.parse(text) as TBody;
    const reference = /reference ([0-9a-f]{10})\./.exec(body.error.message)?.[1];
    expect(reference).toBeDefined();
    expect(body).toEqual({
      error: {
        code: "internal_error",
        message: `Something went wrong on the server — reference ${reference}. Try again; if it keeps happening, give this reference to your administrator.`,
      },
    });
    for (const leak of ["/srv/", "write-sessions", "SELECT", "SQLITE", "prisma", "patientIdSealed", "    at "]) expect(text).not.toContain(leak);

    expect(log).toHaveLength(1);
    expect(log[0]).toContain(reference);
    expect(log[0]).toContain("POST /api/organizations");
    expect(log[0]).toContain("syntax error");
  });

  test("every failure gets its own reference", async () => {
    captureLog();
    const messages = await Promise.all([1, 2, 3].map(() => internalError(new Error("x"), "GET /x").json() as Promise<TBody>));
    expect(new Set(messages.map((body) => body.error.message)).size).toBe(3);
  });

  test("SQLITE_BUSY after the busy timeout answers 503 with a message to try again (real better-sqlite3 and Prisma's wrapped shape)", async () => {
    const log = captureLog();
    const dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-busy-"));
    const file = path.join(dir, "busy.db");
    const holder = new Database(file);
    const waiter = new Database(file, { timeout: 50 });
    let busy: unknown;
    try {
      holder.exec("CREATE TABLE t (x INTEGER)");
      holder.exec("BEGIN IMMEDIATE");
      holder.exec("INSERT INTO t VALUES (1)");
      try {
        waiter.exec("INSERT INTO t VALUES (2)");
      } catch (error) {
        busy = error;
      }
    } finally {
      holder.exec("ROLLBACK");
      holder.close();
      waiter.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect((busy as { code?: string }).code).toBe("SQLITE_BUSY");
    // What PrismaClientKnownRequestError P1008 carries for the same failure through the better-sqlite3 adapter.
    const prismaShaped = Object.assign(new Error("Operation has timed out"), {
      code: "P1008",
      meta: { modelName: "Organization", driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: "SQLITE_BUSY", originalMessage: "database is locked", kind: "SocketTimeout" } } },
    });

    for (const error of [busy, prismaShaped]) {
      const response = internalError(error, "POST /api/organizations");
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("60");
      expect(await response.json()).toEqual({ error: { code: "database_busy", message: DATABASE_BUSY_MESSAGE } });
    }
    expect(log.join("\n")).toContain("POST /api/organizations");
  });

  test("a network timeout on PostgreSQL is not mistaken for a busy database", () => {
    captureLog();
    const timeout = Object.assign(new Error("timeout"), { meta: { driverAdapterError: { cause: { kind: "SocketTimeout" } } } });
    expect(internalError(timeout, "GET /x").status).toBe(500);
  });
});

describe("withInternalErrors", () => {
  test("passes answers through and turns a throw into the reference response", async () => {
    const log = captureLog();
    const ok = withInternalErrors("GET /ok", async (n: number) => Response.json({ n }));
    expect(await (await ok(2)).json()).toEqual({ n: 2 });

    const failing = withInternalErrors("GET /fails", async () => {
      throw leakyError();
    });
    const response = await failing();
    expect(response.status).toBe(500);
    const body = (await response.json()) as TBody;
    expect(body.error.code).toBe("internal_error");
    const reference = /reference (\w+)\./.exec(body.error.message)![1]!;
    expect(log.some((line) => line.includes(reference) && line.includes("GET /fails"))).toBe(true);
  });

  test("Next's control-flow throws (redirect, notFound) are not swallowed", async () => {
    captureLog();
    const { redirect, notFound } = await import("next/navigation");
    await expect(withInternalErrors("GET /r", async () => redirect("/sign-in"))()).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    await expect(withInternalErrors("GET /n", async () => notFound())()).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_HTTP_ERROR_FALLBACK") });
  });
});
