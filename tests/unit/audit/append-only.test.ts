import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import * as auditEvents from "@/lib/db/audit-events";

const ROOT = path.resolve(__dirname, "../../..");
const SOURCE_DIRS = ["lib", "app"];
const SKIPPED_DIRS = new Set(["generated", "node_modules"]);

/** Every way to change or remove an audit row: Prisma's writers on auditEvent and raw SQL on "AuditEvent". */
const FORBIDDEN = [
  /\bauditEvent\s*\.\s*(update|updateMany|updateManyAndReturn|delete|deleteMany|upsert)\b/,
  /\bUPDATE\s+(?:ONLY\s+)?["'`]?AuditEvent\b/i,
  /\bDELETE\s+FROM\s+(?:ONLY\s+)?["'`]?AuditEvent\b/i,
  /\bTRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?[^;]*["'`]?AuditEvent\b/i,
  /\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?["'`]?AuditEvent\b/i,
];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIPPED_DIRS.has(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|mjs|js|cjs|sql)$/.test(name)) files.push(full);
  }

  return files;
}

function offendingLines(text: string): string[] {
  return text.split("\n").filter((line) => FORBIDDEN.some((pattern) => pattern.test(line)));
}

describe("the audit trail is append-only in code", () => {
  test("the check finds each kind of change it looks for", () => {
    const samples = [
      "await db.auditEvent.update({ where: { id } , data })",
      "await db.auditEvent.deleteMany({ where: { organizationId } })",
      "tx.auditEvent.upsert({",
      "db.auditEvent .delete({ where: { id: 1 } })",
      'await writer.execute(`UPDATE "AuditEvent" SET "detail"=NULL`)',
      'DELETE FROM "AuditEvent" WHERE "organizationId"=?',
      'TRUNCATE TABLE "Finding", "AuditEvent" CASCADE',
    ];
    for (const sample of samples) expect(offendingLines(sample), sample).toHaveLength(1);
    expect(offendingLines('INSERT INTO "AuditEvent" ("action") VALUES (?)')).toEqual([]);
    expect(offendingLines("await db.auditEvent.create({ data })")).toEqual([]);
  });

  test("no file in lib/ or app/ updates or deletes an audit event", () => {
    const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) => offendingLines(readFileSync(file, "utf8")).map((line) => `${path.relative(ROOT, file)}: ${line.trim()}`));
    expect(offenders).toEqual([]);
  });

  test("lib/db/audit-events.ts offers only recording and reading", () => {
    const names = Object.keys(auditEvents).filter((name) => typeof (auditEvents as Record<string, unknown>)[name] === "function");
    expect(names.sort()).toEqual(["isAuditActionName", "iterateAuditEvents", "listAuditEvents", "listAuditFilterChoices", "recordAuditEvent"]);
  });
});
