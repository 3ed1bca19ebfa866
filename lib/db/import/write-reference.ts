/**
 * Fee schedule and drug catalog imports (organization reference data).
 * - Fee schedule: a row replaces the stored rate with the same payer + code + effective_from.
 * - Drug catalog: a row replaces the stored entry with the same HCPCS (rows with an HCPCS) or the
 *   same drug name (rows with only a name).
 */
import type { FeeScheduleRate } from "@/lib/analysis/valuation";
import type { DrugCatalogEntry } from "@/lib/coding/types";
import type { SqlValue } from "./bulk-writer";
import { createRowCounter, pause, type WriteContext } from "./write-context";

export async function writeFeeSchedule(ctx: WriteContext, rates: readonly FeeScheduleRate[]): Promise<{ rows: number; superseded: number }> {
  const { writer, organizationId } = ctx;
  const counter = createRowCounter(ctx);
  let superseded = 0;
  const unique = new Map<string, FeeScheduleRate>();
  for (const r of rates) unique.set(`${r.payer}\u0000${r.code}\u0000${r.effectiveFrom}`, r);
  for (const r of unique.values()) {
    superseded += await writer.execute(
      `DELETE FROM "FeeScheduleRate" WHERE "organizationId"=? AND "payer"=? AND "code"=? AND "effectiveFrom"=?`,
      [organizationId, r.payer, r.code, r.effectiveFrom],
    );
  }
  const rows: SqlValue[][] = [...unique.values()].map((r) => [organizationId, r.payer, r.code, r.rateCents, r.effectiveFrom, r.effectiveTo ?? null]);
  for (let i = 0; i < rows.length; i += ctx.chunkRows) {
    const chunk = rows.slice(i, i + ctx.chunkRows);
    await writer.insert("FeeScheduleRate", ["organizationId", "payer", "code", "rateCents", "effectiveFrom", "effectiveTo"], chunk);
    counter.add(chunk.length);
    await pause(ctx);
  }
  return { rows: rows.length, superseded };
}

export async function writeDrugCatalog(ctx: WriteContext, entries: readonly DrugCatalogEntry[]): Promise<{ rows: number; superseded: number }> {
  const { writer, organizationId } = ctx;
  const counter = createRowCounter(ctx);
  let superseded = 0;
  const unique = new Map<string, DrugCatalogEntry>();
  for (const e of entries) unique.set(e.hcpcs ? `H\u0000${e.hcpcs.toUpperCase()}` : `D\u0000${(e.drug ?? "").toLowerCase()}`, e);
  for (const e of unique.values()) {
    superseded += e.hcpcs
      ? await writer.execute(`DELETE FROM "DrugCatalogEntry" WHERE "organizationId"=? AND "hcpcs"=?`, [organizationId, e.hcpcs.toUpperCase()])
      : await writer.execute(`DELETE FROM "DrugCatalogEntry" WHERE "organizationId"=? AND "hcpcs" IS NULL AND "drug"=?`, [organizationId, (e.drug ?? "").toLowerCase()]);
  }
  const rows: SqlValue[][] = [...unique.values()].map((e) => [organizationId, e.hcpcs?.toUpperCase() ?? null, e.drug ? e.drug.toLowerCase() : null, e.category]);
  for (let i = 0; i < rows.length; i += ctx.chunkRows) {
    const chunk = rows.slice(i, i + ctx.chunkRows);
    await writer.insert("DrugCatalogEntry", ["organizationId", "hcpcs", "drug", "category"], chunk);
    counter.add(chunk.length);
    await pause(ctx);
  }
  return { rows: rows.length, superseded };
}
