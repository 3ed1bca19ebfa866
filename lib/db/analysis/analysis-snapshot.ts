/**
 * One AnalysisSnapshot row per published analysis version (issue [11/12], "what changed since"):
 * the overview's whole-practice figures at that version and the findings it added and resolved.
 *
 * Two steps, so the SQLite write lock is not held while reading: `measureAnalysisSnapshot` runs
 * after the recompute has written every week and before the publishing transaction opens (the new
 * version's rows and the retired marks are all in the database by then, and the recompute's lease
 * keeps anyone else from changing them); `recordAnalysisSnapshot` inserts the row inside the
 * publishing transaction, so a snapshot exists exactly for the versions that were published.
 *
 * Cost: the totals come from the rollup tables the overview reads (a few thousand rows); the
 * finding diff reads only the rebuilt weeks' Finding rows (by the week index), each looked up by
 * its encounter (the encounter index).
 */
import type { WeekStartsOn } from "@/lib/analysis/week-bucket";
import { emptyTallyByCause, type TAnalysisSnapshotFigures, type TFindingTally } from "@/lib/dashboard/analysis-snapshot-figures";
import { isCause, type TCause } from "@/lib/dashboard/causes";
import { resolveWindow } from "@/lib/dashboard/resolve-window";
import { summarizeFindingSums } from "@/lib/dashboard/summarize-rollups";
import { visibleAtSql } from "./analysis-version";
import { inList, sqliteIndexedBy, toInt, type AnalysisConnection } from "./connection";

/** Rebuilt weeks per diff query (an IN list; a full recompute of ten years is ~520 weeks). */
const WEEKS_PER_QUERY = 200;

type TCauseSumRow = { cause: string; findings: unknown; valueCents: unknown };

/**
 * The findings on one side of the diff whose key the other side lacks, summed by cause. A finding's
 * key is its encounter, kind and code (COALESCE(code, '')), as FindingWork keys it; Encounter is
 * unique by (organizationId, externalEncounterId), so its id stands for the source's encounter id
 * and the lookup uses the encounter index. The other side is searched in every week: an encounter
 * whose date moved to another rebuilt week keeps its findings.
 */
async function tallyUnmatchedFindings(
  connection: AnalysisConnection,
  organizationId: string,
  version: number,
  weeks: readonly string[],
  side: "new" | "retired",
): Promise<Record<TCause, TFindingTally>> {
  const tally = emptyTallyByCause();
  const [own, other] = side === "new" ? ['"analysisVersion"', '"retiredInVersion"'] : ['"retiredInVersion"', '"analysisVersion"'];
  for (let i = 0; i < weeks.length; i += WEEKS_PER_QUERY) {
    const chunk = weeks.slice(i, i + WEEKS_PER_QUERY);
    const rows = await connection.query<TCauseSumRow>(
      `SELECT f."cause" AS "cause", COUNT(*) AS "findings", SUM(f."valueCents") AS "valueCents"
       FROM "Finding" f${sqliteIndexedBy(connection, "Finding_organizationId_weekStart_idx")}
       WHERE f."organizationId"=? AND f."weekStart" IN (${inList(chunk.length)}) AND f.${own}=?
         AND NOT EXISTS (
           SELECT 1 FROM "Finding" o${sqliteIndexedBy(connection, "Finding_encounterId_organizationId_idx")}
           WHERE o."encounterId"=f."encounterId" AND o."organizationId"=f."organizationId" AND o.${other}=?
             AND o."kind"=f."kind" AND COALESCE(o."code", '')=COALESCE(f."code", ''))
       GROUP BY f."cause"`,
      [organizationId, ...chunk, version, version],
    );
    for (const row of rows) {
      if (!isCause(row.cause)) continue;
      tally[row.cause].count += toInt(row.findings);
      tally[row.cause].valueCents += toInt(row.valueCents);
    }
  }

  return tally;
}

/**
 * The whole practice's overview figures at `version` (what getOverviewData returns with no filter,
 * from the same rollups and the same shaping) and the diff of the findings `version` wrote in the
 * rebuilt weeks against the rows it retired there.
 */
export async function measureAnalysisSnapshot(
  connection: AnalysisConnection,
  organizationId: string,
  input: { version: number; rebuiltWeeks: readonly string[]; weekStartsOn: WeekStartsOn },
): Promise<TAnalysisSnapshotFigures> {
  const { version, weekStartsOn } = input;
  const visible = visibleAtSql(version);
  const findingSums = await connection.query<{ cause: string; kind: string; valueCents: unknown; units: unknown; findings: unknown }>(
    `SELECT "cause", "kind", SUM("valueCents") AS "valueCents", SUM("units") AS "units", SUM("findings") AS "findings"
     FROM "FindingSummaryRollup" WHERE "organizationId"=? AND ${visible.sql} GROUP BY "cause", "kind"`,
    [organizationId, ...visible.params],
  );
  const [span] = await connection.query<{ encounters: unknown; firstDate: string | null; lastDate: string | null }>(
    `SELECT SUM("encounters") AS "encounters", MIN("firstDate") AS "firstDate", MAX("lastDate") AS "lastDate"
     FROM "EncounterRollup" WHERE "organizationId"=? AND ${visible.sql}`,
    [organizationId, ...visible.params],
  );
  const claimSums = await connection.query<{ payer: string; lines: unknown; deniedLines: unknown; billedCents: unknown; deniedCents: unknown }>(
    `SELECT "payer", SUM("lines") AS "lines", SUM("deniedLines") AS "deniedLines", SUM("billedCents") AS "billedCents", SUM("deniedCents") AS "deniedCents"
     FROM "ClaimRollup" WHERE "organizationId"=? AND ${visible.sql} GROUP BY "payer"`,
    [organizationId, ...visible.params],
  );

  const window = resolveWindow({}, span?.firstDate ?? null, span?.lastDate ?? null, weekStartsOn);
  const totals = summarizeFindingSums(
    findingSums.map((row) => ({ cause: row.cause, kind: row.kind, valueCents: toInt(row.valueCents), units: toInt(row.units), findings: toInt(row.findings) })),
    window,
  );
  const denials = { lines: 0, deniedLines: 0, billedCents: 0, deniedCents: 0 };
  const payerDenials = claimSums
    .map((row) => {
      const sums = { lines: toInt(row.lines), deniedLines: toInt(row.deniedLines), billedCents: toInt(row.billedCents), deniedCents: toInt(row.deniedCents) };
      denials.lines += sums.lines;
      denials.deniedLines += sums.deniedLines;
      denials.billedCents += sums.billedCents;
      denials.deniedCents += sums.deniedCents;

      return { payer: row.payer, lines: sums.lines, deniedLines: sums.deniedLines };
    })
    .filter((row) => row.lines > 0)
    .sort((a, b) => a.payer.localeCompare(b.payer));

  const weeks = [...new Set(input.rebuiltWeeks)];

  return {
    encounters: toInt(span?.encounters),
    window,
    leakageCents: totals.leakageCents,
    weeklyLeakageCents: totals.weeklyLeakageCents,
    annualizedLeakageCents: totals.annualizedLeakageCents,
    leakageByCause: totals.byCause,
    lostAddOnHours: totals.lostAddOnHours,
    lostAddOnHoursPerWeek: totals.lostAddOnHoursPerWeek,
    findings: totals.findings,
    complianceExposureCents: totals.complianceExposureCents,
    complianceFindings: totals.complianceFindings,
    denials,
    payerDenials,
    newFindingsByCause: await tallyUnmatchedFindings(connection, organizationId, version, weeks, "new"),
    resolvedFindingsByCause: await tallyUnmatchedFindings(connection, organizationId, version, weeks, "retired"),
  };
}

/** Stores the snapshot of `version`; call inside the transaction that publishes it. */
export async function recordAnalysisSnapshot(
  connection: AnalysisConnection,
  organizationId: string,
  snapshot: { version: number; publishedAt: Date; figures: TAnalysisSnapshotFigures },
): Promise<void> {
  await connection.execute(`INSERT INTO "AnalysisSnapshot" ("organizationId", "analysisVersion", "publishedAt", "figures") VALUES (?, ?, ?, ?)`, [
    organizationId,
    snapshot.version,
    snapshot.publishedAt,
    JSON.stringify(snapshot.figures),
  ]);
}
