import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { LEAKAGE_CAUSES } from "@/lib/dashboard/causes";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../client";
import { buildRollupWhere } from "../dashboard/rollup-where";

/**
 * The findings in a report's scope: the same WHERE the overview's FindingRollup queries use (weeks,
 * payer, site, nurse, setting, cause — Finding has the same columns), so a report's findings add up
 * to the overview's figures.
 */
export function reportFindingWhere(organizationId: string, analysisVersion: number, filters: DashboardFilters, weekStartsOn: WeekStartsOn): Prisma.FindingWhereInput {
  return buildRollupWhere("finding", organizationId, analysisVersion, filters, weekStartsOn) as Prisma.FindingWhereInput;
}

/** Leakage causes only (spec §5.2): compliance is exposure, never netted with leakage. */
function leakageWhere(organizationId: string, analysisVersion: number, filters: DashboardFilters, weekStartsOn: WeekStartsOn): Prisma.FindingWhereInput {
  const where = reportFindingWhere(organizationId, analysisVersion, filters, weekStartsOn);

  return filters.cause ? { ...where, cause: { in: (LEAKAGE_CAUSES as readonly string[]).includes(filters.cause) ? [filters.cause] : [] } } : { ...where, cause: { in: [...LEAKAGE_CAUSES] } };
}

const findingSelect = {
  id: true,
  encounterId: true,
  kind: true,
  cause: true,
  code: true,
  units: true,
  valueCents: true,
  valueSource: true,
  isEstimate: true,
  explanation: true,
  dateOfService: true,
  payer: true,
  site: true,
  nurse: true,
  claimId: true,
  filingDeadline: true,
  encounter: { select: { externalEncounterId: true, patientKey: true, patientIdSealed: true } },
} as const;

/** A finding with its encounter's labels; `patientIdSealed` is opened (or not) by the caller. */
export type TReportFindingRecord = Omit<Prisma.FindingGetPayload<{ select: typeof findingSelect }>, "encounter"> & {
  encounterLabel: string | null;
  patientKey: string | null;
  patientIdSealed: string | null;
};

function toRecord({ encounter, ...row }: Prisma.FindingGetPayload<{ select: typeof findingSelect }>): TReportFindingRecord {
  return { ...row, encounterLabel: encounter?.externalEncounterId ?? null, patientKey: encounter?.patientKey ?? null, patientIdSealed: encounter?.patientIdSealed ?? null };
}

/** The largest leakage findings (coding, documentation, payer) in scope, value first. */
export async function findTopLeakageFindings(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn,
  limit: number,
): Promise<TReportFindingRecord[]> {
  if (limit <= 0) return [];
  const rows = await db.finding.findMany({
    where: leakageWhere(organizationId, analysisVersion, filters, weekStartsOn),
    orderBy: [{ valueCents: "desc" }, { id: "asc" }],
    take: limit,
    select: findingSelect,
  });

  return rows.map(toRecord);
}

/** Every finding in scope (every cause), value first, read in keyset batches (the workbook's Findings sheet). */
export async function* iterateReportFindings(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn,
  batchSize = 2_000,
): AsyncGenerator<TReportFindingRecord[]> {
  const where = reportFindingWhere(organizationId, analysisVersion, filters, weekStartsOn);
  let after: { valueCents: number; id: number } | null = null;
  for (;;) {
    const rows: Prisma.FindingGetPayload<{ select: typeof findingSelect }>[] = await db.finding.findMany({
      where: after ? { AND: [where, { OR: [{ valueCents: { lt: after.valueCents } }, { valueCents: after.valueCents, id: { gt: after.id } }] }] } : where,
      orderBy: [{ valueCents: "desc" }, { id: "asc" }],
      take: batchSize,
      select: findingSelect,
    });
    if (rows.length > 0) yield rows.map(toRecord);
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { valueCents: last.valueCents, id: last.id };
  }
}

export type TValuationSourceSum = { source: string; valueCents: number; findings: number };

/** Leakage dollars in scope by the source that valued them (spec §5.3); compliance excluded. */
export async function sumLeakageByValueSource(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn,
): Promise<TValuationSourceSum[]> {
  const rows = await db.finding.groupBy({
    by: ["valueSource"],
    where: leakageWhere(organizationId, analysisVersion, filters, weekStartsOn),
    _sum: { valueCents: true },
    _count: { _all: true },
  });

  return rows
    .map((row) => ({ source: row.valueSource, valueCents: row._sum.valueCents ?? 0, findings: row._count._all }))
    .sort((a, b) => b.valueCents - a.valueCents || a.source.localeCompare(b.source));
}
