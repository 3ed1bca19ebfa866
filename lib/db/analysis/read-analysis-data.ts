/**
 * Reads of an organization's data for the analysis (spec §5), on the analysis connection (the
 * shared pre-pass inside one read transaction, the weeks one by one). Everything is scoped by organizationId. Reads are per week (the
 * `weekStart` indexes) or aggregated in SQL, so memory stays bounded at 1,000,000 encounters.
 */
import type { ClaimLine as ParsedClaimLine, ClaimLineStatus, ClaimFrequency } from "@/lib/import/claims/claim-line";
import type { Administration as EngineAdministration, Category, Route, SpecialService } from "@/lib/coding/types";
import { instantText, inList, parseInstant, sqliteIndexedBy, toBool, toInt, type AnalysisConnection } from "./connection";

export type OrganizationAnalysisRow = {
  id: string;
  setting: "facility" | "professional";
  weekStartsOn: number;
  timelyFilingDays: number;
};

export async function readOrganizationForAnalysis(connection: AnalysisConnection, organizationId: string): Promise<OrganizationAnalysisRow | null> {
  const rows = await connection.query<{ id: string; setting: string; weekStartsOn: unknown; timelyFilingDays: unknown }>(
    `SELECT "id","setting","weekStartsOn","timelyFilingDays" FROM "Organization" WHERE "id"=?`,
    [organizationId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    setting: row.setting === "professional" ? "professional" : "facility",
    weekStartsOn: toInt(row.weekStartsOn),
    timelyFilingDays: toInt(row.timelyFilingDays) || 365,
  };
}

/** Per-payer timely-filing windows (payer as stored). */
export async function readPayerFilingDays(connection: AnalysisConnection, organizationId: string): Promise<{ payer: string; timelyFilingDays: number }[]> {
  const rows = await connection.query<{ payer: string; timelyFilingDays: unknown }>(
    `SELECT "payer","timelyFilingDays" FROM "PayerSetting" WHERE "organizationId"=? ORDER BY "id"`,
    [organizationId],
  );
  return rows.map((row) => ({ payer: row.payer, timelyFilingDays: toInt(row.timelyFilingDays) }));
}

export async function readFeeSchedule(connection: AnalysisConnection, organizationId: string) {
  const rows = await connection.query<{ payer: string; code: string; rateCents: unknown; effectiveFrom: string; effectiveTo: string | null }>(
    `SELECT "payer","code","rateCents","effectiveFrom","effectiveTo" FROM "FeeScheduleRate" WHERE "organizationId"=? ORDER BY "id"`,
    [organizationId],
  );
  return rows.map((row) => ({ payer: row.payer, code: row.code, rateCents: toInt(row.rateCents), effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo }));
}

/** First and last date of service and the number of encounters. */
export async function readEncounterSpan(
  connection: AnalysisConnection,
  organizationId: string,
): Promise<{ first: string | null; last: string | null; encounters: number }> {
  const rows = await connection.query<{ first: string | null; last: string | null; n: unknown }>(
    `SELECT MIN("dateOfService") AS "first", MAX("dateOfService") AS "last", COUNT(*) AS "n" FROM "Encounter" WHERE "organizationId"=?`,
    [organizationId],
  );
  return { first: rows[0]?.first ?? null, last: rows[0]?.last ?? null, encounters: toInt(rows[0]?.n) };
}

/** Every week that holds an encounter or a claim line, ascending. */
export async function readDataWeeks(connection: AnalysisConnection, organizationId: string): Promise<string[]> {
  const rows = await connection.query<{ weekStart: string }>(
    `SELECT DISTINCT "weekStart" FROM "Encounter" WHERE "organizationId"=? UNION SELECT DISTINCT "weekStart" FROM "ClaimLine" WHERE "organizationId"=?`,
    [organizationId, organizationId],
  );
  return rows.map((row) => row.weekStart).sort();
}

/** Weeks whose published results hold findings or rollups (so a recompute can clear weeks whose data is gone). */
export async function readResultWeeks(connection: AnalysisConnection, organizationId: string, published: number): Promise<string[]> {
  const visible = `"organizationId"=? AND "analysisVersion"<=? AND "retiredInVersion">?`;
  const params = [organizationId, published, published];
  const rows = await connection.query<{ weekStart: string }>(
    `SELECT DISTINCT "weekStart" FROM "Finding" WHERE ${visible}
     UNION SELECT DISTINCT "weekStart" FROM "EncounterRollup" WHERE ${visible}
     UNION SELECT DISTINCT "weekStart" FROM "ClaimRollup" WHERE ${visible}`,
    [...params, ...params, ...params],
  );
  return rows.map((row) => row.weekStart).sort();
}

/** The dependency keys each week of the published analysis recorded (lib/analysis/analysis-context.ts). */
export async function readWeekDependencies(connection: AnalysisConnection, organizationId: string, published: number): Promise<Map<string, Set<string>>> {
  const rows = await connection.query<{ weekStart: string; key: string }>(
    `SELECT "weekStart","key" FROM "AnalysisDependency" WHERE "organizationId"=? AND "analysisVersion"<=? AND "retiredInVersion">?`,
    [organizationId, published, published],
  );
  const byWeek = new Map<string, Set<string>>();
  for (const row of rows) {
    let keys = byWeek.get(row.weekStart);
    if (!keys) byWeek.set(row.weekStart, (keys = new Set()));
    keys.add(row.key);
  }
  return byWeek;
}

/**
 * Documented durations as a histogram: (drug, route, whole minutes) → administrations, for the
 * median durations of missing-stop estimates (computed in SQL so 2.5M administrations never sit
 * in memory). Same arithmetic as computeMedianDurations: floor((stop − start) / 60 000), stop > start.
 */
export async function readDurationHistogram(
  connection: AnalysisConnection,
  organizationId: string,
): Promise<{ drug: string; route: string; minutes: number; count: number }[]> {
  const sql =
    connection.provider === "postgresql"
      ? `SELECT "drug","route","ms" / 60000 AS "minutes", COUNT(*) AS "n" FROM (
           SELECT "drug","route", ROUND(EXTRACT(EPOCH FROM ("stopAt" - "startAt")) * 1000)::bigint AS "ms"
           FROM "Administration" WHERE "organizationId"=? AND "stopAt" IS NOT NULL) t
         WHERE "ms" > 0 GROUP BY "drug","route","ms" / 60000`
      : `SELECT "drug","route","ms" / 60000 AS "minutes", COUNT(*) AS "n" FROM (
           SELECT "drug","route", CAST(ROUND((julianday("stopAt") - julianday("startAt")) * 86400000.0) AS INTEGER) AS "ms"
           FROM "Administration" WHERE "organizationId"=? AND "stopAt" IS NOT NULL) t
         WHERE "ms" > 0 GROUP BY "drug","route","ms" / 60000`;
  const rows = await connection.query<{ drug: string; route: string; minutes: unknown; n: unknown }>(sql, [organizationId]);
  return rows.map((row) => ({ drug: row.drug, route: row.route, minutes: toInt(row.minutes), count: toInt(row.n) }));
}

/**
 * Claim ids that cannot be netted and matched inside one week: a claim with lines in more than one
 * week (a correction that moved the date of service), or a line whose encounter id names an
 * encounter of another week. Their claims (every payer's, by claim id) are netted globally, once
 * per recompute; every other claim is netted with the lines of its own week. Grouping by claim id
 * alone follows the (organizationId, claimId) index; a claim id shared by two payers is merely
 * netted globally too (still per payer + claim id).
 */
export async function readCrossWeekClaimIds(connection: AnalysisConnection, organizationId: string): Promise<Set<string>> {
  const spanning = await connection.query<{ claimId: string }>(
    `SELECT "claimId" FROM "ClaimLine" WHERE "organizationId"=? GROUP BY "claimId" HAVING MIN("weekStart") <> MAX("weekStart")`,
    [organizationId],
  );
  const elsewhere = await connection.query<{ claimId: string }>(
    `SELECT DISTINCT c."claimId" FROM "ClaimLine" c
     JOIN "Encounter" e ON e."organizationId" = c."organizationId" AND e."externalEncounterId" = c."externalEncounterId"
     WHERE c."organizationId"=? AND c."externalEncounterId" IS NOT NULL AND e."weekStart" <> c."weekStart"`,
    [organizationId],
  );
  return new Set([...spanning, ...elsewhere].map((row) => row.claimId));
}

export function claimKey(payer: string, claimId: string): string {
  return `${payer}\u0000${claimId}`;
}

/** A stored claim line rebuilt as `netClaimVersions` input, with its database id and site. */
export type StoredClaimLine = ParsedClaimLine & { dbId: number; site: string | null };

const CLAIM_COLUMNS = `c."id", c."importBatchId", c."claimId", c."claimVersion", c."claimFrequency", c."payerClaimControlNumber",
  c."externalEncounterId", c."patientKey", c."dateOfService", c."payer", c."site", c."code", c."modifiers", c."billedUnits",
  c."paidUnits", c."billedCents", c."allowedCents", c."paidCents", c."status", c."paidDate"`;

type ClaimRow = {
  id: unknown;
  importBatchId: unknown;
  claimId: string;
  claimVersion: unknown;
  claimFrequency: string | null;
  payerClaimControlNumber: string | null;
  externalEncounterId: string | null;
  patientKey: string;
  dateOfService: string;
  payer: string;
  site: string | null;
  code: string | null;
  modifiers: string;
  billedUnits: unknown;
  paidUnits: unknown;
  billedCents: unknown;
  allowedCents: unknown;
  paidCents: unknown;
  status: string;
  paidDate: string | null;
};

type AdjustmentRow = { claimLineId: unknown; group: string; reason: string; amountCents: unknown; quantity: unknown };

/**
 * Rebuilds claim lines as the readers produced them, per the contract of lib/db/import/write-claims.ts:
 * ordered by (claimVersion, id), `source.file` = the import batch id, `source.claimSegment` =
 * claimVersion (one version of the claim). Patients are compared by patientKey.
 */
function toStoredClaimLines(rows: readonly ClaimRow[], adjustments: readonly AdjustmentRow[]): StoredClaimLine[] {
  const byLine = new Map<number, ParsedClaimLine["adjustments"]>();
  for (const a of adjustments) {
    const id = toInt(a.claimLineId);
    let list = byLine.get(id);
    if (!list) byLine.set(id, (list = []));
    list.push({ group: a.group, reason: a.reason, amountCents: toInt(a.amountCents), quantity: a.quantity === null || a.quantity === undefined ? null : toInt(a.quantity) });
  }
  const lines = rows.map((row): StoredClaimLine => {
    const dbId = toInt(row.id);
    const frequency = row.claimFrequency === "7" || row.claimFrequency === "8" ? row.claimFrequency : ("1" as ClaimFrequency);
    return {
      dbId,
      site: row.site,
      claimId: row.claimId,
      ...(row.externalEncounterId ? { encounterId: row.externalEncounterId } : {}),
      patientId: row.patientKey,
      dateOfService: row.dateOfService,
      payer: row.payer,
      code: row.code,
      modifiers: row.modifiers ? row.modifiers.split(",") : [],
      billedUnits: toInt(row.billedUnits),
      paidUnits: toInt(row.paidUnits),
      billedCents: toInt(row.billedCents),
      allowedCents: row.allowedCents === null || row.allowedCents === undefined ? null : toInt(row.allowedCents),
      paidCents: toInt(row.paidCents),
      adjustments: byLine.get(dbId) ?? [],
      remarks: [],
      status: row.status as ClaimLineStatus,
      claimFrequency: frequency,
      ...(row.payerClaimControlNumber ? { payerClaimControlNumber: row.payerClaimControlNumber } : {}),
      ...(row.paidDate ? { paidDate: row.paidDate } : {}),
      source: { file: String(row.importBatchId ?? ""), claimSegment: toInt(row.claimVersion) },
    };
  });
  lines.sort((a, b) => a.source.claimSegment! - b.source.claimSegment! || a.dbId - b.dbId);
  return lines;
}

/**
 * The claim lines of one week (by their own date of service), with adjustments (`adjustments: false`
 * skips them: the valuation pre-pass only needs netted paid amounts and units).
 */
export async function readWeekClaimLines(
  connection: AnalysisConnection,
  organizationId: string,
  weekStart: string,
  options: { adjustments?: boolean } = {},
): Promise<StoredClaimLine[]> {
  const rows = await connection.query<ClaimRow>(`SELECT ${CLAIM_COLUMNS} FROM "ClaimLine" c WHERE c."organizationId"=? AND c."weekStart"=?`, [organizationId, weekStart]);
  if (rows.length === 0) return [];
  if (options.adjustments === false) return toStoredClaimLines(rows, []);
  const adjustments = await connection.query<AdjustmentRow>(
    `SELECT a."claimLineId", a."group", a."reason", a."amountCents", a."quantity" FROM "ClaimAdjustment" a
     JOIN "ClaimLine" c ON c."id" = a."claimLineId" WHERE c."organizationId"=? AND c."weekStart"=? ORDER BY a."id"`,
    [organizationId, weekStart],
  );
  return toStoredClaimLines(rows, adjustments);
}

/** Every line of the given claim ids (from readCrossWeekClaimIds), with adjustments. */
export async function readClaimLinesOfClaims(connection: AnalysisConnection, organizationId: string, claimIdSet: ReadonlySet<string>): Promise<StoredClaimLine[]> {
  const claimIds = [...claimIdSet];
  const rows: ClaimRow[] = [];
  const adjustments: AdjustmentRow[] = [];
  for (let i = 0; i < claimIds.length; i += 500) {
    const chunk = claimIds.slice(i, i + 500);
    const found = await connection.query<ClaimRow>(
      `SELECT ${CLAIM_COLUMNS} FROM "ClaimLine" c WHERE c."organizationId"=? AND c."claimId" IN (${inList(chunk.length)})`,
      [organizationId, ...chunk],
    );
    rows.push(...found);
    const ids = found.map((row) => toInt(row.id));
    for (let j = 0; j < ids.length; j += 500) {
      const idChunk = ids.slice(j, j + 500);
      adjustments.push(
        ...(await connection.query<AdjustmentRow>(
          `SELECT a."claimLineId", a."group", a."reason", a."amountCents", a."quantity" FROM "ClaimAdjustment" a${sqliteIndexedBy(connection, "ClaimAdjustment_claimLineId_idx")}
           WHERE a."organizationId"=? AND a."claimLineId" IN (${inList(idChunk.length)}) ORDER BY a."id"`,
          [organizationId, ...idChunk],
        )),
      );
    }
  }
  return toStoredClaimLines(rows, adjustments);
}

/** Week of each encounter named by external id (for claims matched across weeks). */
export async function readEncounterWeeksByExternalId(
  connection: AnalysisConnection,
  organizationId: string,
  externalIds: readonly string[],
): Promise<Map<string, string>> {
  const weeks = new Map<string, string>();
  const unique = [...new Set(externalIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await connection.query<{ externalEncounterId: string; weekStart: string }>(
      `SELECT "externalEncounterId","weekStart" FROM "Encounter" WHERE "organizationId"=? AND "externalEncounterId" IN (${inList(chunk.length)})`,
      [organizationId, ...chunk],
    );
    for (const row of rows) weeks.set(row.externalEncounterId, row.weekStart);
  }
  return weeks;
}

/** A stored encounter with its administrations in engine form. */
export type StoredEncounter = {
  dbId: number;
  externalEncounterId: string;
  patientKey: string;
  dateOfService: string;
  weekStart: string;
  site: string | null;
  payer: string | null;
  setting: "facility" | "professional" | null;
  /** Nurse of the first administration (file order). */
  nurse: string | null;
  administrations: EngineAdministration[];
  /** Database ids of `administrations`, same order. */
  administrationDbIds: number[];
  missingStops: number;
};

/**
 * The weekly administrations read, driven from the week's encounters: `Encounter` by its
 * (organizationId, weekStart) index, then each encounter's administrations by
 * `Administration_encounterId_idx`. Its plan must not depend on planner statistics: the product
 * never runs ANALYZE on SQLite, and without statistics SQLite rates `a."organizationId"=?` (the
 * (organizationId, drug, route) index) as selective as the week's encounters and made
 * `Administration` the outer loop, reading every administration of the practice once per week
 * (issue 17: 40k encounters took ~60 s instead of ~10 s). So the join order is fixed (SQLite's
 * CROSS JOIN keeps the left table as the outer loop; PostgreSQL reads it as an inner join and plans
 * it from statistics, which the import gathers after it commits: `refreshPlannerStatistics`), and
 * on SQLite the index is named (`sqliteIndexedBy`).
 * tests/integration/analysis/week-read-plan.test.ts checks the plan on a freshly imported database.
 */
export function weekAdministrationsSql(connection: AnalysisConnection): string {
  return `SELECT a."id", a."encounterId", a."drug", a."hcpcs", a."category", a."categoryDocumented", a."route", ${instantText(connection, 'a."startAt"')} AS "startAt",
       ${instantText(connection, 'a."stopAt"')} AS "stopAt", a."startLocal", a."stopLocal", a."ivSite", a."nurse", a."primaryReason", a."service", a."sourceLine"
     FROM "Encounter" e CROSS JOIN "Administration" a${sqliteIndexedBy(connection, "Administration_encounterId_idx")}
     WHERE a."encounterId" = e."id" AND e."organizationId"=? AND e."weekStart"=? AND a."organizationId"=? ORDER BY a."encounterId", a."id"`;
}

/**
 * The encounters of the given weeks (by their stored weekStart) with their administrations, in
 * file order (ids). Administration ids are `L<source line>` as the sessions readers name them (else
 * `A<database id>`), so explanations and tie-breaks read as from the files.
 */
export async function readWeekEncounters(connection: AnalysisConnection, organizationId: string, weekStart: string): Promise<StoredEncounter[]> {
  const encounterRows = await connection.query<{
    id: unknown;
    externalEncounterId: string;
    patientKey: string;
    dateOfService: string;
    weekStart: string;
    site: string | null;
    payer: string | null;
    setting: string | null;
  }>(
    `SELECT "id","externalEncounterId","patientKey","dateOfService","weekStart","site","payer","setting" FROM "Encounter" WHERE "organizationId"=? AND "weekStart"=? ORDER BY "id"`,
    [organizationId, weekStart],
  );
  if (encounterRows.length === 0) return [];
  const administrationRows = await connection.query<{
    id: unknown;
    encounterId: unknown;
    drug: string;
    hcpcs: string | null;
    category: string;
    categoryDocumented: unknown;
    route: string;
    startAt: unknown;
    stopAt: unknown;
    startLocal: string;
    stopLocal: string | null;
    ivSite: string | null;
    nurse: string | null;
    primaryReason: unknown;
    service: string | null;
    sourceLine: unknown;
  }>(
    weekAdministrationsSql(connection),
    [organizationId, weekStart, organizationId],
  );
  const encounters = encounterRows.map(
    (row): StoredEncounter => ({
      dbId: toInt(row.id),
      externalEncounterId: row.externalEncounterId,
      patientKey: row.patientKey,
      dateOfService: row.dateOfService,
      weekStart: row.weekStart,
      site: row.site,
      payer: row.payer,
      setting: row.setting === "facility" || row.setting === "professional" ? row.setting : null,
      nurse: null,
      administrations: [],
      administrationDbIds: [],
      missingStops: 0,
    }),
  );
  const byId = new Map(encounters.map((encounter) => [encounter.dbId, encounter]));
  for (const row of administrationRows) {
    const encounter = byId.get(toInt(row.encounterId));
    if (!encounter) continue;
    const sourceLine = row.sourceLine === null || row.sourceLine === undefined ? null : toInt(row.sourceLine);
    const administration: EngineAdministration = {
      id: sourceLine !== null ? `L${sourceLine}` : `A${toInt(row.id)}`,
      drug: row.drug,
      route: row.route as Route,
      start: { at: parseInstant(row.startAt), local: row.startLocal },
    };
    // An undocumented category is resolved again by the engine, with today's drug catalog.
    if (toBool(row.categoryDocumented)) administration.category = row.category as Category;
    if (row.hcpcs) administration.hcpcs = row.hcpcs;
    if (row.stopAt !== null && row.stopAt !== undefined) administration.stop = { at: parseInstant(row.stopAt), local: row.stopLocal ?? "" };
    else encounter.missingStops += 1;
    if (row.ivSite) administration.ivSite = row.ivSite;
    if (toBool(row.primaryReason)) administration.primaryReason = true;
    if (row.service) administration.service = row.service as SpecialService;
    if (row.nurse) administration.nurse = row.nurse;
    if (encounter.administrations.length === 0) encounter.nurse = row.nurse;
    encounter.administrations.push(administration);
    encounter.administrationDbIds.push(toInt(row.id));
  }
  return encounters;
}

/**
 * Own paid per-unit values of "simple" claims, aggregated in SQL: claims (payer + claim id) with one
 * version (one import batch + claimVersion) and no reversal line (status `reversed` or frequency 8).
 * For those, `netClaimVersions` makes one active position per code that sums the code's lines, so
 * the position's paid per unit is `round(Σ paid / Σ paid units)` at the earliest date of service —
 * computed here as `(2·Σpaid + Σunits) div (2·Σunits)` (exact integer rounding, half up), kept when
 * both sums are positive and the date is in [from, to]. Returns (payer, code, per unit) → count.
 * Every other claim (several versions, reversals) is netted in JS (readNonSimpleClaimIds).
 */
export async function readSimpleClaimPaidHistogram(
  connection: AnalysisConnection,
  organizationId: string,
  from: string,
  to: string,
): Promise<{ payer: string; code: string; perUnit: number; count: number }[]> {
  const rows = await connection.query<{ payer: string; code: string; perUnit: unknown; n: unknown }>(
    `WITH "simple" AS (
       SELECT "payer","claimId" FROM "ClaimLine" WHERE "organizationId"=?
       GROUP BY "payer","claimId"
       HAVING MIN("claimVersion") = MAX("claimVersion") AND MIN(COALESCE("importBatchId", -1)) = MAX(COALESCE("importBatchId", -1))
         AND SUM(CASE WHEN "status" = 'reversed' OR "claimFrequency" = '8' THEN 1 ELSE 0 END) = 0
     ), "positions" AS (
       SELECT c."payer", c."code", MIN(c."dateOfService") AS "dos", SUM(c."paidCents") AS "paid", SUM(c."paidUnits") AS "units"
       FROM "ClaimLine" c JOIN "simple" s ON s."payer" = c."payer" AND s."claimId" = c."claimId"
       WHERE c."organizationId"=? AND c."code" IS NOT NULL
       GROUP BY c."payer", c."claimId", c."code"
     )
     SELECT "payer","code", (2 * "paid" + "units") / (2 * "units") AS "perUnit", COUNT(*) AS "n" FROM "positions"
     WHERE "paid" > 0 AND "units" > 0 AND "dos" >= ? AND "dos" <= ?
     GROUP BY "payer","code", (2 * "paid" + "units") / (2 * "units")`,
    [organizationId, organizationId, from, to],
  );
  return rows.map((row) => ({ payer: row.payer, code: row.code, perUnit: toInt(row.perUnit), count: toInt(row.n) }));
}

/** Claims (payer \0 claimId keys) that are not "simple" (see readSimpleClaimPaidHistogram) and have a line dated in [from, to]. */
export async function readNonSimpleClaimKeys(connection: AnalysisConnection, organizationId: string, from: string, to: string): Promise<Set<string>> {
  const rows = await connection.query<{ payer: string; claimId: string }>(
    `SELECT "payer","claimId" FROM "ClaimLine" WHERE "organizationId"=?
     GROUP BY "payer","claimId"
     HAVING NOT (MIN("claimVersion") = MAX("claimVersion") AND MIN(COALESCE("importBatchId", -1)) = MAX(COALESCE("importBatchId", -1))
         AND SUM(CASE WHEN "status" = 'reversed' OR "claimFrequency" = '8' THEN 1 ELSE 0 END) = 0)
       AND MAX("dateOfService") >= ? AND MIN("dateOfService") <= ?`,
    [organizationId, from, to],
  );
  return new Set(rows.map((row) => claimKey(row.payer, row.claimId)));
}

/** Whether stored lines of one claim (all its lines) make a "simple" claim as SQL defines it. */
export function isSimpleClaim(lines: readonly StoredClaimLine[]): boolean {
  if (lines.length === 0) return true;
  const first = lines[0]!;
  return lines.every(
    (line) => line.source.file === first.source.file && line.source.claimSegment === first.source.claimSegment && line.status !== "reversed" && line.claimFrequency !== "8",
  );
}

/**
 * Stored 835 PLB take-backs tied to a claim, by claim id (positive = money taken back), in import
 * order: the same map `analyzePractice` builds from the remittances it reads.
 */
export async function readTakenBackByClaim(
  connection: AnalysisConnection,
  organizationId: string,
): Promise<Map<string, { amountCents: number; reason: string }[]>> {
  const rows = await connection.query<{ claimId: string; amountCents: unknown; reason: string }>(
    `SELECT "claimId","amountCents","reason" FROM "ProviderAdjustment" WHERE "organizationId"=? AND "claimId" IS NOT NULL ORDER BY "id"`,
    [organizationId],
  );
  const byClaim = new Map<string, { amountCents: number; reason: string }[]>();
  for (const row of rows) {
    const list = byClaim.get(row.claimId) ?? [];
    list.push({ amountCents: toInt(row.amountCents), reason: row.reason });
    byClaim.set(row.claimId, list);
  }
  return byClaim;
}
