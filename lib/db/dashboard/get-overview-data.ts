import type { AnalysisWindow } from "@/lib/analysis/annualize";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import { resolveWindow } from "@/lib/dashboard/resolve-window";
import {
  buildWeeklyLeakage,
  groupLeakageBy,
  summarizeFindingSums,
  withDenialRates,
  type TDenialRates,
  type TDimensionLeakage,
  type TFindingSums,
  type TLeakageTotals,
  type TWeeklyLeakagePoint,
} from "@/lib/dashboard/summarize-rollups";
import type { Db } from "../client";
import { buildRollupWhere, ignoredFilters } from "./rollup-where";
import { createResultCache } from "./result-cache";

export type TDenialReason = { group: string; reason: string; lines: number; amountCents: number };

export type TNurseDocumentation = { nurse: string; documentationCents: number; missingStops: number; administrations: number; encounters: number };

export type TOverviewData = {
  window: AnalysisWindow | null;
  encounters: number;
  totals: TLeakageTotals;
  weekly: TWeeklyLeakagePoint[];
  /** Leakage by code ("" = claim level), largest first. */
  byCode: (TDimensionLeakage & { units: number })[];
  byPayer: TDimensionLeakage[];
  bySite: TDimensionLeakage[];
  /** Documentation gaps by nurse: estimated documentation leakage and missing stop times. */
  byNurse: TNurseDocumentation[];
  denials: TDenialRates & { ignoredFilters: string[] };
  topDenialReasons: { reasons: TDenialReason[]; ignoredFilters: string[] };
};

type TSumRow = { _sum: { valueCents: number | null; units: number | null; findings: number | null } };

function sums(row: TSumRow & { cause: string; kind: string }): TFindingSums {
  return { cause: row.cause, kind: row.kind, valueCents: row._sum.valueCents ?? 0, units: row._sum.units ?? 0, findings: row._sum.findings ?? 0 };
}

const SUM_FINDINGS = { valueCents: true, units: true, findings: true } as const;

type TFindingDimension = "weekStart" | "payer" | "site" | "setting" | "cause" | "kind" | "code";

/**
 * The overview's groupings of findings: from FindingSummaryRollup (summed over nurses, a third of
 * the rows) unless a nurse filter needs FindingRollup. Both tables hold the same sums otherwise.
 */
function findingGrouper(db: Db, organizationId: string, analysisVersion: number, filters: DashboardFilters, weekStartsOn: WeekStartsOn) {
  const byNurse = Boolean(filters.nurse);
  const where = buildRollupWhere(byNurse ? "finding" : "findingSummary", organizationId, analysisVersion, filters, weekStartsOn);

  return <K extends TFindingDimension>(by: K[]) => {
    const args = { by, where, _sum: SUM_FINDINGS };
    // One call shape for both delegates (their groupBy overloads do not unify): same columns, same result.
    const rows = byNurse ? db.findingRollup.groupBy(args as never) : db.findingSummaryRollup.groupBy(args as never);
    return rows as unknown as Promise<(Record<K, string> & TSumRow)[]>;
  };
}

/**
 * Everything the overview shows, for one organization and the dashboard filters, read only from
 * the rollup tables with plain groupBy/aggregate (same on SQLite and PostgreSQL). The figures use
 * the analysis's definitions (lib/dashboard/summarize-rollups.ts), so with no filter they equal
 * `analyze` on the same files.
 */
export async function getOverviewData(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn = 1,
): Promise<TOverviewData> {
  const findingWhere = buildRollupWhere("finding", organizationId, analysisVersion, filters, weekStartsOn);
  const groupFindings = findingGrouper(db, organizationId, analysisVersion, filters, weekStartsOn);
  const encounterWhere = buildRollupWhere("encounter", organizationId, analysisVersion, filters, weekStartsOn);
  const claimWhere = buildRollupWhere("claim", organizationId, analysisVersion, filters, weekStartsOn);
  const reasonWhere = buildRollupWhere("denialReason", organizationId, analysisVersion, filters, weekStartsOn);

  const [encounterTotals, byWeekCauseKind, byCodeRows, byPayerSiteRows, byNurseFindings, byNurseEncounters, claimTotals, reasonRows] = await Promise.all([
    db.encounterRollup.aggregate({ where: encounterWhere, _sum: { encounters: true }, _min: { firstDate: true }, _max: { lastDate: true } }),
    groupFindings(["weekStart", "cause", "kind"]),
    groupFindings(["code", "cause"]),
    groupFindings(["payer", "site", "cause"]),
    db.findingRollup.groupBy({ by: ["nurse"], where: { ...findingWhere, cause: "documentation" }, _sum: { valueCents: true } }),
    db.encounterRollup.groupBy({ by: ["nurse"], where: encounterWhere, _sum: { missingStops: true, administrations: true, encounters: true } }),
    db.claimRollup.aggregate({ where: claimWhere, _sum: { lines: true, deniedLines: true, billedCents: true, deniedCents: true } }),
    db.denialReasonRollup.groupBy({ by: ["group", "reason"], where: reasonWhere, _sum: { lines: true, amountCents: true } }),
  ]);

  const window = resolveWindow(filters, encounterTotals._min.firstDate ?? null, encounterTotals._max.lastDate ?? null, weekStartsOn);
  const weekGroups = byWeekCauseKind.map((row) => ({ ...sums(row), weekStart: row.weekStart }));

  const codeGroups = byCodeRows.map((row) => ({ ...sums({ ...row, kind: "" }), key: row.code }));
  const unitsByCode = new Map<string, number>();
  for (const group of codeGroups) {
    if (group.cause !== "compliance") unitsByCode.set(group.key, (unitsByCode.get(group.key) ?? 0) + group.units);
  }

  const nurseDocumentation = new Map(byNurseFindings.map((row) => [row.nurse, row._sum.valueCents ?? 0]));
  const byNurse: TNurseDocumentation[] = byNurseEncounters
    .map((row) => ({
      nurse: row.nurse,
      documentationCents: nurseDocumentation.get(row.nurse) ?? 0,
      missingStops: row._sum.missingStops ?? 0,
      administrations: row._sum.administrations ?? 0,
      encounters: row._sum.encounters ?? 0,
    }))
    .filter((row) => row.nurse !== "" && (row.documentationCents > 0 || row.missingStops > 0))
    .sort((a, b) => b.documentationCents - a.documentationCents || b.missingStops - a.missingStops || a.nurse.localeCompare(b.nurse));

  return {
    window,
    encounters: encounterTotals._sum.encounters ?? 0,
    totals: summarizeFindingSums(weekGroups, window),
    weekly: buildWeeklyLeakage(weekGroups, window, weekStartsOn),
    byCode: groupLeakageBy(codeGroups).map((entry) => ({ ...entry, units: unitsByCode.get(entry.key) ?? 0 })),
    byPayer: groupLeakageBy(byPayerSiteRows.map((row) => ({ ...sums({ ...row, kind: "" }), key: row.payer }))),
    bySite: groupLeakageBy(byPayerSiteRows.map((row) => ({ ...sums({ ...row, kind: "" }), key: row.site }))),
    byNurse,
    denials: {
      ...withDenialRates({
        lines: claimTotals._sum.lines ?? 0,
        deniedLines: claimTotals._sum.deniedLines ?? 0,
        billedCents: claimTotals._sum.billedCents ?? 0,
        deniedCents: claimTotals._sum.deniedCents ?? 0,
      }),
      ignoredFilters: ignoredFilters("claim", filters),
    },
    topDenialReasons: {
      reasons: reasonRows
        .map((row) => ({ group: row.group, reason: row.reason, lines: row._sum.lines ?? 0, amountCents: row._sum.amountCents ?? 0 }))
        .sort((a, b) => b.lines - a.lines || b.amountCents - a.amountCents || `${a.group}-${a.reason}`.localeCompare(`${b.group}-${b.reason}`))
        .slice(0, 8),
      ignoredFilters: ignoredFilters("denialReason", filters),
    },
  };
}

const overviewCache = createResultCache<TOverviewData>(64);

/**
 * getOverviewData behind a result cache keyed by the organization's data version (see
 * TDashboardOrganization.dataVersion): the first view of a filter set after a recompute runs the
 * queries, later views reuse the result until the next recompute.
 */
export function getOverviewDataCached(
  db: Db,
  organization: { id: string; analysisVersion: number; dataVersion: string; weekStartsOn: WeekStartsOn },
  filters: DashboardFilters,
): Promise<TOverviewData> {
  const key = JSON.stringify([organization.id, organization.dataVersion, organization.weekStartsOn, filters]);

  return overviewCache.get(key, () => getOverviewData(db, organization.id, organization.analysisVersion, filters, organization.weekStartsOn));
}
