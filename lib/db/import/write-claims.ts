/**
 * Writes claim lines (claims CSV or X12 835) inside the data transaction.
 *
 * Supersede rule (docs/imports.md):
 * - claims CSV: a later CSV carrying the same payer + claim id replaces every line of that claim
 *   that came from an earlier claims CSV (with their adjustments and remarks). Lines from 835s are
 *   never replaced by a CSV.
 * - 835: appended. Each CLP is one version of its claim; versions are netted at analysis time by
 *   `netClaimVersions`.
 * - `claimVersion` numbers the versions of one payer + claim id across files in import order:
 *   the versions of a new file continue after the highest version already stored. Within a CSV a
 *   version is the lines sharing frequency, claim-level status, paid date and payer claim control
 *   number (`claimVersionKey`, the grouping `netClaimVersions` uses); within an 835, one CLP.
 *   Analysis rebuilds `netClaimVersions` input ordered by (claimVersion, id) with
 *   `source.file = String(importBatchId)` and `source.claimSegment = claimVersion`.
 */
import type { ClaimLine, RemittancePayment } from "@/lib/import/claims/claim-line";
import { claimVersionKey } from "@/lib/import/claims/net-claim-versions";
import type { SqlValue } from "./bulk-writer";
import { createKeyCaches, createRowCounter, forChunks, pause, type WriteContext } from "./write-context";

export type ClaimsWriteResult = { claimLines: number; adjustments: number; remarks: number; superseded: number; rowsWritten: number };

const CLAIM_LINE_COLUMNS = [
  "organizationId", "importBatchId", "encounterId", "claimId", "claimVersion", "claimFrequency", "claimStatus",
  "payerClaimControlNumber", "lineControlNumber", "externalEncounterId", "patientKey", "patientIdSealed", "dateOfService",
  "weekStart", "payer", "site", "code", "modifiers", "billedUnits", "paidUnits", "billedCents", "allowedCents", "paidCents",
  "status", "paidDate", "receivedDate", "sourceLine", "createdAt",
] as const;

const claimKey = (payer: string, claimId: string): string => `${payer}\u0000${claimId}`;

/** Deletes claim lines (and their adjustments, remarks, finding links) by id. */
async function deleteClaimLines(ctx: WriteContext, ids: readonly number[]): Promise<void> {
  await forChunks(ids, 500, async (chunk, inList) => {
    await ctx.writer.execute(`DELETE FROM "ClaimAdjustment" WHERE "claimLineId" IN (${inList})`, chunk);
    await ctx.writer.execute(`DELETE FROM "ClaimRemark" WHERE "claimLineId" IN (${inList})`, chunk);
    await ctx.writer.execute(`UPDATE "Finding" SET "claimLineId"=NULL WHERE "organizationId"=? AND "claimLineId" IN (${inList})`, [ctx.organizationId, ...chunk]);
    await ctx.writer.execute(`DELETE FROM "ClaimLine" WHERE "id" IN (${inList})`, chunk);
  });
}

export async function writeClaims(ctx: WriteContext, lines: readonly ClaimLine[], format: "csv" | "x12-835"): Promise<ClaimsWriteResult> {
  const { writer, organizationId } = ctx;
  const counter = createRowCounter(ctx);
  const now = writer.instant(ctx.now);

  const claimIds = [...new Set(lines.map((l) => l.claimId))];
  const inFile = new Set(lines.map((l) => claimKey(l.payer, l.claimId)));

  // Existing lines of the same claims: superseded (CSV over CSV) or counted for version numbers.
  let superseded = 0;
  const maxVersion = new Map<string, number>();
  const toDelete: number[] = [];
  await forChunks(claimIds, 500, async (chunk, inList) => {
    const rows = await writer.query<{ id: number | bigint; payer: string; claimId: string; claimVersion: number | bigint; kind: string }>(
      `SELECT c."id", c."payer", c."claimId", c."claimVersion", b."kind" FROM "ClaimLine" c LEFT JOIN "ImportBatch" b ON b."id" = c."importBatchId"
       WHERE c."organizationId"=? AND c."claimId" IN (${inList})`,
      [organizationId, ...chunk],
    );
    for (const row of rows) {
      const key = claimKey(row.payer, row.claimId);
      if (!inFile.has(key)) continue;
      if (format === "csv" && row.kind === "claims") {
        toDelete.push(Number(row.id));
        continue;
      }
      maxVersion.set(key, Math.max(maxVersion.get(key) ?? 0, Number(row.claimVersion)));
    }
  });
  if (toDelete.length > 0) {
    await deleteClaimLines(ctx, toDelete);
    superseded = toDelete.length;
  }

  // Version numbers: per claim, the file's versions in order of first appearance after the stored ones.
  const versionOf = new Map<string, Map<string, number>>();
  const versions = lines.map((line) => {
    const key = claimKey(line.payer, line.claimId);
    let byVersion = versionOf.get(key);
    if (!byVersion) {
      byVersion = new Map();
      versionOf.set(key, byVersion);
    }
    const vk = claimVersionKey(line);
    let version = byVersion.get(vk);
    if (version === undefined) {
      version = (maxVersion.get(key) ?? 0) + byVersion.size + 1;
      byVersion.set(vk, version);
    }
    return version;
  });

  const written = await insertClaimLines(ctx, lines, versions, counter, now);
  return { claimLines: lines.length, adjustments: written.adjustments, remarks: written.remarks, superseded, rowsWritten: counter.total };
}

/** Inserts lines (with their adjustments and remarks) in chunks of `ctx.chunkRows`; `versions[i]` is line i's claim version. */
async function insertClaimLines(
  ctx: WriteContext,
  lines: readonly ClaimLine[],
  versions: readonly number[],
  counter: { add(n: number): void },
  now: SqlValue,
): Promise<{ adjustments: number; remarks: number }> {
  const { writer, organizationId, batchId } = ctx;
  const keys = createKeyCaches(ctx);
  let adjustments = 0;
  let remarks = 0;
  for (let start = 0; start < lines.length; start += ctx.chunkRows) {
    const chunk = lines.slice(start, start + ctx.chunkRows);
    const rows: SqlValue[][] = chunk.map((l, i) => [
      organizationId, batchId, null, l.claimId, versions[start + i]!, l.claimFrequency, l.statusCode ?? null,
      l.payerClaimControlNumber ?? null, l.lineControlNumber ?? null, l.encounterId ?? null, keys.patient(l.patientId), keys.sealedPatientId(l.patientId),
      l.dateOfService, keys.weekStart(l.dateOfService), l.payer, null, l.code, l.modifiers.join(","), l.billedUnits, l.paidUnits,
      l.billedCents, l.allowedCents, l.paidCents, l.status, l.paidDate ?? null, null, l.source.line ?? null, now,
    ]);
    const ids = await writer.insert("ClaimLine", CLAIM_LINE_COLUMNS, rows, { returnIds: true });
    const adjustmentRows: SqlValue[][] = [];
    const remarkRows: SqlValue[][] = [];
    chunk.forEach((l, i) => {
      for (const a of l.adjustments) adjustmentRows.push([organizationId, ids[i]!, a.group, a.reason, a.amountCents, a.quantity]);
      for (const r of l.remarks) remarkRows.push([organizationId, ids[i]!, r]);
    });
    await writer.insert("ClaimAdjustment", ["organizationId", "claimLineId", "group", "reason", "amountCents", "quantity"], adjustmentRows);
    await writer.insert("ClaimRemark", ["organizationId", "claimLineId", "code"], remarkRows);
    adjustments += adjustmentRows.length;
    remarks += remarkRows.length;
    counter.add(rows.length + adjustmentRows.length + remarkRows.length);
    await pause(ctx);
  }
  return { adjustments, remarks };
}

/** A flat copy of a string that may be a slice of a big chunk (kept as a map key for the whole import). */
const copyString = (value: string): string => Buffer.from(value, "utf8").toString("utf8");

export type ClaimsAppender = {
  /** Writes the next lines of the 835, in file order (a claim version's lines arrive together). */
  write(lines: readonly ClaimLine[]): Promise<void>;
  readonly result: ClaimsWriteResult;
};

/**
 * Writes an 835's claim lines batch by batch as the reader hands them over, so the file's lines
 * are never all in memory. Same rows as `writeClaims(ctx, lines, "x12-835")`: 835 lines are
 * appended, and each CLP is the next version of its payer + claim id after the versions already
 * stored and those earlier in the file. Memory: one number per claim of the file.
 */
export function createClaimsAppender(ctx: WriteContext): ClaimsAppender {
  const counter = createRowCounter(ctx);
  const now = ctx.writer.instant(ctx.now);
  /** payer + claim id → the version number given to its latest CLP in this file. */
  const lastVersion = new Map<string, number>();
  let previousVersionKey = "";
  let previousVersion = 0;
  const result: ClaimsWriteResult = { claimLines: 0, adjustments: 0, remarks: 0, superseded: 0, rowsWritten: 0 };
  return {
    async write(lines) {
      if (lines.length === 0) return;
      // Versions already stored, for the claims this file has not shown before.
      const fresh = new Map<string, string>();
      for (const l of lines) {
        const key = claimKey(l.payer, l.claimId);
        if (!lastVersion.has(key) && !fresh.has(key)) fresh.set(key, l.claimId);
      }
      if (fresh.size > 0) {
        const stored = new Map<string, number>();
        await forChunks([...new Set(fresh.values())], 500, async (chunk, inList) => {
          const rows = await ctx.writer.query<{ payer: string; claimId: string; version: number | bigint | null }>(
            `SELECT "payer", "claimId", MAX("claimVersion") AS "version" FROM "ClaimLine" WHERE "organizationId"=? AND "claimId" IN (${inList}) GROUP BY "payer", "claimId"`,
            [ctx.organizationId, ...chunk],
          );
          for (const row of rows) stored.set(claimKey(row.payer, row.claimId), Number(row.version ?? 0));
        });
        for (const key of fresh.keys()) lastVersion.set(copyString(key), stored.get(key) ?? 0);
      }
      const versions = lines.map((line) => {
        const versionKey = claimVersionKey(line);
        if (versionKey === previousVersionKey) return previousVersion;
        const key = claimKey(line.payer, line.claimId);
        const version = (lastVersion.get(key) ?? 0) + 1;
        lastVersion.set(key, version);
        previousVersionKey = versionKey;
        previousVersion = version;
        return version;
      });
      const written = await insertClaimLines(ctx, lines, versions, counter, now);
      result.claimLines += lines.length;
      result.adjustments += written.adjustments;
      result.remarks += written.remarks;
      result.rowsWritten = counter.total;
    },
    get result() {
      return result;
    },
  };
}

const PROVIDER_ADJUSTMENT_COLUMNS = [
  "organizationId", "importBatchId", "payer", "providerId", "fiscalPeriodDate", "reason", "reference", "claimId", "amountCents", "createdAt",
] as const;

/** Writes an 835's PLB provider adjustments (recoupments and other take-backs), appended like its claims. */
export async function writeProviderAdjustments(ctx: WriteContext, payments: readonly RemittancePayment[]): Promise<number> {
  const now = ctx.writer.instant(ctx.now);
  const rows: SqlValue[][] = payments.flatMap((payment) =>
    payment.providerAdjustments.map((adjustment) => [
      ctx.organizationId, ctx.batchId, payment.payer ?? "", adjustment.providerId, adjustment.fiscalPeriodDate ?? null, adjustment.reason,
      adjustment.reference ?? null, adjustment.claimId ?? null, adjustment.amountCents, now,
    ]),
  );
  await ctx.writer.insert("ProviderAdjustment", PROVIDER_ADJUSTMENT_COLUMNS, rows);
  return rows.length;
}
