/**
 * The reads behind "What changed since" (issue [11/12]) on the overview and in the client report:
 * the AnalysisSnapshot rows around a comparison instant, the dollars recovered since a day, and
 * the practice's previous client report. The comparison itself is pure
 * (lib/dashboard/compare-snapshots.ts). The whole practice: dashboard filters do not apply.
 */
import { parseSnapshotFigures } from "@/lib/dashboard/analysis-snapshot-figures";
import { compareSnapshots, type TAnalysisChanges, type TSnapshotPoint } from "@/lib/dashboard/compare-snapshots";
import { REPORT_GENERATED_ACTION } from "@/lib/report/report-audit";
import { RECOVERED_STATUSES } from "@/lib/worklist/finding-workflow";
import type { Db } from "../client";

type TSnapshotRow = { analysisVersion: number; publishedAt: Date; figures: string };

const SNAPSHOT_FIELDS = { analysisVersion: true, publishedAt: true, figures: true } as const;

function toPoints(rows: readonly TSnapshotRow[]): TSnapshotPoint[] {
  return rows.flatMap((row) => {
    const figures = parseSnapshotFigures(row.figures);
    return figures ? [{ analysisVersion: row.analysisVersion, publishedAt: row.publishedAt, figures }] : [];
  });
}

/**
 * The snapshot a comparison from `at` starts at — the last published at or before `at`, or, when
 * there is none, the first one (`startsAtFirstAnalysis`) — and every snapshot after it up to
 * `analysisVersion` (the version the request reads), oldest first. Null when the practice has no
 * snapshot up to that version yet.
 */
export async function getSnapshotsForComparison(
  db: Db,
  input: { organizationId: string; analysisVersion: number; at: Date },
): Promise<{ baseline: TSnapshotPoint; later: TSnapshotPoint[]; startsAtFirstAnalysis: boolean } | null> {
  const { organizationId, analysisVersion } = input;
  const upToCurrent = { organizationId, analysisVersion: { lte: analysisVersion } };
  const before = await db.analysisSnapshot.findFirst({ where: { ...upToCurrent, publishedAt: { lte: input.at } }, orderBy: { analysisVersion: "desc" }, select: SNAPSHOT_FIELDS });
  const baselineRow = before ?? (await db.analysisSnapshot.findFirst({ where: upToCurrent, orderBy: { analysisVersion: "asc" }, select: SNAPSHOT_FIELDS }));
  if (!baselineRow) return null;
  const [baseline] = toPoints([baselineRow]);
  if (!baseline) return null;
  const laterRows = await db.analysisSnapshot.findMany({
    where: { organizationId, analysisVersion: { gt: baselineRow.analysisVersion, lte: analysisVersion } },
    orderBy: { analysisVersion: "asc" },
    select: SNAPSHOT_FIELDS,
  });

  return { baseline, later: toPoints(laterRows), startsAtFirstAnalysis: before === null };
}

/** Dollars recovered (recovered and partially recovered work) paid or recorded on or after `since` ('YYYY-MM-DD'). */
export async function sumRecoveredSince(db: Db, organizationId: string, since: string): Promise<{ count: number; valueCents: number }> {
  const recovered = await db.findingWork.aggregate({
    where: { organizationId, status: { in: [...RECOVERED_STATUSES] }, recoveredCents: { not: null }, recoveredOn: { gte: since } },
    _sum: { recoveredCents: true },
    _count: true,
  });

  return { count: recovered._count, valueCents: Number(recovered._sum.recoveredCents ?? 0) };
}

/** When the practice's last client report before `before` was generated (its audit event), or null. */
export async function findPreviousReportAt(db: Db, organizationId: string, before: Date): Promise<Date | null> {
  const event = await db.auditEvent.findFirst({
    where: { organizationId, action: REPORT_GENERATED_ACTION, createdAt: { lt: before } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });

  return event?.createdAt ?? null;
}

/**
 * What changed in the practice's analysis from `at` (the comparison instant) to `analysisVersion`,
 * with the dollars recovered from `since` (the comparison day, 'YYYY-MM-DD'). Null without any
 * snapshot (no analysis published since snapshots were introduced).
 */
export async function getAnalysisChanges(db: Db, input: { organizationId: string; analysisVersion: number; at: Date; since: string }): Promise<TAnalysisChanges | null> {
  const [snapshots, recovered] = await Promise.all([getSnapshotsForComparison(db, input), sumRecoveredSince(db, input.organizationId, input.since)]);
  if (!snapshots) return null;

  return compareSnapshots({ ...snapshots, recovered });
}
