import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleAt } from "../analysis/analysis-version";
import type { TFindingListFilters } from "./finding-list-query";

/**
 * The WHERE clause for the worklist filters, always scoped to one organization and to the rows
 * visible at its published analysis version. Every filter is an equality or range on a column of
 * Finding's composite indexes (organizationId first).
 */
export function buildFindingWhere(organizationId: string, analysisVersion: number, filters: TFindingListFilters): Prisma.FindingWhereInput {
  const where: Prisma.FindingWhereInput = { organizationId, ...visibleAt(analysisVersion) };
  if (filters.from || filters.to) {
    where.dateOfService = { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) };
  }
  if (filters.payer) where.payer = filters.payer;
  if (filters.site) where.site = filters.site;
  if (filters.nurse) where.nurse = filters.nurse;
  if (filters.setting) where.setting = filters.setting;
  if (filters.cause) where.cause = filters.cause;
  if (filters.kind) where.kind = filters.kind;
  if (filters.code) where.code = filters.code;
  if (filters.estimate !== undefined) where.isEstimate = filters.estimate;
  // The rebill view (filters.rebill) is served by findRebillCandidates (lib/db/analysis/rebill.ts), not by this list.

  return where;
}
