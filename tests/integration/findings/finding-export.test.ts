import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import {
  FINDING_SORT_KEYS,
  findClaimLineReasons,
  iterateFindings,
  iterateFindingsForExport,
  parseFindingListQuery,
  type TFindingExportRow,
} from "@/lib/db/findings";
import { exportSql } from "@/lib/db/findings/export-findings";
import { findingCsvLine } from "@/lib/export/finding-csv";
import { iterateFindingCsvBatches } from "@/lib/export/finding-csv-batches";
import { sealPatientId } from "@/lib/security/patient-id-seal";
import { createPatientLabeler } from "@/lib/security/patient-labels";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";
import Database from "better-sqlite3";

const providers = await resolveTestProviders();

const KINDS = [
  ["missed_addon_hours", "coding", "96415"],
  ["missing_stop_time", "documentation", "96366"],
  ["denied_line", "payer", "96413"],
  ["overcoded_units", "compliance", null],
] as const;
const PAYERS = ["Aetna", "Medicare", null, "Cigna"] as const;
const VERSION = 3;
const PATIENT_ID_KEY_HEX = "5e".repeat(32);
const PATIENT_ID_KEY = Buffer.from(PATIENT_ID_KEY_HEX, "hex");

/**
 * 90 findings of one organization with ties on every sort column, NULL payers and deadlines, claim
 * lines with several CARC/RARC codes; rows of other versions (not yet published, retired) and of
 * another organization that an export must never show.
 */
async function seed(db: Db, suffix: string) {
  const organization = await db.organization.create({ data: { name: "Export Practice", slug: `export-${suffix}`, analysisVersion: VERSION } });
  const other = await db.organization.create({ data: { name: "Other Practice", slug: `export-other-${suffix}`, analysisVersion: VERSION } });
  const encounterIds: number[] = [];
  const claimLineIds: number[] = [];
  for (let index = 0; index < 12; index++) {
    const dateOfService = `2025-03-${String(1 + (index % 6)).padStart(2, "0")}`;
    const encounter = await db.encounter.create({
      data: { organizationId: organization.id, externalEncounterId: `E${index}`, patientKey: `k${index}`,
        // Half the MRNs open with the test key; the others (damaged values) show the patient key.
        patientIdSealed: index % 2 ? sealPatientId(PATIENT_ID_KEY, organization.id, `MRN-${index}`) : `sealed-${index}`, dateOfService, weekStart: "2025-02-24" },
    });
    encounterIds.push(encounter.id);
    const line = await db.claimLine.create({
      data: {
        organizationId: organization.id, encounterId: encounter.id, claimId: `C${index}`, claimFrequency: "1", patientKey: `k${index}`, dateOfService, weekStart: "2025-02-24",
        payer: "Aetna", code: "96413", modifiers: "", billedUnits: 1, billedCents: 10_000, status: "denied",
        adjustments: { create: index % 3 === 0 ? [] : [{ organizationId: organization.id, group: "CO", reason: String(16 + index), amountCents: 100 }, { organizationId: organization.id, group: "PR", reason: "1", amountCents: 5 }] },
        remarks: { create: index % 2 === 0 ? [] : [{ organizationId: organization.id, code: `N${index}` }, { organizationId: organization.id, code: "M15" }] },
      },
    });
    claimLineIds.push(line.id);
  }
  const rows = Array.from({ length: 90 }, (_, index) => {
    const [kind, cause, code] = KINDS[index % 4]!;
    return {
      organizationId: organization.id,
      encounterId: index % 11 === 0 ? null : encounterIds[index % 12]!,
      claimLineId: index % 5 === 0 ? null : claimLineIds[index % 12]!,
      kind,
      cause,
      code,
      units: index % 3,
      valueCents: [15_000, 0, -2_500, 15_000, 7_000][index % 5]!,
      valueSource: "reference",
      isEstimate: cause === "documentation",
      explanation: `finding ${index}`,
      dateOfService: `2025-03-${String(1 + (index % 6)).padStart(2, "0")}`,
      weekStart: "2025-02-24",
      payer: PAYERS[(index >> 1) % 4] ?? null,
      site: index % 2 ? "North" : "South",
      nurse: index % 3 ? "RN A" : null,
      setting: "facility",
      claimId: `C${index % 12}`,
      filingDeadline: index % 7 === 0 ? null : index % 2 ? "2099-01-01" : "2025-06-01",
      analysisVersion: VERSION,
    };
  });
  await db.finding.createMany({ data: rows });
  // Not shown: written by a later version not yet published, retired at the published one, another organization's.
  await db.finding.createMany({
    data: [
      { ...rows[1]!, explanation: "unpublished", analysisVersion: VERSION + 1 },
      { ...rows[2]!, explanation: "retired", analysisVersion: 1, retiredInVersion: VERSION },
      { ...rows[3]!, organizationId: other.id, encounterId: null, claimLineId: null, explanation: "other organization" },
    ],
  });

  return { organizationId: organization.id };
}

async function collect(rows: AsyncGenerator<TFindingExportRow[]>): Promise<{ batches: number[]; rows: TFindingExportRow[] }> {
  const out: TFindingExportRow[] = [];
  const batches: number[] = [];
  for await (const batch of rows) {
    batches.push(batch.length);
    out.push(...batch);
  }
  return { batches, rows: out };
}

describe.each(providers)("findings CSV export rows on $name", ({ name, create }) => {
  let testDb: TTestDatabase;
  let db: Db;
  let organizationId: string;

  beforeAll(async () => {
    // The key that opens MRNs for roles that may identify patients (the app reads it from its data folder).
    vi.stubEnv("DRIPAUDIT_PATIENT_ID_KEY", PATIENT_ID_KEY_HEX);
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
    ({ organizationId } = await seed(db, name));
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    await db?.$disconnect();
    await testDb?.dispose();
  });

  const queries = [
    ...FINDING_SORT_KEYS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => ({ sort, dir }))),
    { sort: "value", dir: "desc", from: "2025-03-02", to: "2025-03-04" },
    { sort: "payer", dir: "asc", from: "2025-03-03" },
    { sort: "deadline", dir: "desc", cause: "payer", site: "South" },
    { sort: "date", dir: "asc", estimate: "yes", nurse: "RN A" },
    { sort: "kind", dir: "desc", kind: "denied_line", code: "96413", setting: "facility", payer: "Medicare" },
    { sort: "date", dir: "desc", estimate: "no", to: "2025-03-02" },
  ];

  test.each(queries)("%o: the same rows in the same order as the worklist, with each line's reasons", async (params) => {
    const { limit: _limit, ...query } = parseFindingListQuery(params);
    const exported = await collect(iterateFindingsForExport(db, testDb.target, organizationId, VERSION, query, { batchSize: 7 }));
    const listed = await collect(
      (async function* () {
        for await (const batch of iterateFindings(db, organizationId, VERSION, query, { batchSize: 1000 })) {
          const reasons = await findClaimLineReasons(db, organizationId, batch.flatMap((row) => (row.claimLineId === null ? [] : [row.claimLineId])));
          yield batch.map((row) => ({ ...row, reasons: row.claimLineId === null ? null : (reasons.get(row.claimLineId) ?? null) }));
        }
      })(),
    );

    expect(listed.rows.length).toBeGreaterThan(0);
    expect(exported.rows).toEqual(listed.rows);
    expect(exported.batches.every((size) => size <= 7)).toBe(true);
    expect(exported.rows.some((row) => ["unpublished", "retired", "other organization"].includes(row.explanation))).toBe(false);
  });

  test("every row of the published version, each claim line's CARC and RARC codes in stored order", async () => {
    const { limit: _limit, ...query } = parseFindingListQuery({ sort: "date", dir: "asc" });
    const { rows } = await collect(iterateFindingsForExport(db, testDb.target, organizationId, VERSION, query));
    expect(rows).toHaveLength(90);
    const withReasons = rows.find((row) => row.reasons?.remarks.length && row.reasons.adjustments.length);
    expect(withReasons?.reasons?.adjustments.map((a) => `${a.group}-${a.reason}`)).toEqual([expect.stringMatching(/^CO-\d+$/), "PR-1"]);
    expect(withReasons?.reasons?.remarks).toEqual([expect.stringMatching(/^N\d+$/), "M15"]);
    expect(rows.filter((row) => row.claimLineId === null).every((row) => row.reasons === null)).toBe(true);
    expect(rows.filter((row) => row.encounterId === null).every((row) => row.encounterLabel === null && row.patientIdSealed === null)).toBe(true);
  });

  test.each([
    { sort: "value", dir: "desc" },
    { sort: "date", dir: "asc", from: "2025-03-02", to: "2025-03-04", payer: "Aetna" },
  ])("%o: CSV lines (on SQLite formatted on the reader thread) equal the rows formatted here, in batches", async (params) => {
    const { limit: _limit, ...query } = parseFindingListQuery(params);
    const labelPatient = createPatientLabeler(organizationId, "billing");
    const { rows } = await collect(iterateFindingsForExport(db, testDb.target, organizationId, VERSION, query));
    const batches: { text: string; rows: number }[] = [];
    for await (const batch of iterateFindingCsvBatches(db, testDb.target, organizationId, VERSION, query, { role: "billing" }, { batchSize: 8 })) batches.push(batch);
    expect(rows.length).toBeGreaterThan(8);
    expect(batches.map((batch) => batch.rows)).toEqual(Array.from({ length: Math.ceil(rows.length / 8) }, (_, i) => Math.min(8, rows.length - i * 8)));
    const text = batches.map((batch) => batch.text).join("\r\n");
    expect(text).toBe(rows.map((row) => findingCsvLine(row, labelPatient)).join("\r\n"));
    expect(text).toMatch(/,MRN-\d+,/);
    expect(text).toMatch(/,Patient key k\d+,/);
  });

  test.runIf(name === "sqlite")("stopping early closes the reader; an unreadable database fails the export with an error; the readers serve the next exports", async () => {
    const { limit: _limit, ...query } = parseFindingListQuery({});
    for await (const batch of iterateFindingsForExport(db, testDb.target, organizationId, VERSION, query, { batchSize: 5 })) {
      expect(batch).toHaveLength(5);
      break;
    }
    const missing = { ...testDb.target, filePath: `${testDb.target.provider === "sqlite" ? testDb.target.filePath : ""}.missing` };
    await expect(collect(iterateFindingsForExport(db, missing, organizationId, VERSION, query))).rejects.toThrow(/unable to open|does not exist/i);
    // A reader thread that stopped a formatted export early serves plain rows next, and the reverse.
    for await (const batch of iterateFindingCsvBatches(db, testDb.target, organizationId, VERSION, query, { role: "owner" }, { batchSize: 5 })) {
      expect(batch.rows).toBe(5);
      break;
    }
    // The reader threads that stopped early or failed serve the next export.
    const again = await Promise.all([1, 2, 3].map(() => collect(iterateFindingsForExport(db, testDb.target, organizationId, VERSION, query, { batchSize: 50 }))));
    expect(again.map((run) => run.batches)).toEqual([[50, 40], [50, 40], [50, 40]]);
  });

  test.runIf(name === "sqlite")("a week sorted by value reads the week's range of the date index, not the value index over the organization", () => {
    if (testDb.target.provider !== "sqlite") return;
    const { limit: _limit, ...query } = parseFindingListQuery({ sort: "value", from: "2025-03-03", to: "2025-03-09", payer: "Aetna" });
    const { sql, params } = exportSql(organizationId, VERSION, query);
    const connection = new Database(testDb.target.filePath, { readonly: true });
    try {
      const plan = (connection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((step) => step.detail).join("\n");
      expect(plan).toMatch(/SEARCH f USING (COVERING )?INDEX Finding_page_date_idx \(organizationId=\? AND dateOfService>\? AND dateOfService<\?\)/);
      expect(plan).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/);
    } finally {
      connection.close();
    }
  });
});
