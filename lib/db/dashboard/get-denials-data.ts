import type { AnalysisWindow } from "@/lib/analysis/annualize";
import { listWeekStarts, type WeekStartsOn } from "@/lib/analysis/week-bucket";
import type { DashboardFilters } from "@/lib/dashboard/filters";
import { resolveWindow } from "@/lib/dashboard/resolve-window";
import { withDenialRates, type TDenialRates } from "@/lib/dashboard/summarize-rollups";
import type { Db } from "../client";
import { buildRollupWhere, ignoredFilters } from "./rollup-where";
import { createResultCache } from "./result-cache";

export type TWeeklyDenials = TDenialRates & { weekStart: string };
export type TPayerDenials = TDenialRates & { payer: string; unitCutLines: number; unitCutUnits: number; paidCents: number };
export type TCodeDenials = TDenialRates & { code: string; isAddOn: boolean; unitCutLines: number; unitCutUnits: number };
export type TReasonDenials = { group: string; reason: string; lines: number; amountCents: number; payers: number };
export type TRecoupments = { payer: string; findings: number; valueCents: number };
export type TUnitCutFindings = { payer: string; findings: number; units: number; valueCents: number };

export type TDenialsData = {
  window: AnalysisWindow | null;
  totals: TDenialRates & { paidCents: number; unitCutLines: number; unitCutUnits: number };
  addOns: TDenialRates;
  weekly: TWeeklyDenials[];
  byPayer: TPayerDenials[];
  byCode: TCodeDenials[];
  byReason: TReasonDenials[];
  /** Payer findings of kind `unit_cut` (correctly coded lines paid for fewer units), valued. */
  unitCutFindings: TUnitCutFindings[];
  /** Payer findings of kind `recoupment` (PLB take-backs tied to a claim). */
  recoupments: TRecoupments[];
  /** Active filters the claim rollups cannot apply (nurse, setting, cause). */
  ignoredFilters: string[];
};

type TClaimSums = {
  _sum: {
    lines: number | null;
    deniedLines: number | null;
    billedCents: number | null;
    deniedCents: number | null;
    paidCents?: number | null;
    unitCutLines?: number | null;
    unitCutUnits?: number | null;
  };
};

function rates(row: TClaimSums): TDenialRates {
  return withDenialRates({
    lines: row._sum.lines ?? 0,
    deniedLines: row._sum.deniedLines ?? 0,
    billedCents: row._sum.billedCents ?? 0,
    deniedCents: row._sum.deniedCents ?? 0,
  });
}

const SUM_CLAIMS = { lines: true, deniedLines: true, billedCents: true, deniedCents: true, paidCents: true, unitCutLines: true, unitCutUnits: true } as const;

/**
 * The denials screen (spec §5.5): netted claim lines from ClaimRollup, denial reasons from
 * DenialReasonRollup, recoupments and unit-cut values from FindingRollup; all plain groupBy.
 * Findings-based panels honour every filter; claim-based ones only dates, payer and site.
 */
export async function getDenialsData(
  db: Db,
  organizationId: string,
  analysisVersion: number,
  filters: DashboardFilters,
  weekStartsOn: WeekStartsOn = 1,
): Promise<TDenialsData> {
  const claimWhere = buildRollupWhere("claim", organizationId, analysisVersion, filters, weekStartsOn);
  const reasonWhere = buildRollupWhere("denialReason", organizationId, analysisVersion, filters, weekStartsOn);
  const findingWhere = buildRollupWhere("finding", organizationId, analysisVersion, { ...filters, cause: undefined }, weekStartsOn);
  const encounterWhere = buildRollupWhere("encounter", organizationId, analysisVersion, filters, weekStartsOn);

  const [span, totalsRow, byWeekRows, byPayerRows, byCodeRows, reasonRows, reasonPayerRows, payerFindingRows] = await Promise.all([
    db.encounterRollup.aggregate({ where: encounterWhere, _min: { firstDate: true }, _max: { lastDate: true } }),
    db.claimRollup.aggregate({ where: claimWhere, _sum: SUM_CLAIMS }),
    db.claimRollup.groupBy({ by: ["weekStart"], where: claimWhere, _sum: SUM_CLAIMS }),
    db.claimRollup.groupBy({ by: ["payer"], where: claimWhere, _sum: SUM_CLAIMS }),
    db.claimRollup.groupBy({ by: ["code", "isAddOn"], where: claimWhere, _sum: SUM_CLAIMS }),
    db.denialReasonRollup.groupBy({ by: ["group", "reason"], where: reasonWhere, _sum: { lines: true, amountCents: true } }),
    db.denialReasonRollup.groupBy({ by: ["group", "reason", "payer"], where: reasonWhere, _sum: { lines: true } }),
    db.findingRollup.groupBy({ by: ["payer", "kind"], where: { ...findingWhere, cause: "payer", kind: { in: ["recoupment", "unit_cut"] } }, _sum: { valueCents: true, units: true, findings: true } }),
  ]);

  const window = resolveWindow(filters, span._min.firstDate ?? null, span._max.lastDate ?? null, weekStartsOn);
  const weekRows = new Map(byWeekRows.map((row) => [row.weekStart, rates(row)]));
  const weekly: TWeeklyDenials[] = window
    ? listWeekStarts(window.from, window.to, weekStartsOn).map((weekStart) => ({
        weekStart,
        ...(weekRows.get(weekStart) ?? withDenialRates({ lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0 })),
      }))
    : [];

  const addOnSums = { lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0 };
  for (const row of byCodeRows) {
    if (!row.isAddOn) continue;
    addOnSums.lines += row._sum.lines ?? 0;
    addOnSums.deniedLines += row._sum.deniedLines ?? 0;
    addOnSums.billedCents += row._sum.billedCents ?? 0;
    addOnSums.deniedCents += row._sum.deniedCents ?? 0;
  }

  const payersByReason = new Map<string, number>();
  for (const row of reasonPayerRows) {
    if ((row._sum.lines ?? 0) <= 0) continue;
    const key = `${row.group}-${row.reason}`;
    payersByReason.set(key, (payersByReason.get(key) ?? 0) + 1);
  }

  const recoupments: TRecoupments[] = [];
  const unitCutFindings: TUnitCutFindings[] = [];
  for (const row of payerFindingRows) {
    const entry = { payer: row.payer, findings: row._sum.findings ?? 0, valueCents: row._sum.valueCents ?? 0 };
    if (row.kind === "recoupment") recoupments.push(entry);
    else unitCutFindings.push({ ...entry, units: row._sum.units ?? 0 });
  }
  const byValue = (a: { valueCents: number; payer: string }, b: { valueCents: number; payer: string }) => b.valueCents - a.valueCents || a.payer.localeCompare(b.payer);

  return {
    window,
    totals: {
      ...rates(totalsRow),
      paidCents: totalsRow._sum.paidCents ?? 0,
      unitCutLines: totalsRow._sum.unitCutLines ?? 0,
      unitCutUnits: totalsRow._sum.unitCutUnits ?? 0,
    },
    addOns: withDenialRates(addOnSums),
    weekly,
    byPayer: byPayerRows
      .map((row) => ({
        payer: row.payer,
        ...rates(row),
        paidCents: row._sum.paidCents ?? 0,
        unitCutLines: row._sum.unitCutLines ?? 0,
        unitCutUnits: row._sum.unitCutUnits ?? 0,
      }))
      .sort((a, b) => b.deniedCents - a.deniedCents || b.lines - a.lines || a.payer.localeCompare(b.payer)),
    byCode: byCodeRows
      .map((row) => ({ code: row.code, isAddOn: row.isAddOn, ...rates(row), unitCutLines: row._sum.unitCutLines ?? 0, unitCutUnits: row._sum.unitCutUnits ?? 0 }))
      .sort((a, b) => b.deniedCents - a.deniedCents || b.lines - a.lines || a.code.localeCompare(b.code)),
    byReason: reasonRows
      .map((row) => ({
        group: row.group,
        reason: row.reason,
        lines: row._sum.lines ?? 0,
        amountCents: row._sum.amountCents ?? 0,
        payers: payersByReason.get(`${row.group}-${row.reason}`) ?? 0,
      }))
      .sort((a, b) => b.lines - a.lines || b.amountCents - a.amountCents || `${a.group}-${a.reason}`.localeCompare(`${b.group}-${b.reason}`)),
    unitCutFindings: unitCutFindings.sort(byValue),
    recoupments: recoupments.sort(byValue),
    ignoredFilters: ignoredFilters("claim", filters),
  };
}

const denialsCache = createResultCache<TDenialsData>(32);

/** getDenialsData behind the same data-version cache as the overview. */
export function getDenialsDataCached(
  db: Db,
  organization: { id: string; analysisVersion: number; dataVersion: string; weekStartsOn: WeekStartsOn },
  filters: DashboardFilters,
): Promise<TDenialsData> {
  const key = JSON.stringify([organization.id, organization.dataVersion, organization.weekStartsOn, filters]);

  return denialsCache.get(key, () => getDenialsData(db, organization.id, organization.analysisVersion, filters, organization.weekStartsOn));
}
