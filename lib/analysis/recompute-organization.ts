/**
 * Recomputes an organization's findings and rollups from the data in its database (spec §5), with
 * the same numbers as `analyzePractice` (the `analyze` command) on the same input files.
 *
 * How (bounded memory at 1,000,000 encounters):
 * 1. Pre-pass, in one read transaction, for what every encounter shares: the last date of service,
 *    the median documented duration per drug and route (a SQL histogram), and the organization's
 *    own paid median per payer and code over the trailing 12 months (per-unit histograms: claims
 *    with one version and no reversal are netted and aggregated in SQL, the others netted here with
 *    `netClaimVersions`), then the valuator of spec §5.3.
 * 2. Which weeks (incremental, lib/analysis/analysis-context.ts): the shared context is summarized
 *    and diffed against the one stored with the published analysis; the weeks rebuilt are the
 *    weeks asked for (an import's), the weeks whose recorded lookups changed, weeks whose data
 *    appeared or disappeared, and weeks tied to those through cross-week claims. No stored context,
 *    or a changed engine, coding settings, drug catalog, week start or setting: every week.
 * 3. Week by week: the week's encounters and claim lines are read, claim versions netted and
 *    matched, every encounter analyzed (`analyzeEncounter`, the code `analyzePractice` runs) while
 *    its lookups of the shared context are recorded; then the week's Finding rows, rollups, CodedLine
 *    rows and dependency keys are written as the next analysis version, in short transactions
 *    (lib/db/analysis/write-transactions.ts: the SQLite write lock is never held long).
 * 4. Publish: one UPDATE makes the new version visible (lib/db/analysis/analysis-version.ts:
 *    readers see the old analysis or the new one, never half), with the context snapshot. Then
 *    the rows it replaced are deleted, a week at a time; on PostgreSQL the analysis tables are
 *    vacuumed (vacuumAnalysisTables: index-only reads from the first view on).
 *
 * Netting per week is exact because every version of a claim normally has the same date of
 * service. Claims for which that does not hold (lines in two weeks, e.g. a correction that moved
 * the date) and claims whose encounter id names an encounter of another week are found in SQL
 * first, netted once over all their lines and handed to the week they match (findings) and the week
 * of their date of service (claim rollups).
 *
 * One recompute per organization at a time, across processes: a lease on the organization row.
 * Status: Organization.analysisStatus `running` → `idle` (or `failed` + analysisError; a failed or
 * cancelled recompute's unpublished rows are discarded and the published analysis stays).
 */
import { randomUUID } from "node:crypto";
import { ENGINE_VERSION } from "@/lib/coding";
import { createPrismaClient, getDatabaseTarget, getDb, type DatabaseTarget, type Db } from "@/lib/db";
import {
  claimKey,
  createWriteTransactions,
  deleteRetiredRows,
  discardUnpublishedRows,
  insertAnalysisResults,
  isSimpleClaim,
  measureAnalysisSnapshot,
  recordAnalysisSnapshot,
  openAnalysisConnection,
  publishAnalysisVersion,
  applyDetectedRecoveries,
  reconcileFindingWork,
  readClaimLinesOfClaims,
  readCrossWeekClaimIds,
  readDataWeeks,
  readDurationHistogram,
  readEncounterSpan,
  readEncounterWeeksByExternalId,
  readFeeSchedule,
  readNonSimpleClaimKeys,
  readOrganizationForAnalysis,
  readPayerFilingDays,
  readPublishedAnalysis,
  readResultWeeks,
  readSimpleClaimPaidHistogram,
  readTakenBackByClaim,
  readUnsettledWeeks,
  readWeekClaimLines,
  readWeekDependencies,
  readWeekEncounters,
  releaseAnalysisLease,
  renewAnalysisLease,
  retireWeekResults,
  setAnalysisStatus,
  vacuumAnalysisTables,
  AnalysisLeaseLostError,
  analysisLeaseOwner,
  takeAnalysisLease,
  type AnalysisConnection,
  type WriteTransactions,
} from "@/lib/db/analysis";
import { loadCodingSettings } from "@/lib/db/import/organizations";
import { buildContextSnapshot, changedDependencies, isAffected, parseContextSnapshot, recordDependencies, type AnalysisContextSnapshot } from "./analysis-context";
import type { PracticeAnalysisContext } from "./analyze-practice";
import { durationKey } from "./estimate-missing-stops";
import { createFilingWindows } from "./rebill-candidates";
import { buildValuator, medianOfHistogram, paidMedianKey, paidPerUnitInWindow } from "./valuation";
import { recordAuditEvent } from "@/lib/db/audit-events";
import type { Recovery } from "./detect-recoveries";
import { analyzeWeek, netStoredClaimLines, type StoredPosition } from "./week-analysis";
import { addDays, weekStartOf, type WeekStartsOn } from "./week-bucket";

export type RecomputeOptions = {
  /**
   * Weeks (`YYYY-MM-DD` week starts) whose data changed (an import's), rebuilt with whatever the
   * context diff reaches; `[]`: only what the diff reaches (a settings change); "all" (default):
   * every week.
   */
  weeks?: readonly string[] | "all";
  signal?: AbortSignal;
  /** The database (default: the app's, from the environment). */
  target?: DatabaseTarget;
  /** A Prisma client on that database (default: the app's, or one opened for `target`). */
  db?: Db;
  /** Longest a write transaction stays open before it is committed, ms (default 100). */
  writeBudgetMs?: number;
  /** Wait after publishing before the replaced rows are deleted, ms (default 500: requests that read the previous version finish). */
  retireDelayMs?: number;
  /** Tests: runs inside every write transaction the recompute opens (e.g. a delay, to make a recompute artificially slow). */
  insideWriteTransaction?: () => Promise<void>;
};

export type RecomputeResult = {
  /** Weeks rebuilt. */
  weeks: number;
  /** Whether every week was rebuilt (asked for, or because no context was stored or a global part changed). */
  allWeeks: boolean;
  /** Encounters analyzed. */
  encounters: number;
  /** Finding rows written. */
  findings: number;
  /** The analysis version published. */
  version: number;
  /** The longest the recompute held a write transaction open, ms. */
  longestWriteMs: number;
  durationMs: number;
};

export class RecomputeAbortedError extends Error {
  constructor() {
    super("The analysis recompute was cancelled; the previous results are kept.");
    this.name = "RecomputeAbortedError";
  }
}

/** How long a recompute's lease lasts after its last write transaction began. */
const LEASE_MS = 30_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function pause(signal: AbortSignal | undefined): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new RecomputeAbortedError();
}

type ExceptionPosition = StoredPosition & { matchWeek: string; rollupWeek: string };

/** Rebuilds the organization's Finding rows and rollups. See the module comment. */
export async function recomputeOrganization(organizationId: string, options: RecomputeOptions = {}): Promise<RecomputeResult> {
  const started = performance.now();
  const target = options.target ?? getDatabaseTarget();
  const ownDb = !options.db && options.target ? createPrismaClient(target) : undefined;
  const db = options.db ?? ownDb ?? getDb().db;
  const connection = await openAnalysisConnection(target);
  try {
    const loaded = await loadCodingSettings(db, organizationId);
    if (!loaded) throw new Error(`No organization ${organizationId}`);
    const leaseOwner = analysisLeaseOwner(randomUUID());
    let leaseUntil = 0;
    const writes = await createWriteTransactions(connection, {
      ...(options.writeBudgetMs !== undefined ? { budgetMs: options.writeBudgetMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onBegin: async () => {
        // Every write transaction renews the lease first, in the same transaction: if another
        // recompute took it over (this one stalled past LEASE_MS), nothing more is written.
        // leaseUntil is 0 until the lease is taken (takeLease) and after it is released.
        if (leaseUntil > 0) {
          leaseUntil = Date.now() + LEASE_MS;
          await renewAnalysisLease(connection, organizationId, { owner: leaseOwner, untilMs: leaseUntil });
        }
        await options.insideWriteTransaction?.();
      },
    });
    const written: string[] = [];
    let published: number | null = null;
    try {
      leaseUntil = await takeLease(connection, writes, organizationId, leaseOwner, options.signal);
      await writes.ensure();
      await setAnalysisStatus(connection, organizationId, "running");
      await writes.commit();
      published = (await readPublishedAnalysis(connection, organizationId))?.version ?? 0;
      await settleLeftovers(connection, writes, organizationId, published);
      const result = await recomputeVersion(connection, writes, organizationId, loaded.settings, options, { published, leaseOwner }, written);
      // Published, and the lease released with it: nothing of this version may be discarded now,
      // and the transactions below must not renew the lease.
      written.length = 0;
      leaseUntil = 0;
      if (result.recoveredWorkIds.length > 0) {
        // The payer moved these findings (no person did): one event naming the work records.
        await recordAuditEvent(db, {
          userId: null,
          actorEmail: null,
          address: null,
          organizationId,
          action: "finding.recovery_detected",
          subjectType: "finding_work",
          subjectId: result.recoveredWorkIds.length === 1 ? String(result.recoveredWorkIds[0]) : null,
          detail: { analysisVersion: result.version, workIds: result.recoveredWorkIds },
        });
      }
      await deleteReplacedRows(connection, writes, organizationId, result, options.retireDelayMs ?? 500);
      await vacuumAnalysisTables(connection);
      return {
        weeks: result.rebuilt.length,
        allWeeks: result.allWeeks,
        encounters: result.encounters,
        findings: result.findings,
        version: result.version,
        longestWriteMs: Math.round(writes.longestHeldMs),
        durationMs: Math.round(performance.now() - started),
      };
    } catch (caught) {
      await writes.rollback();
      const error = options.signal?.aborted ? new RecomputeAbortedError() : caught;
      // Another recompute holds the lease and writes the same version number: its rows and status are not ours to touch.
      if (error instanceof AnalysisLeaseLostError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // Not cancellable: the cleanup must run when the signal is what stopped the recompute.
      const cleanup = await createWriteTransactions(connection, options.writeBudgetMs !== undefined ? { budgetMs: options.writeBudgetMs } : {});
      try {
        if (published !== null) {
          for (const week of written) {
            await cleanup.ensure();
            await discardUnpublishedRows(connection, organizationId, week, published);
          }
        }
        await cleanup.ensure();
        await setAnalysisStatus(connection, organizationId, "failed", message);
        if (leaseUntil > 0) await releaseAnalysisLease(connection, organizationId, leaseOwner);
        await cleanup.commit();
      } catch {
        // What is left is discarded by the next recompute (settleLeftovers); its lease runs out.
        await cleanup.rollback();
      }
      throw error;
    }
  } finally {
    await connection.close();
    await ownDb?.$disconnect();
  }
}

/** Waits (with timers, never blocking) until this caller holds the organization's recompute lease. */
async function takeLease(connection: AnalysisConnection, writes: WriteTransactions, organizationId: string, owner: string, signal: AbortSignal | undefined): Promise<number> {
  for (;;) {
    await writes.ensure();
    const until = Date.now() + LEASE_MS;
    const taken = await takeAnalysisLease(connection, organizationId, { owner, nowMs: Date.now(), untilMs: until });
    await writes.commit();
    if (taken) return until;
    if (signal?.aborted) throw new RecomputeAbortedError();
    await sleep(250);
  }
}

/**
 * Deletes the rows the published version replaced, after `delayMs` (requests that read the previous
 * version finish first). Best effort: what is left is deleted by the next recompute (settleLeftovers).
 */
async function deleteReplacedRows(
  connection: AnalysisConnection,
  writes: WriteTransactions,
  organizationId: string,
  published: { rebuilt: readonly string[]; version: number },
  delayMs: number,
): Promise<void> {
  await sleep(delayMs);
  try {
    for (const week of published.rebuilt) {
      await writes.ensure();
      await deleteRetiredRows(connection, organizationId, week, published.version);
    }
    await writes.commit();
  } catch {
    await writes.rollback();
  }
}

/** Rows a crashed or failed recompute left behind: its unpublished rows go, replaced rows are deleted. */
async function settleLeftovers(connection: AnalysisConnection, writes: WriteTransactions, organizationId: string, published: number): Promise<void> {
  for (const week of await readUnsettledWeeks(connection, organizationId, published)) {
    await writes.ensure();
    await discardUnpublishedRows(connection, organizationId, week, published);
    await deleteRetiredRows(connection, organizationId, week, published);
  }
  await writes.commit();
}

/** Steps 1–4 of the module comment, up to publishing. `written` collects the weeks written so far (for cleanup). */
async function recomputeVersion(
  connection: AnalysisConnection,
  writes: WriteTransactions,
  organizationId: string,
  codingSettings: PracticeAnalysisContext["codingSettings"],
  options: RecomputeOptions,
  { published, leaseOwner }: { published: number; leaseOwner: string },
  written: string[],
): Promise<{ rebuilt: string[]; allWeeks: boolean; encounters: number; findings: number; version: number; recoveredWorkIds: number[] }> {
  const { signal } = options;
  if (signal?.aborted) throw new RecomputeAbortedError();
  const version = published + 1;
  const stored = await readPublishedAnalysis(connection, organizationId);
  const shared = await readInSnapshot(connection, () => loadSharedContext(connection, organizationId, codingSettings, signal));
  const { organization, weekStartsOn, filingWindows, context, dataWeeks, exceptionPositions, exceptionClaimWeeks, isException, snapshot } = shared;

  const changed = options.weeks === undefined || options.weeks === "all" ? "all" : changedDependencies(parseContextSnapshot(stored?.contextSnapshot), snapshot);
  const resultWeeks = await readResultWeeks(connection, organizationId, published);
  let weeks: string[];
  if (changed === "all") {
    weeks = [...new Set([...dataWeeks, ...resultWeeks])].sort();
  } else {
    const wanted = new Set(options.weeks as readonly string[]);
    for (const [week, keys] of await readWeekDependencies(connection, organizationId, published)) if (isAffected(keys, changed)) wanted.add(week);
    // Weeks whose data appeared (no results yet) or disappeared (results left).
    const dataWeekSet = new Set(dataWeeks);
    const resultWeekSet = new Set(resultWeeks);
    for (const week of dataWeeks) if (!resultWeekSet.has(week)) wanted.add(week);
    for (const week of resultWeeks) if (!dataWeekSet.has(week)) wanted.add(week);
    for (const claimWeeks of exceptionClaimWeeks.values()) {
      if ([...claimWeeks].some((week) => wanted.has(week))) for (const week of claimWeeks) wanted.add(week);
    }
    weeks = [...wanted].sort();
  }

  const matchByWeek = groupBy(exceptionPositions, (position) => position.matchWeek);
  const rollupByWeek = groupBy(exceptionPositions, (position) => position.rollupWeek);
  const createdAt = Date.now();
  let encounters = 0;
  let findings = 0;
  const recoveries: Recovery[] = [];
  for (const week of weeks) {
    await pause(signal);
    const weekEncounters = await readWeekEncounters(connection, organizationId, week);
    const lines = (await readWeekClaimLines(connection, organizationId, week)).filter((line) => !isException(line));
    const positions = netStoredClaimLines(lines);
    const dependencies = new Set<string>();
    const recorded = recordDependencies(context, filingWindows, dependencies);
    const result = analyzeWeek({
      context: recorded.context,
      organizationSetting: organization.setting,
      weekStartsOn,
      filingWindows: recorded.filingWindows,
      encounters: weekEncounters,
      matchPositions: [...positions, ...(matchByWeek.get(week) ?? [])],
      rollupPositions: [...positions, ...(rollupByWeek.get(week) ?? [])],
      rollupWeeks: new Set([week]),
    });
    await writes.ensure();
    written.push(week);
    await retireWeekResults(connection, organizationId, week, published, version);
    await insertAnalysisResults(connection, organizationId, result, {
      createdAtMs: createdAt,
      version,
      dependencies: new Map([[week, dependencies]]),
      betweenChunks: () => writes.ensure(),
    });
    // The next week is read and analyzed with no transaction open.
    await writes.commit();
    encounters += result.encounters;
    findings += result.findings.length;
    recoveries.push(...result.recoveries);
  }

  if (signal?.aborted) throw new RecomputeAbortedError();
  // Measured with no transaction open (it reads the rebuilt weeks' findings), stored with the publish.
  const figures = await measureAnalysisSnapshot(connection, organizationId, { version, rebuiltWeeks: weeks, weekStartsOn });
  await writes.ensure();
  const analyzedAt = new Date();
  await publishAnalysisVersion(connection, organizationId, { published, version, engineVersion: ENGINE_VERSION, analyzedAt, contextSnapshot: JSON.stringify(snapshot) });
  await recordAnalysisSnapshot(connection, organizationId, { version, publishedAt: analyzedAt, figures });
  const detected = await applyDetectedRecoveries(connection, organizationId, recoveries, analyzedAt);
  await reconcileFindingWork(connection, organizationId, version, analyzedAt);
  await releaseAnalysisLease(connection, organizationId, leaseOwner);
  await writes.commit();
  return { rebuilt: weeks, allWeeks: changed === "all", encounters, findings, version, recoveredWorkIds: detected.workIds };
}

/** Runs `read` in one read transaction: every read sees the same data (SQLite: a WAL snapshot, writers go on). */
async function readInSnapshot<T>(connection: AnalysisConnection, read: () => Promise<T>): Promise<T> {
  await connection.execute(connection.provider === "postgresql" ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN DEFERRED");
  try {
    return await read();
  } finally {
    await connection.execute("COMMIT");
  }
}

type SharedContext = {
  organization: NonNullable<Awaited<ReturnType<typeof readOrganizationForAnalysis>>>;
  weekStartsOn: WeekStartsOn;
  filingWindows: ReturnType<typeof createFilingWindows>;
  asOf: string;
  context: PracticeAnalysisContext;
  dataWeeks: string[];
  exceptionPositions: ExceptionPosition[];
  exceptionClaimWeeks: Map<string, Set<string>>;
  isException: (line: { claimId: string }) => boolean;
  snapshot: AnalysisContextSnapshot;
};

/** Step 1 of the module comment: everything the weeks share, read inside the recompute's transaction. */
async function loadSharedContext(
  connection: AnalysisConnection,
  organizationId: string,
  codingSettings: PracticeAnalysisContext["codingSettings"],
  signal: AbortSignal | undefined,
): Promise<SharedContext> {
  const organization = await readOrganizationForAnalysis(connection, organizationId);
  if (!organization) throw new Error(`No organization ${organizationId}`);
  const weekStartsOn = (organization.weekStartsOn >= 0 && organization.weekStartsOn <= 6 ? organization.weekStartsOn : 1) as WeekStartsOn;
  const payerDays = await readPayerFilingDays(connection, organizationId);
  const filingWindows = createFilingWindows(organization.timelyFilingDays, payerDays);
  const feeSchedule = await readFeeSchedule(connection, organizationId);
  const span = await readEncounterSpan(connection, organizationId);
  const asOf = span.last ?? "1970-01-01";

  // Median documented durations (spec §5.2), from a SQL histogram.
  const durationHistograms = new Map<string, Map<number, number>>();
  for (const row of await readDurationHistogram(connection, organizationId)) {
    const key = durationKey({ drug: row.drug, route: row.route as never });
    let histogram = durationHistograms.get(key);
    if (!histogram) durationHistograms.set(key, (histogram = new Map()));
    histogram.set(row.minutes, (histogram.get(row.minutes) ?? 0) + row.count);
  }
  const medians = new Map([...durationHistograms].map(([key, histogram]) => [key, medianOfHistogram(histogram).cents]));
  const medianCounts = new Map([...durationHistograms].map(([key, histogram]) => [key, medianOfHistogram(histogram).count]));

  // Claims netted across weeks, once.
  const crossWeekClaimIds = await readCrossWeekClaimIds(connection, organizationId);
  const exceptionPositions: ExceptionPosition[] = [];
  const exceptionClaimWeeks = new Map<string, Set<string>>();
  const simpleExceptionKeys = new Set<string>();
  if (crossWeekClaimIds.size > 0) {
    const lines = await readClaimLinesOfClaims(connection, organizationId, crossWeekClaimIds);
    const linesByClaim = new Map<string, typeof lines>();
    for (const line of lines) {
      const key = claimKey(line.payer, line.claimId);
      const list = linesByClaim.get(key);
      if (list) list.push(line);
      else linesByClaim.set(key, [line]);
    }
    for (const [key, claimLines] of linesByClaim) if (isSimpleClaim(claimLines)) simpleExceptionKeys.add(key);
    const encounterWeeks = await readEncounterWeeksByExternalId(
      connection,
      organizationId,
      lines.flatMap((line) => (line.encounterId ? [line.encounterId] : [])),
    );
    for (const line of lines) {
      const key = claimKey(line.payer, line.claimId);
      let weeks = exceptionClaimWeeks.get(key);
      if (!weeks) exceptionClaimWeeks.set(key, (weeks = new Set()));
      weeks.add(weekStartOf(line.dateOfService, weekStartsOn));
    }
    for (const position of netStoredClaimLines(lines)) {
      const rollupWeek = weekStartOf(position.dateOfService, weekStartsOn);
      const matchWeek = (position.encounterId ? encounterWeeks.get(position.encounterId) : undefined) ?? rollupWeek;
      exceptionPositions.push({ ...position, matchWeek, rollupWeek });
      const weeks = exceptionClaimWeeks.get(claimKey(position.payer, position.claimId))!;
      weeks.add(matchWeek).add(rollupWeek);
    }
  }
  const isException = (line: { claimId: string }) => crossWeekClaimIds.has(line.claimId);

  // Own paid medians over the trailing 12 months to the last date of service (spec §5.3): claims
  // with one version and no reversal are netted and aggregated in SQL; the others are netted here.
  const dataWeeks = await readDataWeeks(connection, organizationId);
  const paidHistograms = new Map<string, Map<number, number>>();
  const addPerUnit = (payer: string, code: string, perUnit: number, count: number) => {
    const key = paidMedianKey(payer, code);
    let histogram = paidHistograms.get(key);
    if (!histogram) paidHistograms.set(key, (histogram = new Map()));
    histogram.set(perUnit, (histogram.get(perUnit) ?? 0) + count);
  };
  const addPaid = (position: StoredPosition) => {
    const perUnit = paidPerUnitInWindow(position, asOf);
    if (perUnit !== null) addPerUnit(position.payer, position.code, perUnit, 1);
  };
  if (span.last) {
    const from = addDays(asOf, -364);
    for (const row of await readSimpleClaimPaidHistogram(connection, organizationId, from, asOf)) addPerUnit(row.payer, row.code, row.perUnit, row.count);
    await pause(signal);
    for (const position of exceptionPositions) if (!simpleExceptionKeys.has(claimKey(position.payer, position.claimId))) addPaid(position);
    const nonSimple = [...(await readNonSimpleClaimKeys(connection, organizationId, from, asOf))].filter((key) => !crossWeekClaimIds.has(key.slice(key.indexOf("\u0000") + 1)));
    const nonSimpleKeys = new Set(nonSimple);
    const claimIds = [...new Set(nonSimple.map((key) => key.slice(key.indexOf("\u0000") + 1)))];
    for (let i = 0; i < claimIds.length; i += 2_000) {
      const lines = (await readClaimLinesOfClaims(connection, organizationId, new Set(claimIds.slice(i, i + 2_000)))).filter((line) =>
        nonSimpleKeys.has(claimKey(line.payer, line.claimId)),
      );
      for (const position of netStoredClaimLines(lines)) addPaid(position);
      await pause(signal);
    }
  }

  const context: PracticeAnalysisContext = {
    codingSettings,
    valueOf: buildValuator({ paid: [], paidHistograms, feeSchedule, setting: codingSettings.setting, asOf }),
    medians,
    medianCounts,
    takenBackByClaim: await readTakenBackByClaim(connection, organizationId),
  };

  // Explanations name the count behind every median (paid lines, documented durations): a changed
  // count rebuilds the weeks that used it, like a changed median.
  const paidMedians = new Map<string, { cents: number; count: number }>();
  for (const [key, histogram] of paidHistograms) {
    const median = medianOfHistogram(histogram);
    if (median.count >= 5) paidMedians.set(key, median);
  }
  const snapshot = buildContextSnapshot({
    globalParts: { codingSettings, weekStartsOn, setting: organization.setting },
    asOf,
    paidMedians,
    medians,
    medianCounts,
    feeSchedule,
    filingWindows,
    takenBackByClaim: context.takenBackByClaim,
  });
  return { organization, weekStartsOn, filingWindows, asOf, context, dataWeeks, exceptionPositions, exceptionClaimWeeks, isException, snapshot };
}

/**
 * The shared analysis context (valuator, median durations) as a recompute would build it now, read
 * in one read transaction. For tests and diagnostics: compare with `analyzePractice`.
 */
export async function loadAnalysisContext(organizationId: string, options: Pick<RecomputeOptions, "target" | "db"> = {}): Promise<PracticeAnalysisContext & { asOf: string }> {
  const target = options.target ?? getDatabaseTarget();
  const ownDb = !options.db && options.target ? createPrismaClient(target) : undefined;
  const db = options.db ?? ownDb ?? getDb().db;
  const connection = await openAnalysisConnection(target);
  try {
    const loaded = await loadCodingSettings(db, organizationId);
    if (!loaded) throw new Error(`No organization ${organizationId}`);
    const shared = await readInSnapshot(connection, () => loadSharedContext(connection, organizationId, loaded.settings, undefined));
    return { ...shared.context, asOf: shared.asOf };
  } finally {
    await connection.close();
    await ownDb?.$disconnect();
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}
