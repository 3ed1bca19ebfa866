import type { Db } from "../client";
import { RECOVERED_STATUSES } from "@/lib/worklist/finding-workflow";

/** One finding's recovery, as the Recovered list shows it. */
export type TRecoveredWork = {
  workId: number;
  /** The encounter's database id (for its page), null when the encounter is gone. */
  encounterId: number | null;
  externalEncounterId: string;
  kind: string;
  code: string;
  status: "recovered" | "partially_recovered";
  recoveredCents: number;
  recoveredOn: string | null;
  /** "remittance" (read from a later claim version) | "person" (recorded by hand). */
  recoverySource: string | null;
  recoveryClaimId: string | null;
};

const RECOVERED_LIST_LIMIT = 500;

/**
 * What the practice's work brought back, newest payment first (at most 500 rows; `total` and
 * `totalCents` count them all). Findings a correction paid are gone from the analysis, so this list
 * is read from their work records, not from Finding rows.
 */
export async function listRecoveredWork(db: Db, organizationId: string): Promise<{ rows: TRecoveredWork[]; total: number; totalCents: number }> {
  const where = { organizationId, status: { in: [...RECOVERED_STATUSES] }, recoveredCents: { not: null } };
  const [rows, totals] = await Promise.all([
    db.findingWork.findMany({
      where,
      orderBy: [{ recoveredOn: "desc" }, { id: "desc" }],
      take: RECOVERED_LIST_LIMIT,
      select: { id: true, externalEncounterId: true, kind: true, code: true, status: true, recoveredCents: true, recoveredOn: true, recoverySource: true, recoveryClaimId: true },
    }),
    db.findingWork.aggregate({ where, _count: { _all: true }, _sum: { recoveredCents: true } }),
  ]);
  const externalIds = [...new Set(rows.map((row) => row.externalEncounterId))];
  const encounters = externalIds.length > 0 ? await db.encounter.findMany({ where: { organizationId, externalEncounterId: { in: externalIds } }, select: { id: true, externalEncounterId: true } }) : [];
  const encounterOf = new Map(encounters.map((encounter) => [encounter.externalEncounterId, encounter.id]));

  return {
    rows: rows.map((row) => ({
      workId: row.id,
      encounterId: encounterOf.get(row.externalEncounterId) ?? null,
      externalEncounterId: row.externalEncounterId,
      kind: row.kind,
      code: row.code,
      status: row.status as TRecoveredWork["status"],
      recoveredCents: Number(row.recoveredCents),
      recoveredOn: row.recoveredOn,
      recoverySource: row.recoverySource,
      recoveryClaimId: row.recoveryClaimId,
    })),
    total: totals._count._all,
    totalCents: Number(totals._sum.recoveredCents ?? 0),
  };
}
