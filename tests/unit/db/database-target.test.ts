import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { isConfigError } from "@/lib/config-error";
import { describeDatabaseError, ensureDataDir, resolveDatabaseTarget, type PostgresTarget } from "@/lib/db/database-target";

function configErrorMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(isConfigError(error)).toBe(true);

    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("resolveDatabaseTarget", () => {
  test("no DATABASE_URL: SQLite file dripaudit.db in the data folder, as an absolute path", () => {
    expect(resolveDatabaseTarget({ dataDir: "./data", cwd: "/srv/app" })).toEqual({
      provider: "sqlite",
      filePath: "/srv/app/data/dripaudit.db",
      url: "file:/srv/app/data/dripaudit.db",
      label: "SQLite /srv/app/data/dripaudit.db",
    });
  });

  test("file: URLs are SQLite files relative to the working directory", () => {
    expect(resolveDatabaseTarget({ databaseUrl: "file:./other.db", dataDir: "./data", cwd: "/srv/app" })).toMatchObject({
      provider: "sqlite",
      filePath: "/srv/app/other.db",
    });
  });

  test.each(["postgres://", "postgresql://"])("%s URLs are PostgreSQL, with ?schema= split off", (scheme) => {
    const target = resolveDatabaseTarget({ databaseUrl: `${scheme}app:secret@db.internal:6543/dripaudit?schema=it_abc&sslmode=require`, dataDir: "." });
    expect(target).toMatchObject({ provider: "postgresql", host: "db.internal", port: 6543, database: "dripaudit", user: "app", schema: "it_abc" });
    expect((target as PostgresTarget).url).not.toContain("schema=");
    expect((target as PostgresTarget).url).toContain("sslmode=require");
    expect(target.label).not.toContain("secret");
  });

  test("the schema defaults to public and the port to 5432", () => {
    expect(resolveDatabaseTarget({ databaseUrl: "postgresql://root@127.0.0.1/test", dataDir: "." })).toMatchObject({ schema: "public", port: 5432 });
  });

  test.each([
    ["mysql://u@h/db", 'Invalid configuration: DATABASE_URL must start with postgresql://, postgres:// or file: (got "mysql:…"); leave it unset for the embedded SQLite database.'],
    ["dripaudit.db", "Invalid configuration: DATABASE_URL must start with postgresql://, postgres:// or file: (got a value with no scheme); leave it unset for the embedded SQLite database."],
    ["postgresql://u@h:5432/", "Invalid configuration: DATABASE_URL names no database; expected postgresql://user:password@host:5432/database."],
    ["postgresql://u@h:notaport/db", "Invalid configuration: DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database."],
    ["postgresql://u@h/db?schema=a;drop", 'Invalid configuration: the schema "a;drop" in DATABASE_URL must be letters, digits and underscores.'],
  ])("malformed %s is a one-line ConfigError", (databaseUrl, message) => {
    expect(configErrorMessage(() => resolveDatabaseTarget({ databaseUrl, dataDir: "." }))).toBe(message);
  });
});

describe("describeDatabaseError", () => {
  const pgTarget = resolveDatabaseTarget({ databaseUrl: "postgresql://app@127.0.0.1:5499/test", dataDir: "." });

  test.each([
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5499"), { code: "ECONNREFUSED" }), "Cannot reach PostgreSQL at 127.0.0.1:5499 — is the server running and DATABASE_URL right?"],
    // What the Prisma client throws: the adapter's error is nested in meta.
    [Object.assign(new Error("Invalid `prisma.$queryRaw()` invocation:\nRaw query failed."), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } } }), "Cannot reach PostgreSQL at 127.0.0.1:5499 — is the server running and DATABASE_URL right?"],
    [new AggregateError([Object.assign(new Error("x"), { code: "ECONNREFUSED" })], "connect failed"), "Cannot reach PostgreSQL at 127.0.0.1:5499 — is the server running and DATABASE_URL right?"],
    [Object.assign(new Error("getaddrinfo ENOTFOUND nohost"), { code: "ENOTFOUND" }), 'Cannot resolve the PostgreSQL host "127.0.0.1" — check the host name in DATABASE_URL.'],
    [Object.assign(new Error('password authentication failed for user "app"'), { code: "28P01" }), 'PostgreSQL at 127.0.0.1:5499 refused user "app" — check the user and password in DATABASE_URL.'],
    [Object.assign(new Error('database "test" does not exist'), { code: "3D000" }), 'PostgreSQL at 127.0.0.1:5499 has no database "test" — create it (createdb test) or fix DATABASE_URL.'],
    [new Error("something odd\nwith more lines"), "PostgreSQL at 127.0.0.1:5499: something odd"],
  ])("PostgreSQL: %s", (error, message) => {
    expect(describeDatabaseError(error, pgTarget)).toBe(message);
  });

  test("SQLite: a file that cannot be opened names the file", () => {
    const target = resolveDatabaseTarget({ databaseUrl: "file:/missing/dir/x.db", dataDir: "." });
    const error = Object.assign(new Error("unable to open database file"), { code: "SQLITE_CANTOPEN" });
    expect(describeDatabaseError(error, target)).toBe("Cannot open the SQLite database /missing/dir/x.db — does its folder exist and is it writable?");
  });
});

describe("ensureDataDir", () => {
  test("creates the folder", () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "dripaudit-unit-"));
    try {
      const dir = path.join(base, "a", "b");
      expect(existsSync(dir)).toBe(false);
      ensureDataDir(dir);
      expect(statSync(dir).isDirectory()).toBe(true);
      // Again on an existing folder: no error, still a folder.
      ensureDataDir(dir);
      expect(statSync(dir).isDirectory()).toBe(true);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });

  test("a path under a file is a one-line ConfigError naming the folder", () => {
    const base = mkdtempSync(path.join(os.tmpdir(), "dripaudit-unit-"));
    try {
      writeFileSync(path.join(base, "file"), "");
      const dir = path.join(base, "file", "data");
      expect(configErrorMessage(() => ensureDataDir(dir))).toBe(`Cannot use the data folder ${dir} (ENOTDIR) — set DRIPAUDIT_DATA_DIR to a writable folder.`);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
