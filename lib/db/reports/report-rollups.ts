import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { LEAKAGE_CAUSES } from "@/lib/dashboard/causes";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import { LOST_HOURS_KIND } from "@/lib/dashboard/summarize-rollups";
import type { Db } from "../client";
import { buildRollupWhere } from "../dashboard/rollup-where";

/**
 * Lost add-on hours in scope and the dollars they are valued at, from the same FindingRollup rows
 * and filters as the overview's "lost add-on hours" (so hours per week × value per hour uses the
 * overview's hours).
 */
export async function sumLostAddOnHours(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn,
): Promise<{ hours: number; valueCents: number }> {
  const where = buildRollupWhere("finding", organizationId, analysisVersion, filters, weekStartsOn);
  const causes = filters.cause ? LEAKAGE_CAUSES.filter((cause) => cause === filters.cause) : [...LEAKAGE_CAUSES];
  const sums = await db.findingRollup.aggregate({ where: { ...where, kind: LOST_HOURS_KIND, cause: { in: causes } }, _sum: { units: true, valueCents: true } });

  return { hours: sums._sum.units ?? 0, valueCents: sums._sum.valueCents ?? 0 };
}

/** Documentation findings (missing stop times) and their estimated value per site, largest first. */
export async function sumDocumentationBySite(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn,
): Promise<{ site: string; findings: number; valueCents: number }[]> {
  if (filters.cause && filters.cause !== "documentation") return [];
  const where = buildRollupWhere("finding", organizationId, analysisVersion, filters, weekStartsOn);
  const rows = await db.findingRollup.groupBy({ by: ["site"], where: { ...where, cause: "documentation" }, _sum: { findings: true, valueCents: true } });

  return rows
    .map((row) => ({ site: row.site, findings: row._sum.findings ?? 0, valueCents: row._sum.valueCents ?? 0 }))
    .filter((row) => row.valueCents > 0 || row.findings > 0)
    .sort((a, b) => b.valueCents - a.valueCents || a.site.localeCompare(b.site));
}
