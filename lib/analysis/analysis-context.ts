/**
 * What an incremental recompute needs to know to rebuild only the weeks a change can reach (issue
 * [10/12]). Pure: no database.
 *
 * Every week's findings depend on the week's own data and on what all weeks share (the
 * PracticeAnalysisContext): the unit value of a payer + code, a median duration, a payer's filing
 * window, a PLB take-back, and a few settings. While a week is analyzed, `recordDependencies` wraps
 * that shared context and records which parts the week looked up (its dependency keys). The shared
 * context itself is summarized as an `AnalysisContextSnapshot`, stored with the published analysis.
 * The next recompute diffs the new snapshot against the stored one (`changedDependencies`) and
 * rebuilds the weeks whose recorded keys changed, plus the weeks whose data changed. Since a week's
 * result is a function of its data and of exactly the lookups it made, the result equals a full
 * recompute (tests/integration/analysis/incremental-recompute.test.ts checks that property).
 *
 * Dependency keys:
 * - `v:<payer>|<code>`: a unit value (spec §5.3; payer trimmed and lower-cased as the valuator
 *   groups it) — its own paid median, its fee schedule rows, or the reference rate;
 * - `asOf`: an own-paid-median value was used, whose explanation names the 12-month window ending
 *   on the last date of service;
 * - `d:<drug+route key>`: a median documented duration (missing-stop estimate, spec §5.2);
 * - `f:<payer>` / `f:*`: a payer's timely-filing window / the organization's default window;
 * - `t:<claim id>`: the PLB take-backs of a claim.
 * Everything else the weeks share (engine version, coding settings and drug catalog, week start,
 * the organization's setting) is one `global` hash: when it changes, every week is rebuilt.
 */
import { createHash } from "node:crypto";
import { ENGINE_VERSION } from "@/lib/coding";
import type { PracticeAnalysisContext } from "./analyze-practice";
import type { FilingWindows } from "./rebill-candidates";
import { paidMedianKey, type FeeScheduleRate } from "./valuation";

export type AnalysisContextSnapshot = {
  format: 1;
  global: string;
  asOf: string;
  /** paidMedianKey → [median cents, paid lines], for the keys with enough lines to be used. */
  paid: Record<string, [number, number]>;
  /** durationKey → [median minutes, documented administrations]. */
  durations: Record<string, [number, number]>;
  /** `<payer>|<code>` (payer trimmed, lower-cased; "*" for any payer) → a digest of its fee schedule rows. */
  fees: Record<string, string>;
  filing: { defaultDays: number; byPayer: Record<string, number> };
  /** claim id → a digest of its take-backs. */
  takenBack: Record<string, string>;
};

export type SnapshotInput = {
  globalParts: Record<string, unknown>;
  asOf: string;
  paidMedians: ReadonlyMap<string, { cents: number; count: number }>;
  medians: ReadonlyMap<string, number>;
  medianCounts: ReadonlyMap<string, number>;
  feeSchedule: readonly FeeScheduleRate[];
  filingWindows: FilingWindows;
  takenBackByClaim: PracticeAnalysisContext["takenBackByClaim"];
};

const digest = (value: unknown): string => createHash("sha256").update(stableJson(value)).digest("hex").slice(0, 32);

/** JSON with object keys and Map entries sorted, so equal contents give equal text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return [...item].sort((a, b) => compare(String(a[0]), String(b[0])));
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort((a, b) => compare(a[0], b[0])));
    }
    return item;
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const feePayerKey = (payer: string): string => payer.trim().toLowerCase();

export function buildContextSnapshot(input: SnapshotInput): AnalysisContextSnapshot {
  const paid: AnalysisContextSnapshot["paid"] = {};
  for (const [key, median] of input.paidMedians) paid[key] = [median.cents, median.count];
  const durations: AnalysisContextSnapshot["durations"] = {};
  for (const [key, minutes] of input.medians) durations[key] = [minutes, input.medianCounts.get(key) ?? 0];
  const feeRows = new Map<string, FeeScheduleRate[]>();
  for (const row of input.feeSchedule) {
    const key = `${feePayerKey(row.payer)}|${row.code}`;
    const rows = feeRows.get(key);
    if (rows) rows.push(row);
    else feeRows.set(key, [row]);
  }
  const fees: AnalysisContextSnapshot["fees"] = {};
  for (const [key, rows] of feeRows) {
    fees[key] = digest(rows.map((row) => [row.payer, row.rateCents, row.effectiveFrom, row.effectiveTo ?? null]).sort((a, b) => compare(JSON.stringify(a), JSON.stringify(b))));
  }
  const takenBack: AnalysisContextSnapshot["takenBack"] = {};
  for (const [claimId, takeBacks] of input.takenBackByClaim) takenBack[claimId] = digest(takeBacks);

  return {
    format: 1,
    global: digest({ engineVersion: ENGINE_VERSION, ...input.globalParts }),
    asOf: input.asOf,
    paid,
    durations,
    fees,
    filing: { defaultDays: input.filingWindows.defaultDays, byPayer: Object.fromEntries(input.filingWindows.byPayer) },
    takenBack,
  };
}

/** The stored snapshot, or null when there is none or it is unreadable (then every week is rebuilt). */
export function parseContextSnapshot(text: string | null | undefined): AnalysisContextSnapshot | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as Partial<AnalysisContextSnapshot>;
    return parsed && parsed.format === 1 && typeof parsed.global === "string" ? (parsed as AnalysisContextSnapshot) : null;
  } catch {
    return null;
  }
}

/** A set of changed dependency keys; `feeCodes` holds codes whose any-payer ("*") fee rows changed. */
export type ChangedDependencies = { keys: Set<string>; feeCodes: Set<string> };

function changedEntries<T>(previous: Record<string, T>, next: Record<string, T>): string[] {
  const keys: string[] = [];
  for (const key of new Set([...Object.keys(previous), ...Object.keys(next)])) {
    if (JSON.stringify(previous[key]) !== JSON.stringify(next[key])) keys.push(key);
  }
  return keys;
}

/** What changed between two snapshots: "all" (no previous snapshot, or a global part changed) or the changed keys. */
export function changedDependencies(previous: AnalysisContextSnapshot | null, next: AnalysisContextSnapshot): "all" | ChangedDependencies {
  if (!previous || previous.global !== next.global) return "all";
  const keys = new Set<string>();
  const feeCodes = new Set<string>();
  if (previous.asOf !== next.asOf) keys.add("asOf");
  for (const key of changedEntries(previous.paid, next.paid)) keys.add(`v:${key}`);
  for (const key of changedEntries(previous.fees, next.fees)) {
    const separator = key.lastIndexOf("|");
    const payer = key.slice(0, separator);
    const code = key.slice(separator + 1);
    if (payer === "*") feeCodes.add(code);
    else keys.add(`v:${key}`);
  }
  for (const key of changedEntries(previous.durations, next.durations)) keys.add(`d:${key}`);
  if (previous.filing.defaultDays !== next.filing.defaultDays) keys.add("f:*");
  for (const key of changedEntries(previous.filing.byPayer, next.filing.byPayer)) keys.add(`f:${key}`);
  for (const key of changedEntries(previous.takenBack, next.takenBack)) keys.add(`t:${key}`);

  return { keys, feeCodes };
}

/** Whether a week that recorded `dependencies` must be rebuilt after `changed`. */
export function isAffected(dependencies: Iterable<string>, changed: ChangedDependencies): boolean {
  for (const key of dependencies) {
    if (changed.keys.has(key)) return true;
    if (changed.feeCodes.size > 0 && key.startsWith("v:") && changed.feeCodes.has(key.slice(key.lastIndexOf("|") + 1))) return true;
  }

  return false;
}

/** A Map that reports every key looked up (get or has), hit or miss. */
class RecordingMap<K, V> extends Map<K, V> {
  private onLookup: ((key: K) => void) | undefined;

  constructor(entries: Iterable<readonly [K, V]>, onLookup: (key: K) => void) {
    super(entries);
    this.onLookup = onLookup;
  }

  override get(key: K): V | undefined {
    this.onLookup?.(key);
    return super.get(key);
  }

  override has(key: K): boolean {
    this.onLookup?.(key);
    return super.has(key);
  }
}

/**
 * The shared context and filing windows wrapped so that every lookup a week's analysis makes adds
 * its dependency key to `record`. Values are unchanged.
 */
export function recordDependencies(
  context: PracticeAnalysisContext,
  filingWindows: FilingWindows,
  record: Set<string>,
): { context: PracticeAnalysisContext; filingWindows: FilingWindows } {
  const durationLookup = (key: string) => record.add(`d:${key}`);
  const recorded: PracticeAnalysisContext = {
    codingSettings: context.codingSettings,
    valueOf: (payer, code, dateOfService) => {
      record.add(`v:${paidMedianKey(payer, code)}`);
      const value = context.valueOf(payer, code, dateOfService);
      if (value.source === "own_paid_median") record.add("asOf");
      return value;
    },
    medians: new RecordingMap(context.medians, durationLookup),
    ...(context.medianCounts ? { medianCounts: new RecordingMap(context.medianCounts, durationLookup) } : {}),
    takenBackByClaim: new RecordingMap(context.takenBackByClaim, (claimId) => record.add(`t:${claimId}`)),
  };
  const windows: FilingWindows = {
    get defaultDays() {
      record.add("f:*");
      return filingWindows.defaultDays;
    },
    byPayer: new RecordingMap(filingWindows.byPayer, (payer) => record.add(`f:${payer}`)),
  };

  return { context: recorded, filingWindows: windows };
}
