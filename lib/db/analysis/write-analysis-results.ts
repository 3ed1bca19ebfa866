/**
 * Writes of the recompute, inside its one transaction: clear the Finding and rollup rows of the
 * weeks being recomputed, insert the new ones (raw multi-row inserts), replace the CodedLine rows of
 * the encounters analyzed (the engine output under the settings the findings used, issue 13), and
 * the organization's analysis status.
 */
import type { SqlValue } from "../import/bulk-writer";
import type { WeekResult } from "@/lib/analysis/week-analysis";
import { inList, insertRows, type AnalysisConnection, type PgType } from "./connection";

export const RESULT_TABLES = ["Finding", "FindingRollup", "EncounterRollup", "ClaimRollup", "DenialReasonRollup"] as const;

/** Deletes the organization's findings and rollups of `weeks` ("all": every week). */
export async function deleteAnalysisResults(connection: AnalysisConnection, organizationId: string, weeks: readonly string[] | "all"): Promise<void> {
  for (const table of RESULT_TABLES) {
    if (weeks === "all") {
      await connection.execute(`DELETE FROM "${table}" WHERE "organizationId"=?`, [organizationId]);
      continue;
    }
    for (let i = 0; i < weeks.length; i += 500) {
      const chunk = weeks.slice(i, i + 500);
      await connection.execute(`DELETE FROM "${table}" WHERE "organizationId"=? AND "weekStart" IN (${inList(chunk.length)})`, [organizationId, ...chunk]);
    }
  }
}

const col = (name: string, pg: PgType) => ({ name, pg });

const FINDING_COLUMNS = [
  col("organizationId", "text"), col("encounterId", "int4"), col("claimLineId", "int4"), col("kind", "text"), col("cause", "text"),
  col("code", "text"), col("units", "int4"), col("valueCents", "int4"), col("valueSource", "text"), col("isEstimate", "bool"),
  col("explanation", "text"), col("dateOfService", "text"), col("weekStart", "text"), col("payer", "text"), col("site", "text"),
  col("nurse", "text"), col("setting", "text"), col("claimId", "text"), col("filingDeadline", "text"), col("engineVersion", "text"),
  col("createdAt", "timestamp"),
];
const CODED_LINE_COLUMNS = [
  col("organizationId", "text"), col("encounterId", "int4"), col("engineVersion", "text"), col("code", "text"), col("units", "int4"),
  col("modifiers", "text"), col("dateOfService", "text"), col("weekStart", "text"), col("position", "int4"), col("explanation", "text"),
  col("administrationIds", "text"), col("createdAt", "timestamp"),
];
const FINDING_ROLLUP_COLUMNS = [
  col("organizationId", "text"), col("weekStart", "text"), col("payer", "text"), col("site", "text"), col("nurse", "text"),
  col("setting", "text"), col("cause", "text"), col("kind", "text"), col("code", "text"), col("findings", "int4"), col("units", "int4"),
  col("valueCents", "int4"),
];
const ENCOUNTER_ROLLUP_COLUMNS = [
  col("organizationId", "text"), col("weekStart", "text"), col("payer", "text"), col("site", "text"), col("nurse", "text"),
  col("setting", "text"), col("encounters", "int4"), col("administrations", "int4"), col("missingStops", "int4"), col("firstDate", "text"),
  col("lastDate", "text"),
];
const CLAIM_ROLLUP_COLUMNS = [
  col("organizationId", "text"), col("weekStart", "text"), col("payer", "text"), col("site", "text"), col("code", "text"),
  col("isAddOn", "bool"), col("lines", "int4"), col("deniedLines", "int4"), col("billedCents", "int4"), col("deniedCents", "int4"),
  col("paidCents", "int4"), col("unitCutLines", "int4"), col("unitCutUnits", "int4"),
];
const DENIAL_REASON_COLUMNS = [
  col("organizationId", "text"), col("weekStart", "text"), col("payer", "text"), col("code", "text"), col("group", "text"),
  col("reason", "text"), col("lines", "int4"), col("amountCents", "int4"),
];

/** Inserts one week's (or several weeks') results. `createdAtMs` stamps Finding.createdAt. */
export async function insertAnalysisResults(connection: AnalysisConnection, organizationId: string, result: Omit<WeekResult, "encounters">, createdAtMs: number): Promise<void> {
  const createdAt = connection.instant(createdAtMs);
  const bool = (value: boolean) => connection.bool(value) as SqlValue;
  await insertRows(
    connection,
    "Finding",
    FINDING_COLUMNS,
    result.findings.map((f) => [
      organizationId, f.encounterId, f.claimLineId, f.kind, f.cause, f.code, f.units, f.valueCents, f.valueSource, bool(f.isEstimate),
      f.explanation, f.dateOfService, f.weekStart, f.payer, f.site, f.nurse, f.setting, f.claimId, f.filingDeadline, f.engineVersion, createdAt,
    ]),
  );
  // CodedLine rows are read per encounter (index on encounterId): replace those of the encounters analyzed.
  for (let i = 0; i < result.codedEncounterIds.length; i += 500) {
    const chunk = result.codedEncounterIds.slice(i, i + 500);
    await connection.execute(`DELETE FROM "CodedLine" WHERE "encounterId" IN (${inList(chunk.length)}) AND "organizationId"=?`, [...chunk, organizationId]);
  }
  await insertRows(
    connection,
    "CodedLine",
    CODED_LINE_COLUMNS,
    result.codedLines.map((l) => [
      organizationId, l.encounterId, l.engineVersion, l.code, l.units, l.modifiers, l.dateOfService, l.weekStart, l.position, l.explanation,
      l.administrationIds, createdAt,
    ]),
  );
  await insertRows(
    connection,
    "FindingRollup",
    FINDING_ROLLUP_COLUMNS,
    result.findingRollups.map((r) => [organizationId, r.weekStart, r.payer, r.site, r.nurse, r.setting, r.cause, r.kind, r.code, r.findings, r.units, r.valueCents]),
  );
  await insertRows(
    connection,
    "EncounterRollup",
    ENCOUNTER_ROLLUP_COLUMNS,
    result.encounterRollups.map((r) => [
      organizationId, r.weekStart, r.payer, r.site, r.nurse, r.setting, r.encounters, r.administrations, r.missingStops, r.firstDate, r.lastDate,
    ]),
  );
  await insertRows(
    connection,
    "ClaimRollup",
    CLAIM_ROLLUP_COLUMNS,
    result.claimRollups.map((r) => [
      organizationId, r.weekStart, r.payer, r.site, r.code, bool(r.isAddOn), r.lines, r.deniedLines, r.billedCents, r.deniedCents, r.paidCents,
      r.unitCutLines, r.unitCutUnits,
    ]),
  );
  await insertRows(
    connection,
    "DenialReasonRollup",
    DENIAL_REASON_COLUMNS,
    result.denialReasonRollups.map((r) => [organizationId, r.weekStart, r.payer, r.code, r.group, r.reason, r.lines, r.amountCents]),
  );
}

export type AnalysisStatus = "idle" | "pending" | "running" | "failed";

/** Sets analysisStatus (and clears or sets analysisError); outside or inside a transaction. */
export async function setAnalysisStatus(connection: AnalysisConnection, organizationId: string, status: AnalysisStatus, error?: string | null): Promise<void> {
  const now = new Date();
  if (status === "failed") {
    await connection.execute(`UPDATE "Organization" SET "analysisStatus"=?, "analysisError"=?, "updatedAt"=? WHERE "id"=?`, [
      status, (error ?? "analysis failed").split("\n")[0]!.slice(0, 1000), now, organizationId,
    ]);
    return;
  }
  await connection.execute(`UPDATE "Organization" SET "analysisStatus"=?, "updatedAt"=? WHERE "id"=?`, [status, now, organizationId]);
}

/** Marks the analysis done: idle, no error, analyzedAt and the engine version. Call inside the transaction. */
export async function markAnalysisDone(connection: AnalysisConnection, organizationId: string, engineVersion: string, analyzedAt: Date): Promise<void> {
  await connection.execute(
    `UPDATE "Organization" SET "analysisStatus"='idle', "analysisError"=NULL, "analyzedAt"=?, "analysisEngineVersion"=?, "updatedAt"=? WHERE "id"=?`,
    [analyzedAt, engineVersion, analyzedAt, organizationId],
  );
}
