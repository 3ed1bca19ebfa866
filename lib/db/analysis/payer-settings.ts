/**
 * Per-payer settings (timely-filing windows for the rebill worklist) and the organization's
 * analysis status. Changing a window changes every stored Finding.filingDeadline of that payer:
 * callers schedule a recompute of all weeks afterwards (lib/analysis/recompute-triggers.ts).
 */
import type { Db } from "../client";

export type TPayerSetting = { payer: string; timelyFilingDays: number };

export async function listPayerSettings(db: Db, organizationId: string): Promise<TPayerSetting[]> {
  return db.payerSetting.findMany({ where: { organizationId }, select: { payer: true, timelyFilingDays: true }, orderBy: { payer: "asc" } });
}

/** Sets (or, with null, removes) a payer's timely-filing window in days. */
export async function setPayerTimelyFilingDays(db: Db, organizationId: string, payer: string, days: number | null): Promise<void> {
  if (days === null) {
    await db.payerSetting.deleteMany({ where: { organizationId, payer } });
    return;
  }
  if (!Number.isInteger(days) || days <= 0) throw new RangeError(`timely filing days must be a positive whole number, got ${days}`);
  await db.payerSetting.upsert({
    where: { organizationId_payer: { organizationId, payer } },
    create: { organizationId, payer, timelyFilingDays: days },
    update: { timelyFilingDays: days },
  });
}

export type TAnalysisStatus = {
  status: "idle" | "pending" | "running" | "failed";
  error: string | null;
  engineVersion: string | null;
  analyzedAt: Date | null;
};

export async function getAnalysisStatus(db: Db, organizationId: string): Promise<TAnalysisStatus | null> {
  const row = await db.organization.findUnique({
    where: { id: organizationId },
    select: { analysisStatus: true, analysisError: true, analysisEngineVersion: true, analyzedAt: true },
  });
  if (!row) return null;
  return { status: row.analysisStatus as TAnalysisStatus["status"], error: row.analysisError, engineVersion: row.analysisEngineVersion, analyzedAt: row.analyzedAt };
}

/** Marks the organization's results as out of date (a recompute is queued). */
export async function markAnalysisPending(db: Db, organizationId: string): Promise<void> {
  await db.organization.updateMany({ where: { id: organizationId, analysisStatus: { not: "running" } }, data: { analysisStatus: "pending" } });
}
