/**
 * Recomputes an organization's findings and rollups from the data in its database (spec §5), with
 * the same numbers as `analyzePractice` (the `analyze` command) on the same input files.
 *
 * How (bounded memory at 1,000,000 encounters):
 * 1. Pre-pass for what every encounter shares: the last date of service, the median documented
 *    duration per drug and route (a SQL histogram), and the organization's own paid median per payer
 *    and code over the trailing 12 months (per-unit histograms: claims with one version and no
 *    reversal are netted and aggregated in SQL, the others netted here with `netClaimVersions`),
 *    then the valuator of spec §5.3.
 * 2. Week by week: the week's encounters and claim lines are read, claim versions netted and matched,
 *    every encounter analyzed (`analyzeEncounter`, the code `analyzePractice` runs), and the week's
 *    Finding rows and rollups written, and its encounters' CodedLine rows replaced by the lines the
 *    findings were compared against (never codes from older settings).
 *
 * Netting per week is exact because every version of a claim normally has the same date of
 * service. Claims for which that does not hold (lines in two weeks, e.g. a correction that moved
 * the date) and claims whose encounter id names an encounter of another week are found in SQL
 * first, netted once over all their lines and handed to the week they match (findings) and the week
 * of their date of service (claim rollups).
 *
 * Everything happens in ONE transaction (readers see the old results or the new ones, never half),
 * with Organization.analysisStatus `running` → `idle` (or `failed` + analysisError).
 *
 * Which weeks: `weeks: "all"` (default) rebuilds every week. A list rebuilds those weeks, plus the
 * weeks tied to them through cross-week claims; and if the shared context (last date of service,
 * paid medians, median durations, fee schedule, settings, filing windows) differs from the one
 * the previous recompute in this process used — or none is known — every week, since any of them
 * can change any week's values.
 */
import { createHash } from "node:crypto";
import { ENGINE_VERSION } from "@/lib/coding";
import { createPrismaClient, getDatabaseTarget, getDb, type DatabaseTarget, type Db } from "@/lib/db";
import {
  beginAnalysisTransaction,
  claimKey,
  deleteAnalysisResults,
  insertAnalysisResults,
  markAnalysisDone,
  openAnalysisConnection,
  readClaimLinesOfClaims,
  readCrossWeekClaimIds,
  readDataWeeks,
  readDurationHistogram,
  readNonSimpleClaimKeys,
  readSimpleClaimPaidHistogram,
  isSimpleClaim,
  readEncounterSpan,
  readEncounterWeeksByExternalId,
  readFeeSchedule,
  readOrganizationForAnalysis,
  readPayerFilingDays,
  readResultWeeks,
  readWeekClaimLines,
  readTakenBackByClaim,
  readWeekEncounters,
  setAnalysisStatus,
  type AnalysisConnection,
} from "@/lib/db/analysis";
import { loadCodingSettings } from "@/lib/db/import/organizations";
import type { PracticeAnalysisContext } from "./analyze-practice";
import { durationKey } from "./estimate-missing-stops";
import { createFilingWindows } from "./rebill-candidates";
import { buildValuator, medianOfHistogram, paidMedianKey, paidPerUnitInWindow } from "./valuation";
import { analyzeWeek, netStoredClaimLines, type StoredPosition } from "./week-analysis";
import { addDays, weekStartOf, type WeekStartsOn } from "./week-bucket";

export type RecomputeOptions = {
  /** Weeks (`YYYY-MM-DD` week starts) to rebuild, or "all" (default). */
  weeks?: readonly string[] | "all";
  signal?: AbortSignal;
  /** The database (default: the app's, from the environment). */
  target?: DatabaseTarget;
  /** A Prisma client on that database (default: the app's, or one opened for `target`). */
  db?: Db;
};

export type RecomputeResult = {
  /** Weeks rebuilt. */
  weeks: number;
  /** Whether every week was rebuilt (asked for, or escalated because the shared context changed). */
  allWeeks: boolean;
  /** Encounters analyzed. */
  encounters: number;
  /** Finding rows written. */
  findings: number;
  durationMs: number;
};

export class RecomputeAbortedError extends Error {
  constructor() {
    super("The analysis recompute was cancelled; the previous results are kept.");
    this.name = "RecomputeAbortedError";
  }
}

/** Context fingerprints of the last successful recompute per database + organization (this process). */
const lastContext = new Map<string, string>();

function targetKey(target: DatabaseTarget): string {
  return target.provider === "postgresql" ? `pg:${target.url}:${target.schema}` : `sqlite:${target.filePath}`;
}

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
    await setAnalysisStatus(connection, organizationId, "running");
    try {
      const result = await recomputeInTransaction(connection, organizationId, loaded.settings, options, target);
      return { ...result, durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      await connection.rollback();
      const message = error instanceof Error ? error.message : String(error);
      await setAnalysisStatus(connection, organizationId, "failed", message).catch(() => {});
      throw error;
    }
  } finally {
    await connection.close();
    await ownDb?.$disconnect();
  }
}

async function recomputeInTransaction(
  connection: AnalysisConnection,
  organizationId: string,
  codingSettings: PracticeAnalysisContext["codingSettings"],
  options: RecomputeOptions,
  target: DatabaseTarget,
): Promise<Omit<RecomputeResult, "durationMs">> {
  const { signal } = options;
  if (signal?.aborted) throw new RecomputeAbortedError();
  await beginAnalysisTransaction(connection);
  const shared = await loadSharedContext(connection, organizationId, codingSettings, signal);
  const { organization, weekStartsOn, filingWindows, context, dataWeeks, exceptionPositions, exceptionClaimWeeks, isException, fingerprint } = shared;

  // Which weeks to rebuild.
  const memoKey = `${targetKey(target)}#${organizationId}`;
  const previous = lastContext.get(memoKey);
  const askedAll = options.weeks === undefined || options.weeks === "all";
  const allWeeks = askedAll || previous !== fingerprint;
  let weeks: string[];
  if (allWeeks) {
    weeks = [...new Set([...dataWeeks, ...(await readResultWeeks(connection, organizationId))])].sort();
    await deleteAnalysisResults(connection, organizationId, "all");
  } else {
    const wanted = new Set(options.weeks as readonly string[]);
    for (const claimWeeks of exceptionClaimWeeks.values()) {
      if ([...claimWeeks].some((week) => wanted.has(week))) for (const week of claimWeeks) wanted.add(week);
    }
    weeks = [...wanted].sort();
    await deleteAnalysisResults(connection, organizationId, weeks);
  }

  const matchByWeek = groupBy(exceptionPositions, (position) => position.matchWeek);
  const rollupByWeek = groupBy(exceptionPositions, (position) => position.rollupWeek);
  const createdAt = Date.now();
  let encounters = 0;
  let findings = 0;
  for (const week of weeks) {
    await pause(signal);
    const weekEncounters = await readWeekEncounters(connection, organizationId, week);
    const lines = (await readWeekClaimLines(connection, organizationId, week)).filter((line) => !isException(line));
    const positions = netStoredClaimLines(lines);
    const result = analyzeWeek({
      context,
      organizationSetting: organization.setting,
      weekStartsOn,
      filingWindows,
      encounters: weekEncounters,
      matchPositions: [...positions, ...(matchByWeek.get(week) ?? [])],
      rollupPositions: [...positions, ...(rollupByWeek.get(week) ?? [])],
      rollupWeeks: new Set([week]),
    });
    await insertAnalysisResults(connection, organizationId, result, createdAt);
    encounters += result.encounters;
    findings += result.findings.length;
  }

  if (signal?.aborted) throw new RecomputeAbortedError();
  await markAnalysisDone(connection, organizationId, ENGINE_VERSION, new Date());
  await connection.commit();
  lastContext.set(memoKey, fingerprint);
  return { weeks: weeks.length, allWeeks, encounters, findings };
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
  fingerprint: string;
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

  // Explanations name the count behind every median (paid lines, documented durations): counts are
  // part of what every week shares, so a changed count rebuilds every week like a changed median.
  const paidMedians = new Map([...paidHistograms].map(([key, histogram]) => {
    const median = medianOfHistogram(histogram);
    return [key, median.count >= 5 ? [median.cents, median.count] : null] as const;
  }));
  const fingerprint = contextFingerprint({ asOf, paidMedians, medians, medianCounts, feeSchedule, codingSettings, filingWindows, weekStartsOn, organization });
  return { organization, weekStartsOn, filingWindows, asOf, context, dataWeeks, exceptionPositions, exceptionClaimWeeks, isException, fingerprint };
}

/**
 * The shared analysis context (valuator, median durations) as a recompute would build it now, read
 * in a transaction that is rolled back. For tests and diagnostics: compare with `analyzePractice`.
 */
export async function loadAnalysisContext(organizationId: string, options: Pick<RecomputeOptions, "target" | "db"> = {}): Promise<PracticeAnalysisContext & { asOf: string }> {
  const target = options.target ?? getDatabaseTarget();
  const ownDb = !options.db && options.target ? createPrismaClient(target) : undefined;
  const db = options.db ?? ownDb ?? getDb().db;
  const connection = await openAnalysisConnection(target);
  try {
    const loaded = await loadCodingSettings(db, organizationId);
    if (!loaded) throw new Error(`No organization ${organizationId}`);
    await beginAnalysisTransaction(connection);
    const shared = await loadSharedContext(connection, organizationId, loaded.settings, undefined);
    return { ...shared.context, asOf: shared.asOf };
  } finally {
    await connection.rollback();
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

/** A hash of everything the per-week analysis shares: when it changes, every week may change. */
function contextFingerprint(parts: Record<string, unknown>): string {
  const json = JSON.stringify(parts, (_key, value: unknown) => {
    if (value instanceof Map) return [...value].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0));
    return value;
  });
  return createHash("sha256").update(ENGINE_VERSION).update(json).digest("hex");
}

/** Forgets the remembered contexts (tests). */
export function resetRecomputeMemory(): void {
  lastContext.clear();
}
