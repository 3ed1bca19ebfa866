import type { Cause } from "@/lib/analysis/types";
import type { Prisma } from "@/lib/generated/prisma/client";
import { visibleAt } from "../analysis/analysis-version";
import type { TFindingListFilters } from "./finding-list-query";

const EVERY_CAUSE = Object.keys({ coding: true, documentation: true, payer: true, compliance: true } satisfies Record<Cause, true>);

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
  // A kind without a cause: `cause IN (every cause)` lets the (organizationId, cause, kind) page
  // index seek the kind under each cause. Without it SQLite (no statistics) could not use the kind
  // and walked another index over all the organization's rows (3.5 s for a site + kind filter under
  // the kind sort at 1M encounters).
  if (filters.kind) {
    where.kind = filters.kind;
    if (!filters.cause) where.cause = { in: EVERY_CAUSE };
  }
  if (filters.code) where.code = filters.code;
  if (filters.estimate !== undefined) where.isEstimate = filters.estimate;
  // The rebill view (filters.rebill) is served by findRebillCandidates (lib/db/analysis/rebill.ts), not by this list.

  return where;
}
