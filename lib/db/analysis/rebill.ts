/**
 * The rebill worklist (spec §1, §7): coding findings whose claim is still inside the payer's
 * timely-filing window on `asOf`, one candidate per encounter + claim, paged in SQL. The deadline
 * is Finding.filingDeadline, stored at recompute (date of service + PayerSetting.timelyFilingDays
 * for the payer, else Organization.timelyFilingDays); the corrected line set is recoded from the
 * encounter's administrations with the organization's current settings (what the findings used).
 */
import { Prisma } from "@/lib/generated/prisma/client";
import { codeEncounter } from "@/lib/coding";
import type { Administration as EngineAdministration, Category, CodingSettings, Route, SpecialService } from "@/lib/coding/types";
import { daysLeft, type CorrectedLine, type RebillCandidate, type RebillFinding, type RebillSort } from "@/lib/analysis/rebill-candidates";
import type { Db } from "../client";
import { loadCodingSettings } from "../import/organizations";
import { visibleAt, visibleAtSql } from "./analysis-version";
import { toInt } from "./connection";
import type { SqliteTarget } from "../database-target";
import { streamSqliteQuery } from "../sqlite-query-stream";

export type RebillQuery = {
  /** `YYYY-MM-DD`: the day the worklist is for (no hidden clock). */
  asOf: string;
  payer?: string;
  offset?: number;
  limit?: number;
  sort?: RebillSort;
};

/** `patientIdSealed` is the sealed MRN (lib/security/patient-id-seal), opened only for roles that may identify patients. */
export type StoredRebillCandidate = RebillCandidate & {
  externalEncounterId: string;
  patientKey: string | null;
  patientIdSealed: string | null;
  site: string | null;
};

export type RebillPage = { total: number; candidates: StoredRebillCandidate[] };

const MAX_LIMIT = 500;

type TGroupRow = { encounterId: unknown; claimKey: string; payer: string | null; dateOfService: string; filingDeadline: string; valueCents: unknown; total: unknown };
const GROUP_COLUMNS = ["encounterId", "claimKey", "payer", "dateOfService", "filingDeadline", "valueCents", "total"] as const;

/** The rows of `query`, whose columns are `columns` in that order: through Prisma, or on SQLite's reader thread. */
async function readGroups<T extends Record<string, unknown>>(db: Db, query: Prisma.Sql, columns: readonly (keyof T & string)[], sqlite: SqliteTarget | undefined): Promise<T[]> {
  if (!sqlite) return db.$queryRaw<T[]>(query);
  const rows: T[] = [];
  for await (const batch of streamSqliteQuery(sqlite, query.sql, query.values as (string | number)[], { batchSize: MAX_LIMIT })) {
    for (const cells of batch) rows.push(Object.fromEntries(columns.map((column, index) => [column, cells[index]])) as T);
  }
  return rows;
}

/** Rebuilds the engine's input from stored administrations (same ids as the recompute uses). */
export function toEngineAdministration(row: {
  id: number; drug: string; hcpcs: string | null; category: string; categoryDocumented: boolean; route: string; startAt: Date; stopAt: Date | null;
  startLocal: string; stopLocal: string | null; ivSite: string | null; primaryReason: boolean; service: string | null; sourceLine: number | null;
}): EngineAdministration {
  const administration: EngineAdministration = {
    id: row.sourceLine !== null ? `L${row.sourceLine}` : `A${row.id}`,
    drug: row.drug,
    route: row.route as Route,
    start: { at: row.startAt.getTime(), local: row.startLocal },
  };
  if (row.categoryDocumented) administration.category = row.category as Category;
  if (row.hcpcs) administration.hcpcs = row.hcpcs;
  if (row.stopAt) administration.stop = { at: row.stopAt.getTime(), local: row.stopLocal ?? "" };
  if (row.ivSite) administration.ivSite = row.ivSite;
  if (row.primaryReason) administration.primaryReason = true;
  if (row.service) administration.service = row.service as SpecialService;
  return administration;
}

/**
 * The rebill candidates among the findings visible at `analysisVersion` (the published version the
 * caller read). With `options.sqlite` (the app's SQLite file), the grouping is read on a reader
 * thread (streamSqliteQuery) so that its seconds at a million encounters never hold up the app's
 * only thread.
 */
export async function findRebillCandidates(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  query: RebillQuery,
  options: { sqlite?: SqliteTarget } = {},
): Promise<RebillPage> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(query.asOf)) throw new RangeError(`asOf must be YYYY-MM-DD, got ${JSON.stringify(query.asOf)}`);
  const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(query.limit ?? 50)));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const payerFilter = query.payer === undefined ? Prisma.empty : Prisma.sql`AND "payer" = ${query.payer}`;
  const visible = visibleAtSql(analysisVersion);
  const where = Prisma.sql`"organizationId" = ${organizationId} AND ${Prisma.sql(visible.sql.split("?"), ...visible.params)} AND "cause" = 'coding' AND "filingDeadline" >= ${query.asOf} ${payerFilter}`;
  const order =
    query.sort === "value"
      ? Prisma.sql`"valueCents" DESC, "encounterId" ASC, "claimKey" ASC`
      : query.sort === "dateOfService"
        ? Prisma.sql`"dateOfService" ASC, "encounterId" ASC, "claimKey" ASC`
        : Prisma.sql`"filingDeadline" ASC, "valueCents" DESC, "encounterId" ASC, "claimKey" ASC`;

  const grouped = Prisma.sql`
    SELECT "encounterId", COALESCE("claimId", '') AS "claimKey", MIN("payer") AS "payer", MIN("dateOfService") AS "dateOfService",
      MIN("filingDeadline") AS "filingDeadline", SUM("valueCents") AS "valueCents"
    FROM "Finding" WHERE ${where}
    GROUP BY "encounterId", COALESCE("claimId", '')`;
  // One grouping for the page and the total (a window count over the groups): at a million
  // encounters grouping a year of coding findings takes seconds, and it was done twice.
  const page = Prisma.sql`SELECT g."encounterId", g."claimKey", g."payer", g."dateOfService", g."filingDeadline", g."valueCents", COUNT(*) OVER () AS "total" FROM (${grouped}) g ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
  const groups = await readGroups<TGroupRow>(db, page, GROUP_COLUMNS, options.sqlite);
  // A page past the last group has no row to carry the total.
  const total =
    groups.length > 0
      ? toInt(groups[0]!.total)
      : offset === 0
        ? 0
        : toInt((await readGroups<{ total: unknown }>(db, Prisma.sql`SELECT COUNT(*) AS "total" FROM (${grouped}) g`, ["total"], options.sqlite))[0]?.total);
  if (groups.length === 0) return { total, candidates: [] };

  const encounterIds = [...new Set(groups.map((group) => toInt(group.encounterId)))];
  // The page's rows are read by encounter id without `organizationId` in the WHERE: with it, SQLite
  // (no planner statistics) walked an (organizationId, …) index over the whole practice instead of
  // the encounter id index — 5 to 8 s per read at 1M encounters. The ids come from this
  // organization's groups; each row's organization is checked all the same.
  const ofOrganization = <T extends { organizationId: string }>(rows: T[]) => rows.filter((row) => row.organizationId === organizationId);
  const [findings, encounters, administrations, loaded] = await Promise.all([
    db.finding
      .findMany({
        where: { ...visibleAt(analysisVersion), cause: "coding", filingDeadline: { gte: query.asOf }, encounterId: { in: encounterIds }, ...(query.payer !== undefined ? { payer: query.payer } : {}) },
        orderBy: { id: "asc" },
      })
      .then(ofOrganization),
    db.encounter
      .findMany({ where: { id: { in: encounterIds } }, select: { id: true, organizationId: true, externalEncounterId: true, patientKey: true, patientIdSealed: true, site: true, setting: true } })
      .then(ofOrganization),
    db.administration.findMany({ where: { encounterId: { in: encounterIds } }, orderBy: { id: "asc" } }).then(ofOrganization),
    loadCodingSettings(db, organizationId),
  ]);
  const encounterById = new Map(encounters.map((encounter) => [encounter.id, encounter]));
  const corrected = new Map<number, CorrectedLine[]>();
  for (const id of encounterIds) {
    const encounter = encounterById.get(id);
    if (!encounter || !loaded) continue;
    const settings: CodingSettings = encounter.setting === "facility" || encounter.setting === "professional" ? { ...loaded.settings, setting: encounter.setting } : loaded.settings;
    const result = codeEncounter(
      { id: encounter.externalEncounterId, administrations: administrations.filter((a) => a.encounterId === id).map(toEngineAdministration) },
      settings,
    );
    corrected.set(id, result.lines.map((line) => ({ code: line.code, units: line.units, modifiers: line.modifiers, explanation: line.explanation })));
  }

  const candidates = groups.map((group): StoredRebillCandidate => {
    const encounterId = toInt(group.encounterId);
    const claimId = group.claimKey === "" ? null : group.claimKey;
    const encounter = encounterById.get(encounterId);
    const own: RebillFinding[] = findings
      .filter((f) => f.encounterId === encounterId && (f.claimId ?? null) === claimId)
      .map((f) => ({
        encounterId, claimId: f.claimId, payer: f.payer, dateOfService: f.dateOfService, cause: f.cause, kind: f.kind, code: f.code,
        units: f.units, valueCents: f.valueCents, explanation: f.explanation,
      }));
    return {
      encounterId,
      externalEncounterId: encounter?.externalEncounterId ?? "",
      patientKey: encounter?.patientKey ?? null,
      patientIdSealed: encounter?.patientIdSealed ?? null,
      site: encounter?.site ?? null,
      claimId,
      payer: group.payer,
      dateOfService: group.dateOfService,
      filingDeadline: group.filingDeadline,
      daysLeft: daysLeft(group.filingDeadline, query.asOf),
      valueCents: toInt(group.valueCents),
      findings: own,
      correctedLines: corrected.get(encounterId) ?? [],
    };
  });
  return { total, candidates };
}
