/**
 * The import pipeline end to end (runImport → raw-SQL writers → database), once per provider:
 * counts and rows, idempotent re-import, supersede rules, row errors with line and raw row,
 * file-level failures that write nothing, cancellation, recovery of interrupted batches, saved
 * column mappings, and the read functions behind the Imports screen.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ENGINE_VERSION } from "@/lib/coding/index";
import { createPrismaClient, type Db, type DatabaseTarget } from "@/lib/db";
import {
  getImportBatch,
  INTERRUPTED_MESSAGE,
  listImportBatches,
  listImportErrors,
  streamImportErrorsCsv,
} from "@/lib/db/import";
import { runImport, type ImportProgress, type RunImportInput } from "@/lib/import/run-import";
import { openPatientId } from "@/lib/security/patient-id-seal";
import { patientKey } from "@/lib/security/patient-key";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { writeSessionsCsv } from "@/tests/bench/import-generate-sessions";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();
const FIXTURES = path.resolve("tests/fixtures");
const SECRET = "integration-secret-0123456789abcdef0123456789";

const SESSIONS_HEADER = "encounter_id,patient_id,drug,hcpcs,category,route,start,stop,iv_site,nurse,payer";

describe.each(providers)("runImport on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let target: DatabaseTarget;
  let dir: string;

  beforeAll(async () => {
    testDb = await create();
    target = testDb.target;
    await migrateDeploy(target);
    db = createPrismaClient(target);
    dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-import-it-"));
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let orgCounter = 0;
  async function newOrganization(): Promise<string> {
    orgCounter++;
    const org = await db.organization.create({ data: { name: `Clinic ${orgCounter}`, slug: `clinic-${name}-${orgCounter}`, timeZone: "America/New_York" } });
    return org.id;
  }

  function file(fileName: string, text: string): string {
    const full = path.join(dir, fileName);
    writeFileSync(full, text);
    return full;
  }

  // The analysis after an import is covered by the analysis suite; here it would only hold the
  // SQLite write lock while the next test writes.
  function run(organizationId: string, filePath: string, extra: Partial<RunImportInput> = {}) {
    return runImport({ organizationId, filePath, fileName: path.basename(filePath), database: { db, target }, patientKeySecret: SECRET, patientIdKey: Buffer.alloc(32, 7), analyze: false, ...extra });
  }

  async function snapshot(organizationId: string) {
    const where = { organizationId };
    return {
      encounters: await db.encounter.count({ where }),
      administrations: await db.administration.count({ where }),
      codedLines: await db.codedLine.count({ where }),
      claimLines: await db.claimLine.count({ where }),
      adjustments: await db.claimAdjustment.count({ where }),
      remarks: await db.claimRemark.count({ where }),
      importErrors: await db.importError.count({ where }),
    };
  }

  test("a sessions file becomes encounters, administrations and coded lines stamped with the engine version", async () => {
    const org = await newOrganization();
    const source = path.join(FIXTURES, "sessions/interval-basic.csv");
    const phases: ImportProgress["phase"][] = [];
    const outcome = await run(org, source, { onProgress: (p) => phases.push(p.phase) });

    expect(outcome).toMatchObject({ status: "succeeded", kind: "sessions", fileName: "interval-basic.csv" });
    expect(outcome.counts).toMatchObject({ rowsTotal: 4, rowsImported: 4, rowsFailed: 0, encounters: 2, administrations: 4, superseded: 0 });
    expect(outcome.counts.codedLines).toBeGreaterThan(0);
    expect(outcome.message).toMatch(/^Imported 4 rows of sessions from interval-basic\.csv/);
    expect(phases[0]).toBe("hashing");
    expect(phases).toContain("recoding");
    expect(phases.at(-1)).toBe("done");

    const encounters = await db.encounter.findMany({ where: { organizationId: org }, orderBy: { externalEncounterId: "asc" } });
    const opened = (sealed: string | null) => (sealed === null ? null : openPatientId(Buffer.alloc(32, 7), org, sealed));
    expect(encounters.map((e) => [e.externalEncounterId, opened(e.patientIdSealed), e.dateOfService, e.weekStart, e.payer, e.importBatchId])).toEqual([
      ["E1", "P001", "2025-03-04", "2025-03-03", "Medicare", outcome.batchId],
      ["E2", "P002", "2025-03-04", "2025-03-03", "Aetna", outcome.batchId],
    ]);
    expect(encounters[0]!.patientKey).toBe(patientKey(SECRET, org, "P001"));
    expect(encounters[0]!.patientKey).not.toContain("P001");
    expect(encounters[0]!.patientIdSealed).toMatch(/^pid1:/);
    expect(encounters[0]!.patientIdSealed).not.toContain("P001");

    const administrations = await db.administration.findMany({ where: { organizationId: org }, orderBy: { sourceLine: "asc" } });
    expect(administrations).toHaveLength(4);
    expect(administrations[0]).toMatchObject({ drug: "Oxaliplatin", hcpcs: "J9263", category: "chemo", route: "iv_infusion", startLocal: "2025-03-04T09:00", sourceLine: 2, primaryReason: false });
    expect(administrations[0]!.startAt.toISOString()).toBe("2025-03-04T14:00:00.000Z"); // 09:00 EST
    expect(administrations[3]).toMatchObject({ drug: "Iron sucrose", stopAt: null, stopLocal: null, category: "therapeutic" });

    const coded = await db.codedLine.findMany({ where: { organizationId: org } });
    expect(coded.length).toBe(outcome.counts.codedLines);
    expect(new Set(coded.map((c) => c.engineVersion))).toEqual(new Set([ENGINE_VERSION]));
    const administrationIds = new Set(administrations.map((a) => String(a.id)));
    for (const line of coded) for (const id of line.administrationIds.split(",")) expect(administrationIds.has(id)).toBe(true);
    expect(coded.find((c) => c.code === "96413")).toMatchObject({ units: 1, dateOfService: "2025-03-04", weekStart: "2025-03-03", position: 0 });

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: outcome.batchId! } });
    expect(batch).toMatchObject({ status: "succeeded", kind: "sessions", rowsTotal: 4, rowsImported: 4, rowsFailed: 0, failureMessage: null });
    expect(batch.contentHash).toBe(createHash("sha256").update(readFileSync(source)).digest("hex"));
    expect(batch.finishedAt).toBeInstanceOf(Date);
    const audit = await db.auditEvent.findFirst({ where: { organizationId: org, action: "import.created", subjectId: String(batch.id) } });
    expect(audit?.subjectType).toBe("ImportBatch");
  });

  test("re-importing the same file changes nothing and says so", async () => {
    const org = await newOrganization();
    const source = path.join(FIXTURES, "sessions/interval-basic.csv");
    const first = await run(org, source);
    const before = await snapshot(org);
    const batches = await db.importBatch.count({ where: { organizationId: org } });

    const again = await run(org, source, { fileName: "renamed.csv" });
    expect(again.status).toBe("duplicate");
    expect(again.batchId).toBe(first.batchId);
    expect(again.message).toMatch(new RegExp(`^Already imported on \\d{4}-\\d{2}-\\d{2} \\(batch ${first.batchId}\\): nothing changed\\.$`));
    expect(await snapshot(org)).toEqual(before);
    expect(await db.importBatch.count({ where: { organizationId: org } })).toBe(batches);
  });

  test("a corrected re-export replaces the encounters it names, with their administrations, coded lines and findings", async () => {
    const org = await newOrganization();
    const v1 = file(
      `v1-${name}.csv`,
      [
        SESSIONS_HEADER,
        "E1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:00,2025-03-04 10:00,Port,RN A,Medicare",
        "E1,P1,Normal saline,J7050,hydration,IV,2025-03-04 10:00,2025-03-04 10:45,Port,RN A,Medicare",
        "E2,P2,Ondansetron,J2405,therapeutic,IV Push,2025-03-05 11:00,2025-03-05 11:05,Hand,RN B,Aetna",
      ].join("\n"),
    );
    const first = await run(org, v1);
    expect(first.status).toBe("succeeded");
    const e1 = await db.encounter.findFirstOrThrow({ where: { organizationId: org, externalEncounterId: "E1" } });
    const e2 = await db.encounter.findFirstOrThrow({ where: { organizationId: org, externalEncounterId: "E2" } });
    await db.finding.create({
      data: { organizationId: org, encounterId: e1.id, kind: "missed_addon_hours", cause: "coding", valueSource: "reference", explanation: "x", dateOfService: "2025-03-04", weekStart: "2025-03-03" },
    });

    const v2 = file(
      `v2-${name}.csv`,
      [
        SESSIONS_HEADER,
        "E1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:00,2025-03-04 12:30,Port,RN A,Medicare",
        "E3,P3,Rituximab,J9312,chemo,IV,2025-03-06 09:00,2025-03-06 11:00,Port,RN C,Medicare",
      ].join("\n"),
    );
    const second = await run(org, v2);
    expect(second).toMatchObject({ status: "succeeded", counts: { encounters: 2, administrations: 2, superseded: 1 } });
    expect(second.message).toContain("replaced 1 earlier encounter");

    const encounters = await db.encounter.findMany({ where: { organizationId: org }, orderBy: { externalEncounterId: "asc" } });
    expect(encounters.map((e) => e.externalEncounterId)).toEqual(["E1", "E2", "E3"]);
    expect(encounters[1]!.id).toBe(e2.id); // untouched
    const newE1 = encounters[0]!;
    expect(newE1.id).not.toBe(e1.id);
    expect(newE1.importBatchId).toBe(second.batchId);
    const administrations = await db.administration.findMany({ where: { organizationId: org, encounterId: newE1.id } });
    expect(administrations.map((a) => [a.drug, a.stopLocal])).toEqual([["Oxaliplatin", "2025-03-04T12:30"]]);
    expect(await db.administration.count({ where: { organizationId: org, encounterId: e1.id } })).toBe(0);
    expect(await db.codedLine.count({ where: { encounterId: e1.id } })).toBe(0);
    expect(await db.finding.count({ where: { organizationId: org } })).toBe(0);
    const coded = await db.codedLine.findMany({ where: { encounterId: newE1.id }, orderBy: { position: "asc" } });
    expect(coded.map((c) => [c.code, c.units])).toEqual([["96413", 1], ["96415", 2]]); // 3 h 30 min
    expect(await db.administration.count({ where: { organizationId: org } })).toBe(3);
  });

  test("claims CSV: lines with adjustments and remarks; a later CSV replaces the same payer + claim id", async () => {
    const org = await newOrganization();
    const outcome = await run(org, path.join(FIXTURES, "claims/claims-basic.csv"));
    expect(outcome).toMatchObject({ status: "succeeded", kind: "claims", counts: { claimLines: 5, rowsFailed: 0 } });
    const lines = await db.claimLine.findMany({ where: { organizationId: org }, include: { adjustments: { orderBy: { id: "asc" } }, remarks: true }, orderBy: { id: "asc" } });
    expect(lines[0]).toMatchObject({ claimId: "C1001", payer: "Acme Health", code: "96413", billedCents: 45_000, allowedCents: 30_000, paidCents: 24_000, status: "paid", claimVersion: 1, externalEncounterId: "E501", dateOfService: "2025-03-04", weekStart: "2025-03-03", paidDate: "2025-03-20", sourceLine: 2 });
    expect(lines[0]!.patientKey).toBe(patientKey(SECRET, org, "P001"));
    expect(openPatientId(Buffer.alloc(32, 7), org, lines[0]!.patientIdSealed ?? "")).toBe("P001");
    expect(lines[0]!.adjustments.map((a) => [a.group, a.reason, a.amountCents])).toEqual([["CO", "45", 15_000], ["PR", "2", 6_000]]);
    expect(lines[2]).toMatchObject({ code: "96367", modifiers: "59,XU", status: "denied" });
    expect(lines[2]!.remarks.map((r) => r.code)).toEqual(["M15"]);

    const corrected = file(
      `claims-corrected-${name}.csv`,
      "claim_id,patient_id,date_of_service,payer,cpt,units,billed_amount,allowed_amount,paid_amount,adjustment_codes,claim_frequency\n" +
        "C1001,P001,2025-03-04,Acme Health,96413,1,450.00,300.00,250.00,CO-45:150.00,7\n",
    );
    const second = await run(org, corrected);
    expect(second).toMatchObject({ status: "succeeded", counts: { claimLines: 1, superseded: 3 } });
    const after = await db.claimLine.findMany({ where: { organizationId: org }, orderBy: { id: "asc" } });
    expect(after.filter((l) => l.claimId === "C1001").map((l) => [l.code, l.paidCents, l.claimFrequency])).toEqual([["96413", 25_000, "7"]]);
    expect(after.filter((l) => l.claimId === "C1002")).toHaveLength(2);
    expect(await db.claimAdjustment.count({ where: { organizationId: org } })).toBe(1 + 4);
  });

  test("835 remittances are appended as new claim versions; the same 835 again is a duplicate", async () => {
    const org = await newOrganization();
    const remit = path.join(FIXTURES, "x12-835/linuxforhealth-x12/managed-care.835");
    const first = await run(org, remit);
    expect(first).toMatchObject({ status: "succeeded", kind: "remittance_835" });
    expect(first.counts.claimLines).toBeGreaterThan(0);
    const lines = await db.claimLine.findMany({ where: { organizationId: org } });
    expect(lines).toHaveLength(first.counts.claimLines);
    expect(new Set(lines.map((l) => l.claimVersion))).toEqual(new Set([1]));

    expect((await run(org, remit)).status).toBe("duplicate");

    // The same remittance sent again in a new file (other bytes): appended as version 2.
    const resent = path.join(dir, `resent-${name}.835`);
    writeFileSync(resent, `${readFileSync(remit, "utf8")}\n`);
    const second = await run(org, resent);
    expect(second).toMatchObject({ status: "succeeded", counts: { superseded: 0 } });
    const all = await db.claimLine.findMany({ where: { organizationId: org } });
    expect(all).toHaveLength(2 * first.counts.claimLines);
    expect(all.filter((l) => l.importBatchId === second.batchId).every((l) => l.claimVersion === 2)).toBe(true);
  });

  test("bad rows become row errors with line, column and raw row; the good rows are kept", async () => {
    const org = await newOrganization();
    const sessions = file(
      `bad-rows-${name}.csv`,
      [
        SESSIONS_HEADER,
        "E1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:00,2025-03-04 10:00,Port,RN A,Medicare",
        "E2,P2,Oxaliplatin,J9263,chemo,IV,2025-13-45 09:00,2025-03-04 10:00,Port,RN A,Medicare",
        "E3,P3,Oxaliplatin,J9263,chemo,IV,2025-03-04 11:00,2025-03-04 10:00,Port,RN A,Medicare",
        "E4,P4,Ondansetron,J2405,therapeutic,IV Push,2025-03-04 09:00,2025-03-04 09:03,Hand,RN B,Aetna",
      ].join("\n"),
    );
    const outcome = await run(org, sessions);
    expect(outcome).toMatchObject({ status: "succeeded", counts: { rowsTotal: 4, rowsImported: 2, rowsFailed: 2, encounters: 2 } });
    expect(outcome.message).toContain("2 rows had errors and were skipped");
    const errors = await db.importError.findMany({ where: { importBatchId: outcome.batchId!, severity: "error" }, orderBy: { line: "asc" } });
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, "start", "BAD_DATE"],
      [4, "stop", "STOP_BEFORE_START"],
    ]);
    expect(errors[0]!.rawRow).toBe("E2,P2,Oxaliplatin,J9263,chemo,IV,2025-13-45 09:00,2025-03-04 10:00,Port,RN A,Medicare");
    expect(errors[0]!.message).toMatch(/2025-13-45/);
    expect((await db.encounter.findMany({ where: { organizationId: org } })).map((e) => e.externalEncounterId).sort()).toEqual(["E1", "E4"]);

    const claims = file(
      `bad-units-${name}.csv`,
      "claim_id,patient_id,date_of_service,payer,cpt,units,billed_amount,paid_amount\n" +
        "C1,P1,2025-03-04,Acme,96413,1,100.00,80.00\n" +
        "C2,P1,2025-03-04,Acme,96415,two,50.00,40.00\n",
    );
    const claimsOutcome = await run(org, claims);
    expect(claimsOutcome).toMatchObject({ status: "succeeded", counts: { rowsTotal: 2, rowsImported: 1, rowsFailed: 1, claimLines: 1 } });
    const claimErrors = await db.importError.findMany({ where: { importBatchId: claimsOutcome.batchId! } });
    expect(claimErrors.map((e) => [e.line, e.column, e.code, e.rawRow])).toEqual([[3, "units", "BAD_NUMBER", "C2,P1,2025-03-04,Acme,96415,two,50.00,40.00"]]);
  });

  test("file-level problems fail the batch with one line and write no data", async () => {
    const org = await newOrganization();
    const before = await snapshot(org);

    const missing = await run(org, path.join(FIXTURES, "sessions/missing-columns.csv"));
    expect(missing).toMatchObject({
      status: "needs_mapping",
      kind: "sessions",
      missingColumns: { headers: ["encounter_id", "drug", "start"], unmapped: ["patient_id", "route"], kind: "sessions" },
    });
    expect(missing.message).toBe("missing-columns.csv is missing required sessions column(s): patient_id, route. Map them to the file's headers and import again.");

    const truncated = path.join(dir, `truncated-${name}.835`);
    writeFileSync(truncated, readFileSync(path.join(FIXTURES, "x12-835/linuxforhealth-x12/managed-care.835")).subarray(0, 700));
    const binary = file(`binary-${name}.csv`, "\u0000\u0001PK\u0003\u0004 not text");
    const empty = path.join(FIXTURES, "sessions/empty.csv");
    const headerOnly = file(`header-only-${name}.csv`, `${SESSIONS_HEADER}\n`);

    const outcomes = [await run(org, truncated), await run(org, binary), await run(org, empty), await run(org, headerOnly)];
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(outcomes[0]!.message).toMatch(/truncated/);
    expect(outcomes[1]!.message).toMatch(/is not a text file/);
    expect(outcomes[2]!.message).toBe("empty.csv is empty: there is nothing to import.");
    expect(outcomes[3]!.message).toMatch(/no data rows/);
    for (const o of [missing, ...outcomes]) {
      expect(o.message).not.toContain("\n");
      const batch = await db.importBatch.findUniqueOrThrow({ where: { id: o.batchId! } });
      expect(batch.status).toBe("failed");
      expect(batch.failureMessage).toBeTruthy();
    }
    expect(await snapshot(org)).toEqual(before);

    const nowhere = await run(org, path.join(dir, "does-not-exist.csv"));
    expect(nowhere).toMatchObject({ status: "failed", batchId: null, message: "Cannot read does-not-exist.csv: no such file." });
  });

  test("an import aborted mid-way leaves the database as before", async () => {
    const org = await newOrganization();
    const big = path.join(dir, `big-${name}.csv`);
    writeSessionsCsv(big, 30_000);
    const before = await snapshot(org);
    const controller = new AbortController();
    const outcome = await run(org, big, {
      signal: controller.signal,
      chunkRows: 500,
      onProgress: (p) => {
        if (p.phase === "recoding") controller.abort();
      },
    });
    expect(outcome.status).toBe("failed");
    expect(outcome.message).toBe("Cancelled: the import was stopped before it finished; nothing from it was saved.");
    expect(await snapshot(org)).toEqual(before);
    expect((await db.importBatch.findUniqueOrThrow({ where: { id: outcome.batchId! } })).status).toBe("failed");

    // The same file imports fine afterwards (a failed batch is not a duplicate).
    const again = await run(org, big);
    expect(again.status).toBe("succeeded");
    expect(again.counts.administrations).toBeGreaterThanOrEqual(30_000);
  });

  test("progress reports bytes read and rows written while a large file imports, never going backwards", async () => {
    const org = await newOrganization();
    const big = path.join(dir, `progress-${name}.csv`);
    writeSessionsCsv(big, 20_000);
    const reports: ImportProgress[] = [];
    const outcome = await run(org, big, { onProgress: (p) => reports.push({ ...p }) });
    expect(outcome.status).toBe("succeeded");
    const running = reports.filter((p) => p.phase === "parsing" || p.phase === "recoding");
    const total = reports[0]!.bytesTotal;
    expect(running.some((p) => p.bytesRead > 0 && p.bytesRead < total)).toBe(true);
    expect(reports.some((p) => p.phase === "recoding" && p.rowsWritten > 0)).toBe(true);
    const written = reports.map((p) => p.rowsWritten);
    for (let i = 1; i < written.length; i++) expect(written[i]).toBeGreaterThanOrEqual(written[i - 1]!);
    expect(reports.at(-1)).toMatchObject({ phase: "done", bytesRead: total });
  });

  test("a batch left running by a dead process is marked failed (interrupted) on the next import", async () => {
    const org = await newOrganization();
    const stale = await db.importBatch.create({
      data: { organizationId: org, fileName: "stale.csv", kind: "sessions", contentHash: "f".repeat(64), status: "running", startedAt: new Date() },
    });
    await db.auditEvent.create({
      data: { organizationId: org, action: "import.created", subjectType: "ImportBatch", subjectId: String(stale.id), detail: { pid: 2 ** 22 + 17, host: os.hostname() } },
    });
    const outcome = await run(org, path.join(FIXTURES, "sessions/interval-basic.csv"));
    expect(outcome.status).toBe("succeeded");
    expect(await db.importBatch.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({ status: "failed", failureMessage: INTERRUPTED_MESSAGE });
  });

  test("a column mapping is saved per source and reused", async () => {
    const org = await newOrganization();
    const header = "Ticket,Person,Medicine Given,How,Began At,Ended At";
    const first = file(`mapped-1-${name}.csv`, `${header}\nT1,P1,Oxaliplatin,IV,2025-03-04 09:00,2025-03-04 10:00\n`);
    const needs = await run(org, first, { sourceName: "Acme EHR" });
    expect(needs.status).toBe("needs_mapping");
    expect(needs.missingColumns?.headers).toEqual(header.split(","));

    const mapping = { encounter_id: "Ticket", patient_id: "Person", drug: "Medicine Given", route: "How", start: "Began At", stop: "Ended At" };
    const mapped = await run(org, first, { sourceName: "Acme EHR", mapping, kind: "sessions" });
    expect(mapped).toMatchObject({ status: "succeeded", kind: "sessions", counts: { encounters: 1 } });
    const saved = await db.columnMapping.findFirstOrThrow({ where: { organizationId: org, sourceName: "Acme EHR", kind: "sessions" } });
    expect(saved.mapping).toEqual(mapping);

    const second = file(`mapped-2-${name}.csv`, `${header}\nT2,P2,Rituximab,IV,2025-03-05 09:00,2025-03-05 11:00\n`);
    const reused = await run(org, second, { sourceName: "Acme EHR" });
    expect(reused).toMatchObject({ status: "succeeded", kind: "sessions", counts: { encounters: 1 } });
    expect((await db.encounter.findMany({ where: { organizationId: org } })).map((e) => e.externalEncounterId).sort()).toEqual(["T1", "T2"]);
  });

  test("the read functions list batches and row errors of one organization only", async () => {
    const org = await newOrganization();
    const other = await newOrganization();
    const ok = await run(org, path.join(FIXTURES, "claims/claims-bad-rows.csv"));
    const failed = await run(org, path.join(FIXTURES, "sessions/empty.csv"));
    expect(ok.status).toBe("succeeded");

    const batches = await listImportBatches(org, { limit: 10 }, db);
    expect(batches.map((b) => [b.id, b.status])).toEqual([
      [failed.batchId, "failed"],
      [ok.batchId, "succeeded"],
    ]);
    expect(await getImportBatch(org, ok.batchId!, db)).toMatchObject({ id: ok.batchId, fileName: "claims-bad-rows.csv", rowsFailed: ok.counts.rowsFailed });
    expect(await getImportBatch(other, ok.batchId!, db)).toBeNull();
    expect(await listImportBatches(other, {}, db)).toEqual([]);

    const all = await listImportErrors(org, ok.batchId!, { offset: 0, limit: 100 }, db);
    expect(all.total).toBeGreaterThan(0);
    expect(all.rows.map((r) => r.line)).toEqual([...all.rows.map((r) => r.line)].sort((a, b) => a - b));
    const dates = await listImportErrors(org, ok.batchId!, { code: "BAD_DATE", offset: 0, limit: 100 }, db);
    expect(dates.rows.every((r) => r.code === "BAD_DATE")).toBe(true);
    expect(dates.total).toBe(dates.rows.length);
    expect((await listImportErrors(other, ok.batchId!, {}, db)).total).toBe(0);

    let csv = "";
    for await (const chunk of streamImportErrorsCsv(org, ok.batchId!, {}, db)) csv += chunk;
    const csvLines = csv.trim().split("\r\n");
    expect(csvLines[0]).toBe("line,column,code,severity,message,raw_row");
    expect(csvLines).toHaveLength(1 + all.total);
  });

  test("a sessions file not grouped by encounter is still imported whole", async () => {
    const org = await newOrganization();
    const scattered = file(
      `scattered-${name}.csv`,
      [
        SESSIONS_HEADER,
        "E1,P1,Oxaliplatin,J9263,chemo,IV,2025-03-04 09:00,2025-03-04 10:00,Port,RN A,Medicare",
        "E2,P2,Ondansetron,J2405,therapeutic,IV Push,2025-03-05 11:00,2025-03-05 11:05,Hand,RN B,Aetna",
        "E1,P1,Normal saline,J7050,hydration,IV,2025-03-04 10:00,2025-03-04 10:45,Port,RN A,Medicare",
      ].join("\n"),
    );
    const outcome = await run(org, scattered, { chunkRows: 1 });
    expect(outcome).toMatchObject({ status: "succeeded", counts: { encounters: 2, administrations: 3 } });
    const e1 = await db.encounter.findFirstOrThrow({ where: { organizationId: org, externalEncounterId: "E1" }, include: { administrations: true } });
    expect(e1.administrations.map((a) => a.drug).sort()).toEqual(["Normal saline", "Oxaliplatin"]);
  });

  test("a copied fixture with another name is still the same file", async () => {
    const org = await newOrganization();
    const copy = path.join(dir, `copy-${name}.csv`);
    copyFileSync(path.join(FIXTURES, "claims/claims-basic.csv"), copy);
    expect((await run(org, path.join(FIXTURES, "claims/claims-basic.csv"))).status).toBe("succeeded");
    expect((await run(org, copy)).status).toBe("duplicate");
  });

  test("fee schedules and drug catalogs replace rows with the same key; the catalog feeds the engine", async () => {
    const org = await newOrganization();
    const fees = file(`fees-${name}.csv`, "payer,cpt,rate,effective_from\nMedicare,96413,150.00,2025-01-01\n*,96415,$32.10,2025-01-01\n");
    const first = await run(org, fees);
    expect(first).toMatchObject({ status: "succeeded", kind: "fee_schedule", counts: { rowsImported: 2 } });
    const fees2 = file(`fees2-${name}.csv`, "payer,cpt,rate,effective_from\nMedicare,96413,155.00,2025-01-01\n");
    expect(await run(org, fees2)).toMatchObject({ status: "succeeded", counts: { superseded: 1 } });
    const rates = await db.feeScheduleRate.findMany({ where: { organizationId: org }, orderBy: { code: "asc" } });
    expect(rates.map((r) => [r.payer, r.code, r.rateCents, r.effectiveFrom, r.effectiveTo])).toEqual([
      ["Medicare", "96413", 15_500, "2025-01-01", null],
      ["*", "96415", 3_210, "2025-01-01", null],
    ]);

    const catalog = file(`catalog-${name}.csv`, "hcpcs,drug,category\nJ3490,Mystery biologic,chemo\n");
    expect(await run(org, catalog)).toMatchObject({ status: "succeeded", kind: "drug_catalog" });
    expect(await db.drugCatalogEntry.findMany({ where: { organizationId: org }, select: { hcpcs: true, drug: true, category: true } })).toEqual([
      { hcpcs: "J3490", drug: "mystery biologic", category: "chemo" },
    ]);
    const sessions = file(`catalog-sessions-${name}.csv`, `${SESSIONS_HEADER}\nE1,P1,Mystery biologic,J3490,,IV,2025-03-04 09:00,2025-03-04 10:30,Port,RN A,Medicare\n`);
    expect((await run(org, sessions)).status).toBe("succeeded");
    expect(await db.administration.findFirst({ where: { organizationId: org }, select: { category: true } })).toEqual({ category: "chemo" });
    expect((await db.codedLine.findMany({ where: { organizationId: org } })).map((c) => c.code)).toContain("96413");
  });
});
