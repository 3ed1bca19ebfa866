/**
 * Analysis versions: how readers see one consistent analysis while a recompute writes the next.
 *
 * Every row of the analysis tables (Finding, the five rollups, CodedLine, AnalysisDependency) carries
 * the version that wrote it (`analysisVersion`) and the version that replaced it (`retiredInVersion`,
 * NOT_RETIRED until then). Organization.analysisVersion is the published version P. A reader sees
 * exactly the rows with `analysisVersion <= P < retiredInVersion`.
 *
 * A recompute writes version P + 1 in short transactions: new rows with analysisVersion = P + 1
 * (invisible: above P) and, for the weeks it rebuilds, the old rows marked retiredInVersion = P + 1
 * (still visible: P < P + 1). Publishing is one UPDATE of Organization.analysisVersion: from then on
 * the new rows are visible and the replaced ones are not. Replaced rows (and the rows of a recompute
 * that failed) are deleted afterwards, in small batches.
 */
import type { Db } from "../client";

/** retiredInVersion of a row no version has replaced (the largest int4, so both providers store it). */
export const NOT_RETIRED = 2_147_483_647;

/** The tables whose rows are versioned. */
export const VERSIONED_TABLES = ["Finding", "FindingRollup", "FindingSummaryRollup", "EncounterRollup", "ClaimRollup", "DenialReasonRollup", "CodedLine", "AnalysisDependency"] as const;

/** Prisma `where` fields for the rows visible at `version`; spread them into a where object. */
export function visibleAt(version: number): { analysisVersion: { lte: number }; retiredInVersion: { gt: number } } {
  return { analysisVersion: { lte: version }, retiredInVersion: { gt: version } };
}

/**
 * The same as SQL, for raw queries: `"analysisVersion" <= ? AND "retiredInVersion" > ?` (with the
 * table alias, if any) and its two parameters.
 */
export function visibleAtSql(version: number, alias?: string): { sql: string; params: [number, number] } {
  const prefix = alias ? `${alias}.` : "";
  return { sql: `${prefix}"analysisVersion" <= ? AND ${prefix}"retiredInVersion" > ?`, params: [version, version] };
}

/** The organization's published analysis version (0 before its first recompute; null: no such organization). */
export async function getPublishedAnalysisVersion(db: Db, organizationId: string): Promise<number | null> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { analysisVersion: true } });

  return organization?.analysisVersion ?? null;
}
