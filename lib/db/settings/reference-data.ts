/**
 * Per-organization reference data the Settings page edits: fee schedule rates and drug catalog
 * overrides (per-payer timely filing: lib/db/analysis/payer-settings.ts). Every read and write is scoped to the organization: an id of
 * another organization's row changes nothing (and reports false).
 */
import type { FeeScheduleRate } from "@/lib/analysis/valuation";
import type { DrugCatalogEntry } from "@/lib/coding/types";
import { getPublishedAnalysisVersion, visibleAt } from "../analysis/analysis-version";
import type { Db } from "../client";

/**
 * Payer names seen in the organization's claims, for the timely-filing picker. Read from the claim
 * rollup of the published analysis version (a few rows per week), not from the claim lines.
 */
export async function listKnownPayers(db: Db, organizationId: string): Promise<string[]> {
  const analysisVersion = await getPublishedAnalysisVersion(db, organizationId);
  if (analysisVersion === null) return [];
  const rows = await db.claimRollup.groupBy({ by: ["payer"], where: { organizationId, ...visibleAt(analysisVersion) }, orderBy: { payer: "asc" } });

  return rows.map((row) => row.payer).filter(Boolean);
}

export type TFeeScheduleRateRow = { id: number; payer: string; code: string; rateCents: number; effectiveFrom: string; effectiveTo: string | null };

const rateSelect = { id: true, payer: true, code: true, rateCents: true, effectiveFrom: true, effectiveTo: true } as const;

/** The organization's fee schedule by payer, code and date (at most `limit` rows) and the total. */
export async function listFeeScheduleRates(db: Db, organizationId: string, options: { limit?: number } = {}): Promise<{ rows: TFeeScheduleRateRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.feeScheduleRate.findMany({
      where: { organizationId },
      select: rateSelect,
      orderBy: [{ payer: "asc" }, { code: "asc" }, { effectiveFrom: "asc" }, { id: "asc" }],
      take: options.limit ?? 500,
    }),
    db.feeScheduleRate.count({ where: { organizationId } }),
  ]);

  return { rows, total };
}

/**
 * Stores uploaded rates: a rate replaces the stored one with the same payer, code and effective
 * date (the importer's rule), all in one transaction. Returns rows written and rows replaced.
 */
export async function saveFeeScheduleRates(db: Db, organizationId: string, rates: readonly FeeScheduleRate[]): Promise<{ rows: number; replaced: number }> {
  const unique = new Map<string, FeeScheduleRate>();
  for (const rate of rates) unique.set(`${rate.payer}\u0000${rate.code}\u0000${rate.effectiveFrom}`, rate);
  const list = [...unique.values()];

  return db.$transaction(async (tx) => {
    let replaced = 0;
    for (const rate of list) {
      const deleted = await tx.feeScheduleRate.deleteMany({ where: { organizationId, payer: rate.payer, code: rate.code, effectiveFrom: rate.effectiveFrom } });
      replaced += deleted.count;
    }
    for (let index = 0; index < list.length; index += 500) {
      await tx.feeScheduleRate.createMany({
        data: list.slice(index, index + 500).map((rate) => ({
          organizationId,
          payer: rate.payer,
          code: rate.code,
          rateCents: rate.rateCents,
          effectiveFrom: rate.effectiveFrom,
          effectiveTo: rate.effectiveTo ?? null,
        })),
      });
    }

    return { rows: list.length, replaced };
  });
}

export async function updateFeeScheduleRate(
  db: Db,
  organizationId: string,
  id: number,
  input: { payer: string; code: string; rateCents: number; effectiveFrom: string; effectiveTo: string | null },
): Promise<{ before: TFeeScheduleRateRow; after: TFeeScheduleRateRow } | null> {
  const before = await db.feeScheduleRate.findFirst({ where: { id, organizationId }, select: rateSelect });
  if (!before) return null;
  const after = await db.feeScheduleRate.update({ where: { id: before.id }, data: input, select: rateSelect });

  return { before, after };
}

export async function deleteFeeScheduleRate(db: Db, organizationId: string, id: number): Promise<TFeeScheduleRateRow | null> {
  const row = await db.feeScheduleRate.findFirst({ where: { id, organizationId }, select: rateSelect });
  if (!row) return null;
  await db.feeScheduleRate.delete({ where: { id: row.id } });

  return row;
}

export type TDrugCatalogRow = { id: number; hcpcs: string | null; drug: string | null; category: string };

const drugSelect = { id: true, hcpcs: true, drug: true, category: true } as const;

export async function listDrugCatalogEntries(db: Db, organizationId: string, options: { limit?: number } = {}): Promise<{ rows: TDrugCatalogRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.drugCatalogEntry.findMany({ where: { organizationId }, select: drugSelect, orderBy: [{ hcpcs: "asc" }, { drug: "asc" }, { id: "asc" }], take: options.limit ?? 500 }),
    db.drugCatalogEntry.count({ where: { organizationId } }),
  ]);

  return { rows, total };
}

/**
 * Stores uploaded catalog overrides: an entry replaces the stored one with the same HCPCS (entries
 * with an HCPCS) or the same drug name (name-only entries), the importer's rule. Names are stored
 * lower-cased, HCPCS upper-cased.
 */
export async function saveDrugCatalogEntries(db: Db, organizationId: string, entries: readonly DrugCatalogEntry[]): Promise<{ rows: number; replaced: number }> {
  const unique = new Map<string, DrugCatalogEntry>();
  for (const entry of entries) unique.set(entry.hcpcs ? `H\u0000${entry.hcpcs.toUpperCase()}` : `D\u0000${(entry.drug ?? "").toLowerCase()}`, entry);
  const list = [...unique.values()];

  return db.$transaction(async (tx) => {
    let replaced = 0;
    for (const entry of list) {
      const deleted = entry.hcpcs
        ? await tx.drugCatalogEntry.deleteMany({ where: { organizationId, hcpcs: entry.hcpcs.toUpperCase() } })
        : await tx.drugCatalogEntry.deleteMany({ where: { organizationId, hcpcs: null, drug: (entry.drug ?? "").toLowerCase() } });
      replaced += deleted.count;
    }
    await tx.drugCatalogEntry.createMany({
      data: list.map((entry) => ({
        organizationId,
        hcpcs: entry.hcpcs ? entry.hcpcs.toUpperCase() : null,
        drug: entry.drug ? entry.drug.toLowerCase() : null,
        category: entry.category,
      })),
    });

    return { rows: list.length, replaced };
  });
}

export async function updateDrugCatalogEntry(
  db: Db,
  organizationId: string,
  id: number,
  input: { hcpcs: string | null; drug: string | null; category: string },
): Promise<{ before: TDrugCatalogRow; after: TDrugCatalogRow } | null> {
  const before = await db.drugCatalogEntry.findFirst({ where: { id, organizationId }, select: drugSelect });
  if (!before) return null;
  const after = await db.drugCatalogEntry.update({
    where: { id: before.id },
    data: { hcpcs: input.hcpcs ? input.hcpcs.toUpperCase() : null, drug: input.drug ? input.drug.toLowerCase() : null, category: input.category },
    select: drugSelect,
  });

  return { before, after };
}

export async function deleteDrugCatalogEntry(db: Db, organizationId: string, id: number): Promise<TDrugCatalogRow | null> {
  const row = await db.drugCatalogEntry.findFirst({ where: { id, organizationId }, select: drugSelect });
  if (!row) return null;
  await db.drugCatalogEntry.delete({ where: { id: row.id } });

  return row;
}
