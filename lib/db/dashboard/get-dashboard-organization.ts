import type { Db } from "../client";
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";

export type TAnalysisStatus = "idle" | "pending" | "running" | "failed";

export type TDashboardOrganization = {
  id: string;
  name: string;
  isDemo: boolean;
  timeZone: string;
  setting: string;
  weekStartsOn: WeekStartsOn;
  analysisStatus: TAnalysisStatus;
  analysisError: string | null;
  analyzedAt: Date | null;
  /**
   * The published analysis version (lib/db/analysis/analysis-version.ts), read once per request:
   * every analysis read of the request passes it on, so its panels show one version.
   */
  analysisVersion: number;
  /** Changes whenever what the dashboard shows may have changed (a published recompute, a settings change): cache key. */
  dataVersion: string;
};

const STATUSES: readonly TAnalysisStatus[] = ["idle", "pending", "running", "failed"];

/** The organization fields the dashboard needs (week start, analysis status, demo flag), or null. */
export async function getDashboardOrganization(db: Db, organizationId: string): Promise<TDashboardOrganization | null> {
  const row = await db.organization.findUnique({
    where: { id: organizationId },
    select: { id: true, name: true, isDemo: true, timeZone: true, setting: true, weekStartsOn: true, analysisStatus: true, analysisError: true, analyzedAt: true, analysisVersion: true, updatedAt: true },
  });
  if (!row) return null;
  const weekStartsOn = (Number.isInteger(row.weekStartsOn) && row.weekStartsOn >= 0 && row.weekStartsOn <= 6 ? row.weekStartsOn : 1) as WeekStartsOn;

  const { updatedAt, ...rest } = row;

  return {
    ...rest,
    dataVersion: `${row.analysisVersion}|${row.analyzedAt?.toISOString() ?? "never"}|${updatedAt.toISOString()}`,
    weekStartsOn,
    analysisStatus: STATUSES.includes(row.analysisStatus as TAnalysisStatus) ? (row.analysisStatus as TAnalysisStatus) : "idle",
  };
}
