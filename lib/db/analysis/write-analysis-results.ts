/**
 * Writes of the recompute, in short transactions (lib/db/analysis/analysis-version.ts): a week's
 * new Finding, rollup, CodedLine and AnalysisDependency rows are written as the next analysis
 * version (invisible until it is published), the rows they replace are marked retired in that
 * version (still visible until then), publishing is one UPDATE of the organization, and the
 * replaced rows are deleted afterwards. Also the organization's analysis status and lease.
 */
import { hostname } from "node:os";
import type { SqlValue } from "../import/bulk-writer";
import type { WeekResult } from "@/lib/analysis/week-analysis";
import { NOT_RETIRED, VERSIONED_TABLES } from "./analysis-version";
import { insertRows, type AnalysisConnection } from "./connection";

/** Tables whose rows carry a weekStart the week's rows are found by (CodedLine: through its encounter). */
const WEEK_TABLES = ["Finding", "FindingRollup", "FindingSummaryRollup", "EncounterRollup", "ClaimRollup", "DenialReasonRollup", "AnalysisDependency"] as const;
const CODED_LINES_OF_WEEK = `"encounterId" IN (SELECT "id" FROM "Encounter" WHERE "organizationId"=? AND "weekStart"=?)`;

/**
 * Marks the rows of `week` visible at `published` as replaced by `version`. Readers still see them
 * (they read at `published`) until `version` is published.
 */
export async function retireWeekResults(connection: AnalysisConnection, organizationId: string, week: string, published: number, version: number): Promise<void> {
  for (const table of WEEK_TABLES) {
    await connection.execute(
      `UPDATE "${table}" SET "retiredInVersion"=? WHERE "organizationId"=? AND "weekStart"=? AND "analysisVersion"<=? AND "retiredInVersion"=?`,
      [version, organizationId, week, published, NOT_RETIRED],
    );
  }
  await connection.execute(
    `UPDATE "CodedLine" SET "retiredInVersion"=? WHERE ${CODED_LINES_OF_WEEK} AND "organizationId"=? AND "analysisVersion"<=? AND "retiredInVersion"=?`,
    [version, organizationId, week, organizationId, published, NOT_RETIRED],
  );
}

/** Deletes the rows of `week` replaced by a published version (retiredInVersion <= `published`). */
export async function deleteRetiredRows(connection: AnalysisConnection, organizationId: string, week: string, published: number): Promise<number> {
  let deleted = 0;
  for (const table of WEEK_TABLES) {
    deleted += await connection.execute(`DELETE FROM "${table}" WHERE "organizationId"=? AND "weekStart"=? AND "retiredInVersion"<=?`, [organizationId, week, published]);
  }
  deleted += await connection.execute(`DELETE FROM "CodedLine" WHERE ${CODED_LINES_OF_WEEK} AND "retiredInVersion"<=?`, [organizationId, week, published]);
  return deleted;
}

/**
 * Undoes an unpublished version's writes to `week`: its rows are deleted and the rows it had
 * marked retired are live again (a failed or cancelled recompute, or one a crash interrupted).
 */
export async function discardUnpublishedRows(connection: AnalysisConnection, organizationId: string, week: string, published: number): Promise<void> {
  for (const table of WEEK_TABLES) {
    await connection.execute(`DELETE FROM "${table}" WHERE "organizationId"=? AND "weekStart"=? AND "analysisVersion">?`, [organizationId, week, published]);
    await connection.execute(
      `UPDATE "${table}" SET "retiredInVersion"=? WHERE "organizationId"=? AND "weekStart"=? AND "retiredInVersion">? AND "retiredInVersion"<>?`,
      [NOT_RETIRED, organizationId, week, published, NOT_RETIRED],
    );
  }
  await connection.execute(`DELETE FROM "CodedLine" WHERE ${CODED_LINES_OF_WEEK} AND "analysisVersion">?`, [organizationId, week, published]);
  await connection.execute(`UPDATE "CodedLine" SET "retiredInVersion"=? WHERE ${CODED_LINES_OF_WEEK} AND "retiredInVersion">? AND "retiredInVersion"<>?`, [
    NOT_RETIRED, organizationId, week, published, NOT_RETIRED,
  ]);
}

/**
 * Weeks holding rows that are not part of the published version: unpublished rows (a recompute
 * that did not finish) or replaced rows not deleted yet. Their CodedLine rows are found through
 * the encounters of the same weeks.
 */
export async function readUnsettledWeeks(connection: AnalysisConnection, organizationId: string, published: number): Promise<string[]> {
  const weeks = new Set<string>();
  for (const table of WEEK_TABLES) {
    const rows = await connection.query<{ weekStart: string }>(
      `SELECT DISTINCT "weekStart" FROM "${table}" WHERE "organizationId"=? AND ("analysisVersion">? OR "retiredInVersion"<>?)`,
      [organizationId, published, NOT_RETIRED],
    );
    for (const row of rows) weeks.add(row.weekStart);
  }
  return [...weeks].sort();
}

/**
 * PostgreSQL, after a recompute published and deleted what it replaced: VACUUM (ANALYZE) of the
 * analysis tables, outside any transaction. The visibility map then marks the new rows' pages
 * all-visible, so the findings pages and rollup sums are index-only scans from the first view on
 * instead of a heap visit per index entry until autovacuum comes by; the statistics follow the new
 * rows. SKIP_LOCKED: a table autovacuum is already on is left to it. Best effort (an optimisation).
 * SQLite: nothing.
 */
export async function vacuumAnalysisTables(connection: AnalysisConnection): Promise<void> {
  if (connection.provider !== "postgresql") return;
  try {
    await connection.execute(`VACUUM (ANALYZE, SKIP_LOCKED) ${VERSIONED_TABLES.map((table) => `"${table}"`).join(", ")}`);
  } catch {
    // the next autovacuum does it
  }
}

/** Every versioned table, for tests and diagnostics. */
export const RESULT_TABLES = VERSIONED_TABLES;


const FINDING_COLUMNS = [
  "organizationId", "encounterId", "claimLineId", "kind", "cause", "code", "units", "valueCents",
  "valueSource", "isEstimate", "explanation", "dateOfService", "weekStart", "payer", "site", "nurse",
  "setting", "claimId", "filingDeadline", "engineVersion", "createdAt", "analysisVersion"
];
const CODED_LINE_COLUMNS = [
  "organizationId", "encounterId", "engineVersion", "code", "units", "modifiers", "dateOfService", "weekStart",
  "position", "explanation", "administrationIds", "createdAt", "analysisVersion"
];
const FINDING_ROLLUP_COLUMNS = [
  "organizationId", "weekStart", "payer", "site", "nurse", "setting", "cause", "kind", "code", "findings",
  "units", "valueCents", "analysisVersion"
];
const FINDING_SUMMARY_ROLLUP_COLUMNS = [
  "organizationId", "weekStart", "payer", "site", "setting", "cause", "kind", "code", "findings", "units", "valueCents", "analysisVersion"
];
const ENCOUNTER_ROLLUP_COLUMNS = [
  "organizationId", "weekStart", "payer", "site", "nurse", "setting", "encounters", "administrations",
  "missingStops", "firstDate", "lastDate", "analysisVersion"
];
const CLAIM_ROLLUP_COLUMNS = [
  "organizationId", "weekStart", "payer", "site", "code", "isAddOn", "lines", "deniedLines", "billedCents",
  "deniedCents", "paidCents", "unitCutLines", "unitCutUnits", "analysisVersion"
];
const DEPENDENCY_COLUMNS = [
  "organizationId", "weekStart", "key", "analysisVersion"
];
const DENIAL_REASON_COLUMNS = [
  "organizationId", "weekStart", "payer", "code", "group", "reason", "lines", "amountCents", "analysisVersion"
];

const ROWS_PER_CHUNK = 1_000;

/**
 * Inserts one week's (or several weeks') results as `version`, and the week's dependency keys.
 * `betweenChunks` runs before every chunk of at most ROWS_PER_CHUNK rows: the caller commits there
 * when its transaction has been open long enough (the rows are invisible until the version is
 * published, so any split is safe). `createdAtMs` stamps Finding.createdAt and CodedLine.createdAt.
 */
export async function insertAnalysisResults(
  connection: AnalysisConnection,
  organizationId: string,
  result: Omit<WeekResult, "encounters">,
  options: { createdAtMs: number; version: number; dependencies: ReadonlyMap<string, ReadonlySet<string>>; betweenChunks?: () => Promise<void> },
): Promise<void> {
  const { version } = options;
  const createdAt = connection.instant(options.createdAtMs);
  const bool = (value: boolean) => connection.bool(value) as SqlValue;
  const tables: [string, readonly string[], SqlValue[][]][] = [
    [
      "Finding",
      FINDING_COLUMNS,
      result.findings.map((f) => [
        organizationId, f.encounterId, f.claimLineId, f.kind, f.cause, f.code, f.units, f.valueCents, f.valueSource, bool(f.isEstimate),
        f.explanation, f.dateOfService, f.weekStart, f.payer, f.site, f.nurse, f.setting, f.claimId, f.filingDeadline, f.engineVersion, createdAt, version,
      ]),
    ],
    [
      "CodedLine",
      CODED_LINE_COLUMNS,
      result.codedLines.map((l) => [
        organizationId, l.encounterId, l.engineVersion, l.code, l.units, l.modifiers, l.dateOfService, l.weekStart, l.position, l.explanation,
        l.administrationIds, createdAt, version,
      ]),
    ],
    [
      "FindingRollup",
      FINDING_ROLLUP_COLUMNS,
      result.findingRollups.map((r) => [organizationId, r.weekStart, r.payer, r.site, r.nurse, r.setting, r.cause, r.kind, r.code, r.findings, r.units, r.valueCents, version]),
    ],
    [
      "FindingSummaryRollup",
      FINDING_SUMMARY_ROLLUP_COLUMNS,
      result.findingSummaryRollups.map((r) => [organizationId, r.weekStart, r.payer, r.site, r.setting, r.cause, r.kind, r.code, r.findings, r.units, r.valueCents, version]),
    ],
    [
      "EncounterRollup",
      ENCOUNTER_ROLLUP_COLUMNS,
      result.encounterRollups.map((r) => [
        organizationId, r.weekStart, r.payer, r.site, r.nurse, r.setting, r.encounters, r.administrations, r.missingStops, r.firstDate, r.lastDate, version,
      ]),
    ],
    [
      "ClaimRollup",
      CLAIM_ROLLUP_COLUMNS,
      result.claimRollups.map((r) => [
        organizationId, r.weekStart, r.payer, r.site, r.code, bool(r.isAddOn), r.lines, r.deniedLines, r.billedCents, r.deniedCents, r.paidCents,
        r.unitCutLines, r.unitCutUnits, version,
      ]),
    ],
    [
      "DenialReasonRollup",
      DENIAL_REASON_COLUMNS,
      result.denialReasonRollups.map((r) => [organizationId, r.weekStart, r.payer, r.code, r.group, r.reason, r.lines, r.amountCents, version]),
    ],
    [
      "AnalysisDependency",
      DEPENDENCY_COLUMNS,
      [...options.dependencies].flatMap(([week, keys]) => [...keys].sort().map((key) => [organizationId, week, key, version])),
    ],
  ];
  for (const [table, columns, rows] of tables) {
    for (let start = 0; start < rows.length; start += ROWS_PER_CHUNK) {
      await options.betweenChunks?.();
      await insertRows(connection, table, columns, rows.slice(start, start + ROWS_PER_CHUNK));
    }
  }
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

/**
 * Publishes `version`: from this UPDATE on, readers see its rows and no longer the rows it
 * replaced. Also idle status, analyzedAt, the engine version and the context snapshot the next
 * recompute diffs against. Fails (nothing changed) unless `published` is still the published version.
 */
export async function publishAnalysisVersion(
  connection: AnalysisConnection,
  organizationId: string,
  publish: { published: number; version: number; engineVersion: string; analyzedAt: Date; contextSnapshot: string },
): Promise<void> {
  const changed = await connection.execute(
    `UPDATE "Organization" SET "analysisVersion"=?, "analysisContext"=?, "analysisStatus"='idle', "analysisError"=NULL, "analyzedAt"=?, "analysisEngineVersion"=?, "updatedAt"=?
     WHERE "id"=? AND "analysisVersion"=?`,
    [publish.version, publish.contextSnapshot, publish.analyzedAt, publish.engineVersion, publish.analyzedAt, organizationId, publish.published],
  );
  if (changed !== 1) throw new Error(`Analysis version ${publish.published} of ${organizationId} is no longer the published one; not publishing ${publish.version}.`);
}

/** The published analysis version and the context snapshot stored with it. */
export async function readPublishedAnalysis(connection: AnalysisConnection, organizationId: string): Promise<{ version: number; contextSnapshot: string | null } | null> {
  const rows = await connection.query<{ analysisVersion: unknown; analysisContext: string | null }>(
    `SELECT "analysisVersion","analysisContext" FROM "Organization" WHERE "id"=?`,
    [organizationId],
  );
  const row = rows[0];
  return row ? { version: Number(row.analysisVersion), contextSnapshot: row.analysisContext } : null;
}

/** A lease owner token: this host and process (so a restart can tell a dead holder), then `run`. */
export function analysisLeaseOwner(run: string): string {
  return `${hostname()}:${process.pid}:${run}`;
}

/** Whether the owner token names a process of this host that no longer runs. */
export function isDeadLocalLeaseOwner(owner: string): boolean {
  const [host, pid] = owner.split(":");
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * Releases the leases of recomputes whose process died on this host (a kill or a crash): at server
 * start, so the recompute that resumes need not wait for them to run out.
 */
export async function releaseDeadLocalLeases(connection: AnalysisConnection): Promise<number> {
  const held = await connection.query<{ id: string; analysisLeaseOwner: string }>(`SELECT "id","analysisLeaseOwner" FROM "Organization" WHERE "analysisLeaseOwner" IS NOT NULL`);
  let released = 0;
  for (const row of held) {
    if (isDeadLocalLeaseOwner(row.analysisLeaseOwner)) {
      await releaseAnalysisLease(connection, row.id, row.analysisLeaseOwner);
      released++;
    }
  }
  return released;
}

/**
 * Takes the organization's recompute lease for `owner` (a token of one recompute) until `untilMs`:
 * true when `owner` holds it. Fails while another owner's lease runs; a lease whose holder died
 * simply runs out.
 */
export async function takeAnalysisLease(connection: AnalysisConnection, organizationId: string, lease: { owner: string; nowMs: number; untilMs: number }): Promise<boolean> {
  const changed = await connection.execute(
    `UPDATE "Organization" SET "analysisLeaseUntil"=?, "analysisLeaseOwner"=?
     WHERE "id"=? AND ("analysisLeaseUntil" IS NULL OR "analysisLeaseUntil"<? OR "analysisLeaseOwner"=?)`,
    [connection.instant(lease.untilMs), lease.owner, organizationId, connection.instant(lease.nowMs), lease.owner],
  );
  return changed === 1;
}

export class AnalysisLeaseLostError extends Error {
  constructor() {
    super("Another recompute of this practice took over (this one paused too long); its results are kept.");
    this.name = "AnalysisLeaseLostError";
  }
}

/** Extends `owner`'s lease; throws AnalysisLeaseLostError when another owner holds it now. */
export async function renewAnalysisLease(connection: AnalysisConnection, organizationId: string, lease: { owner: string; untilMs: number }): Promise<void> {
  const changed = await connection.execute(`UPDATE "Organization" SET "analysisLeaseUntil"=? WHERE "id"=? AND "analysisLeaseOwner"=?`, [
    connection.instant(lease.untilMs), organizationId, lease.owner,
  ]);
  if (changed !== 1) throw new AnalysisLeaseLostError();
}

export async function releaseAnalysisLease(connection: AnalysisConnection, organizationId: string, owner: string): Promise<void> {
  await connection.execute(`UPDATE "Organization" SET "analysisLeaseUntil"=NULL, "analysisLeaseOwner"=NULL WHERE "id"=? AND "analysisLeaseOwner"=?`, [organizationId, owner]);
}
