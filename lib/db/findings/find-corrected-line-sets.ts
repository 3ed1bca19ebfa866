import type { Db } from "../client";

export type TCorrectedLine = { code: string; units: number; modifiers: string[] };

/**
 * The canonical line set ("what should be billed") of each encounter, for the rebill worklist:
 * one query for a page of encounters, scoped to the organization, in the engine's order.
 */
export async function findCorrectedLineSets(db: Db, organizationId: string, encounterIds: readonly number[]): Promise<Map<number, TCorrectedLine[]>> {
  const ids = [...new Set(encounterIds)];
  const sets = new Map<number, TCorrectedLine[]>();
  if (ids.length === 0) return sets;
  const lines = await db.codedLine.findMany({
    where: { organizationId, encounterId: { in: ids } },
    select: { encounterId: true, code: true, units: true, modifiers: true },
    orderBy: [{ encounterId: "asc" }, { position: "asc" }, { id: "asc" }],
  });
  for (const line of lines) {
    const set = sets.get(line.encounterId) ?? [];
    set.push({ code: line.code, units: line.units, modifiers: line.modifiers ? line.modifiers.split(",").filter(Boolean) : [] });
    sets.set(line.encounterId, set);
  }

  return sets;
}
