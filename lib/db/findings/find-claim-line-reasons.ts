import type { Db } from "../client";

/** What the payer said about one claim line: its CARC adjustments (group + reason) and RARC remarks, in stored order. */
export type TClaimLineReasons = { adjustments: { group: string; reason: string }[]; remarks: string[] };

/**
 * The CARC/RARC reasons of the given claim lines of one organization (for the findings CSV export),
 * read in two queries per call whatever the number of lines. Lines without any are absent.
 */
export async function findClaimLineReasons(db: Db, organizationId: string, claimLineIds: readonly number[]): Promise<Map<number, TClaimLineReasons>> {
  const ids = [...new Set(claimLineIds)];
  const out = new Map<number, TClaimLineReasons>();
  if (ids.length === 0) return out;
  const entry = (id: number): TClaimLineReasons => {
    let found = out.get(id);
    if (!found) {
      found = { adjustments: [], remarks: [] };
      out.set(id, found);
    }

    return found;
  };
  const [adjustments, remarks] = await Promise.all([
    db.claimAdjustment.findMany({ where: { organizationId, claimLineId: { in: ids } }, select: { claimLineId: true, group: true, reason: true }, orderBy: { id: "asc" } }),
    db.claimRemark.findMany({ where: { organizationId, claimLineId: { in: ids } }, select: { claimLineId: true, code: true }, orderBy: { id: "asc" } }),
  ]);
  for (const row of adjustments) entry(row.claimLineId).adjustments.push({ group: row.group, reason: row.reason });
  for (const row of remarks) entry(row.claimLineId).remarks.push(row.code);

  return out;
}
