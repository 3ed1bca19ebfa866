/**
 * What an AnalysisSnapshot row holds (prisma/schema.prisma, written by
 * lib/db/analysis/analysis-snapshot.ts): the whole practice's overview figures at one published
 * analysis version, and what that version changed in the findings against the version before.
 * Stored as JSON text; read back through parseSnapshotFigures. Pure: no database.
 */
import { z } from "zod";
import { CAUSES, LEAKAGE_CAUSES, type TCause, type TLeakageCause } from "./causes";

export type TFindingTally = { count: number; valueCents: number };

export type TPayerDenialLines = { payer: string; lines: number; deniedLines: number };

export type TAnalysisSnapshotFigures = {
  encounters: number;
  /** The overview's analysis window with no filter (first to last date of service), null without data. */
  window: { from: string; to: string; weeks: number } | null;
  leakageCents: number;
  weeklyLeakageCents: number;
  annualizedLeakageCents: number;
  leakageByCause: Record<TLeakageCause, number>;
  lostAddOnHours: number;
  lostAddOnHoursPerWeek: number;
  /** Leakage findings (coding, documentation, payer), as the overview counts them. */
  findings: number;
  complianceExposureCents: number;
  complianceFindings: number;
  /** Netted claim lines of the whole practice (denial rates). */
  denials: { lines: number; deniedLines: number; billedCents: number; deniedCents: number };
  payerDenials: TPayerDenialLines[];
  /** Findings this version produced whose (encounter, kind, code) the version before did not. */
  newFindingsByCause: Record<TCause, TFindingTally>;
  /** Findings of the version before whose (encounter, kind, code) this version no longer produces. */
  resolvedFindingsByCause: Record<TCause, TFindingTally>;
};

export function emptyTallyByCause(): Record<TCause, TFindingTally> {
  return { coding: { count: 0, valueCents: 0 }, documentation: { count: 0, valueCents: 0 }, payer: { count: 0, valueCents: 0 }, compliance: { count: 0, valueCents: 0 } };
}

const ZInt = z.number().int();
const ZTally = z.object({ count: ZInt, valueCents: ZInt });
const ZTallyByCause = z.object(Object.fromEntries(CAUSES.map((cause) => [cause, ZTally])) as Record<TCause, typeof ZTally>);

const ZSnapshotFigures = z.object({
  encounters: ZInt,
  window: z.object({ from: z.string(), to: z.string(), weeks: z.number() }).nullable(),
  leakageCents: ZInt,
  weeklyLeakageCents: ZInt,
  annualizedLeakageCents: ZInt,
  leakageByCause: z.object(Object.fromEntries(LEAKAGE_CAUSES.map((cause) => [cause, ZInt])) as Record<TLeakageCause, typeof ZInt>),
  lostAddOnHours: z.number(),
  lostAddOnHoursPerWeek: z.number(),
  findings: ZInt,
  complianceExposureCents: ZInt,
  complianceFindings: ZInt,
  denials: z.object({ lines: ZInt, deniedLines: ZInt, billedCents: ZInt, deniedCents: ZInt }),
  payerDenials: z.array(z.object({ payer: z.string(), lines: ZInt, deniedLines: ZInt })),
  newFindingsByCause: ZTallyByCause,
  resolvedFindingsByCause: ZTallyByCause,
});

/** The stored JSON read back; null when it is not a snapshot this code wrote (never thrown: a bad row is skipped). */
export function parseSnapshotFigures(json: string): TAnalysisSnapshotFigures | null {
  try {
    const parsed = ZSnapshotFigures.safeParse(JSON.parse(json));

    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
