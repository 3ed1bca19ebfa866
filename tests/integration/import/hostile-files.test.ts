/**
 * Hostile and huge files (issue 11): each reproduction of the audit, end to end through runImport.
 * - one bad SVC in a one-line 835 stores only that segment as its raw row (not 4,000 characters of
 *   the file with other patients' names and member ids);
 * - a claims CSV with 300,000 bad rows gives row errors (no "Maximum call stack size exceeded"),
 *   stores the first MAX_STORED_ISSUES with the total counted;
 * - a bare CR inside a quoted field: the error's line and its raw row agree;
 * - a 40 MB 835 imports in a child process limited to a 256 MB heap (it needed ~720 MB of heap).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type Db, type DatabaseTarget } from "@/lib/db";
import { runImport, MAX_STORED_ISSUES, type RunImportInput } from "@/lib/import/run-import";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import { build835, BASIC_BODY } from "@/tests/unit/import/x12/build-835";

const providers = await resolveTestProviders();
const SECRET = "integration-secret-0123456789abcdef0123456789";
const CHILD = path.resolve("tests/integration/import/import-835-child.ts");

/** An 835 of about `megabytes` MB: claims of two infusion lines each, one line, `~` terminators. */
function big835(megabytes: number): string {
  const body = ["BPR*I*0.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20250310", "TRN*1*T*1", "N1*PR*ACME"];
  let size = 0;
  for (let i = 1; size < megabytes * 2 ** 20; i++) {
    for (const s of [
      `CLP*C${i}*1*800.00*500.00*100.00*12*PCN${i}*11*1`, `NM1*QC*1*DOE${i}*JANE****MI*M${i}`, "DTM*232*20250301",
      "SVC*HC:96413:59*600.00*400.00**1", "DTM*472*20250301", "CAS*CO*45*150.00", "CAS*PR*2*50.00", `REF*6R*L${i}`, "AMT*B6*450.00",
      "SVC*HC:96415*200.00*100.00**1", "CAS*CO*45*40.00*1*253*10.00", "CAS*PR*1*50.00",
    ]) {
      body.push(s);
      size += s.length + 1;
    }
  }
  return build835(body);
}

describe.each(providers)("hostile files on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let target: DatabaseTarget;
  let dir: string;

  beforeAll(async () => {
    testDb = await create();
    target = testDb.target;
    await migrateDeploy(target);
    db = createPrismaClient(target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-hostile-it-"));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let orgCounter = 0;
  async function newOrganization(): Promise<string> {
    orgCounter++;
    const org = await db.organization.create({ data: { name: `Hostile ${orgCounter}`, slug: `hostile-${name}-${orgCounter}`, timeZone: "America/New_York" } });
    return org.id;
  }
  function file(fileName: string, text: string): string {
    const full = path.join(dir, fileName);
    writeFileSync(full, text);
    return full;
  }
  function run(organizationId: string, filePath: string, extra: Partial<RunImportInput> = {}) {
    return runImport({ organizationId, filePath, fileName: path.basename(filePath), database: { db, target }, patientKeySecret: SECRET, patientIdKey: Buffer.alloc(32, 7), analyze: false, ...extra });
  }

  test("one bad SVC in a one-line 835 stores only that segment as its raw row", async () => {
    const org = await newOrganization();
    const others = Array.from({ length: 40 }, (_, i) => [
      `CLP*X${i}*1*100.00*100.00**12*PCNX${i}*11*1`, `NM1*QC*1*OTHERPATIENT${i}*ANNA****MI*MEMBER${i}`, "DTM*232*20250301", "SVC*HC:96365*100.00*100.00**1",
    ]).flat();
    const body = [...BASIC_BODY.slice(0, 6), ...others, "CLP*C9*1*100.00*0.00**12*PCN9*11*1", "NM1*QC*1*DOE*JOHN****MI*P9", "DTM*232*20250301", "SVC*HC*100.00*0.00**1", "LX*2"];
    const outcome = await run(org, file("bad-svc.835", build835(body)));
    expect(outcome.status).toBe("succeeded");
    const rows = await db.importError.findMany({ where: { importBatchId: outcome.batchId!, severity: "error" } });
    const svc = rows.find((r) => r.code === "SVC_WITHOUT_CODE");
    expect(svc?.rawRow).toBe("SVC*HC*100.00*0.00**1~");
    for (const row of rows) {
      expect(row.rawRow ?? "").not.toMatch(/OTHERPATIENT|MEMBER/);
      expect((row.rawRow ?? "").length).toBeLessThan(200);
    }
  });

  test("300,000 bad rows: row errors, the first ones stored, the total counted", async () => {
    const org = await newOrganization();
    const header = "claim_id,patient_id,date_of_service,payer,cpt,units,billed_amount,allowed_amount,paid_amount\n";
    const bad = Array.from({ length: 300_000 }, (_, i) => `C${i},P${i},2025-03-04,Acme,96413,1,${"x".repeat(i === 5 ? 500 : 3)},1.00,1.00\n`);
    const outcome = await run(org, file("bad-rows.csv", header + bad.join("")));
    expect(outcome.message).not.toMatch(/call stack/i);
    expect(outcome.status).toBe("succeeded");
    expect(outcome.counts.rowsFailed).toBe(300_000);
    expect(outcome.issues?.total).toBeGreaterThanOrEqual(300_000);
    const errors = await db.importError.count({ where: { importBatchId: outcome.batchId!, severity: "error" } });
    expect(errors).toBe(MAX_STORED_ISSUES);
    const note = await db.importError.findFirst({ where: { importBatchId: outcome.batchId!, code: "ISSUES_NOT_STORED" } });
    expect(note?.message).toMatch(/290,000 more row errors not stored/);
    // A value quoted in a message is cut to ~100 characters.
    const long = await db.importError.findFirst({ where: { importBatchId: outcome.batchId!, line: 7 } });
    expect(long?.message).toContain("…");
    expect(long!.message.length).toBeLessThan(250);
    expect(long?.rawRow).toContain("C5,P5");
  }, 120_000);

  test("a bare CR inside a quoted field: the error's line and its raw row agree", async () => {
    const org = await newOrganization();
    const text =
      "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site\n" +
      'E1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:05,2025-03-04 11:05,"left\rarm"\n' +
      "E2,P2,Saline,J7050,hydration,teleport,2025-03-04 09:05,2025-03-04 10:05,L\n";
    const outcome = await run(org, file("cr.csv", text), { kind: "sessions" });
    expect(outcome.status).toBe("succeeded");
    const error = await db.importError.findFirst({ where: { importBatchId: outcome.batchId!, severity: "error" } });
    expect(error?.line).toBe(4);
    expect(error?.rawRow).toMatch(/^E2,P2,Saline/);
  });

  test.runIf(name === "sqlite")(
    "a 40 MB 835 imports within a 256 MB heap",
    async () => {
      const org = await newOrganization();
      const big = file("big.835", big835(40));
      const child = spawn(process.execPath, ["--max-old-space-size=256", "--import", "tsx", CHILD, testDb.databaseUrl, org, big], {
        cwd: process.cwd(),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += String(d)));
      child.stderr.on("data", (d) => (stderr += String(d)));
      const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
      expect(stderr).not.toMatch(/heap out of memory/i);
      expect(code).toBe(0);
      const result = JSON.parse(stdout.trim().split("\n").pop()!) as { outcome: { status: string; counts: { claimLines: number } }; peakHeapMB: number };
      expect(result.outcome.status).toBe("succeeded");
      expect(result.outcome.counts.claimLines).toBeGreaterThan(250_000);
      expect(result.peakHeapMB).toBeLessThan(256);
    },
    180_000,
  );
});
