/**
 * Planner statistics after an import (issue 17). PostgreSQL plans from statistics that autovacuum
 * gathers only later (after its naptime, once enough rows changed); the recompute an import starts
 * runs right after the commit, on tables that may have grown from nothing. So once the import's
 * data transaction has committed, `ANALYZE` the tables it wrote (outside that transaction, on the
 * import's own connection; it samples at most 300 × default_statistics_target rows per table, well
 * under a second at 1,000,000 encounters).
 *
 * SQLite: nothing. Its reads that matter at scale are written so their plans do not depend on
 * statistics (lib/db/analysis: CROSS JOIN order and `INDEXED BY`), and a full ANALYZE reads every
 * index (seconds at 1M encounters, under the write lock).
 */
import type { BulkWriter } from "./bulk-writer";
import type { ImportTable } from "./tables";

/** Data tables an import of each kind writes and the analysis reads (reference data is small). */
const TABLES_BY_KIND: Record<string, readonly ImportTable[]> = {
  sessions: ["Encounter", "Administration", "CodedLine"],
  mar: ["Encounter", "Administration", "CodedLine"],
  claims: ["ClaimLine", "ClaimAdjustment"],
  remittance_835: ["ClaimLine", "ClaimAdjustment", "ProviderAdjustment"],
};

/** Tables `refreshPlannerStatistics` analyzes for an import of `kind` on PostgreSQL. */
export function statisticsTablesFor(kind: string): readonly ImportTable[] {
  return TABLES_BY_KIND[kind] ?? [];
}

/**
 * After an import of `kind` committed: PostgreSQL `ANALYZE` of the tables it wrote. Never throws
 * (the import is committed; stale statistics only cost speed). Must not be called inside a
 * transaction the caller still means to roll back.
 */
export async function refreshPlannerStatistics(writer: BulkWriter, kind: string): Promise<void> {
  if (writer.provider !== "postgresql") return;
  const tables = statisticsTablesFor(kind);
  if (tables.length === 0) return;
  try {
    await writer.execute(`ANALYZE ${tables.map((table) => `"${table}"`).join(", ")}`);
  } catch {
    // statistics are an optimisation: a failure here must not turn a committed import into a failed one
  }
}
