import type { TLeakageCause } from "@/lib/dashboard/causes";
import { LEAKAGE_CAUSES } from "@/lib/dashboard/causes";
import { visibleAt } from "./analysis/analysis-version";
import type { Db } from "./client";
import { getDashboardOrganization, getOverviewDataCached, type TAnalysisStatus } from "./dashboard";
import type { TMembershipRole } from "./types";

/** Weeks of leakage the portfolio's sparkline draws (the most recent ones). */
export const SPARKLINE_WEEKS = 13;

/** One membership as lib/auth checked it: the practice and the user's role there. */
export type TPortfolioMembership = { id: string; name: string; slug: string; isDemo: boolean; role: TMembershipRole };

/** A practice's figures: exactly the overview's with no filter (same loader, same cache). */
export type TPortfolioFigures = {
  annualizedLeakageCents: number;
  weeklyLeakageCents: number;
  lostAddOnHoursPerWeek: number;
  /** The cause with the most leakage; null when there is none. Compliance exposure is never a candidate. */
  largestCause: TLeakageCause | null;
  largestCauseCents: number;
  /** Denied lines ÷ lines (the overview's denial rate); null without claim lines. */
  denialRate: number | null;
  /** The last SPARKLINE_WEEKS weeks of the overview's weekly leakage, oldest first (fewer when the data is shorter). */
  recentWeeks: { weekStart: string; leakageCents: number }[];
  /** First and last date of service; null before any encounter. */
  coverage: { from: string; to: string } | null;
};

export type TPortfolioImport = { fileName: string; finishedAt: Date };

export type TPortfolioRow = TPortfolioMembership & {
  /** The practice's time zone (an import's date reads in it). */
  timeZone: string;
  figures: TPortfolioFigures;
  analysisStatus: TAnalysisStatus;
  /** The latest import that succeeded, or null. */
  lastImport: TPortfolioImport | null;
};

/** The leakage cause with the most dollars (ties in the causes' order), or null when all are zero. */
export function largestCauseOf(byCause: Record<TLeakageCause, number>): TLeakageCause | null {
  let largest: TLeakageCause | null = null;
  for (const cause of LEAKAGE_CAUSES) {
    if (byCause[cause] > 0 && (largest === null || byCause[cause] > byCause[largest])) largest = cause;
  }

  return largest;
}

async function loadLastImport(db: Db, organizationId: string): Promise<TPortfolioImport | null> {
  const batch = await db.importBatch.findFirst({
    where: { organizationId, status: "succeeded", finishedAt: { not: null } },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    select: { fileName: true, finishedAt: true },
  });

  return batch?.finishedAt ? { fileName: batch.fileName, finishedAt: batch.finishedAt } : null;
}

/**
 * One portfolio row per membership the caller has checked (lib/auth: the user's own memberships,
 * never a request parameter). Each practice's figures come from the overview's cached loader with
 * no filter, so they equal what its overview shows. A practice deleted meanwhile is left out.
 */
export async function loadPortfolioRows(db: Db, memberships: readonly TPortfolioMembership[]): Promise<TPortfolioRow[]> {
  const rows = await Promise.all(
    memberships.map(async (membership): Promise<TPortfolioRow | null> => {
      const organization = await getDashboardOrganization(db, membership.id);
      if (!organization) return null;
      const [overview, lastImport, dates] = await Promise.all([
        getOverviewDataCached(db, organization, {}),
        loadLastImport(db, organization.id),
        db.encounterRollup.aggregate({ where: { organizationId: organization.id, ...visibleAt(organization.analysisVersion) }, _min: { firstDate: true }, _max: { lastDate: true } }),
      ]);
      const { totals } = overview;
      const firstDate = dates._min.firstDate ?? null;
      const lastDate = dates._max.lastDate ?? null;

      return {
        ...membership,
        name: organization.name,
        timeZone: organization.timeZone,
        analysisStatus: organization.analysisStatus,
        lastImport,
        figures: {
          annualizedLeakageCents: totals.annualizedLeakageCents,
          weeklyLeakageCents: totals.weeklyLeakageCents,
          lostAddOnHoursPerWeek: totals.lostAddOnHoursPerWeek,
          largestCause: largestCauseOf(totals.byCause),
          largestCauseCents: Math.max(0, ...LEAKAGE_CAUSES.map((cause) => totals.byCause[cause])),
          denialRate: overview.denials.lineRate,
          recentWeeks: overview.weekly.slice(-SPARKLINE_WEEKS).map((week) => ({ weekStart: week.weekStart, leakageCents: week.leakageCents })),
          coverage: firstDate && lastDate ? { from: firstDate, to: lastDate } : null,
        },
      };
    }),
  );

  return rows.filter((row): row is TPortfolioRow => row !== null);
}
