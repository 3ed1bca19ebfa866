import type { Db } from "./client";

export type TSealClearPatientIdsOptions = {
  /** Turns a clear patient id into its stored, sealed form for that practice. */
  seal: (organizationId: string, clearId: string) => string;
  /** The prefix every sealed value starts with; values without it are clear ids from before sealing. */
  sealedPrefix: string;
  /** Rows per transaction (default 500). */
  batchSize?: number;
};

type TClearRow = { id: number | bigint; organizationId: string; patientIdSealed: string };

/**
 * Seals, in batches of one transaction each, every Encounter and ClaimLine patient id still stored
 * in clear (an install from before ids were sealed). Idempotent: sealed values are left alone, so
 * a run cut short is finished by the next. Returns how many rows of each table it sealed.
 */
export async function sealClearPatientIds(db: Db, options: TSealClearPatientIdsOptions): Promise<{ encounters: number; claimLines: number }> {
  const batchSize = options.batchSize ?? 500;
  const prefixLength = options.sealedPrefix.length;

  const sealTable = async (table: "Encounter" | "ClaimLine"): Promise<number> => {
    let sealed = 0;
    let afterId = 0;
    for (;;) {
      // substr, not LIKE: SQLite's LIKE ignores case, and a clear id such as "PID1:…" must still be sealed.
      const rows =
        table === "Encounter"
          ? await db.$queryRaw<TClearRow[]>`SELECT "id", "organizationId", "patientIdSealed" FROM "Encounter"
              WHERE "id" > ${afterId} AND "patientIdSealed" IS NOT NULL AND substr("patientIdSealed", 1, ${prefixLength}) <> ${options.sealedPrefix}
              ORDER BY "id" LIMIT ${batchSize}`
          : await db.$queryRaw<TClearRow[]>`SELECT "id", "organizationId", "patientIdSealed" FROM "ClaimLine"
              WHERE "id" > ${afterId} AND "patientIdSealed" IS NOT NULL AND substr("patientIdSealed", 1, ${prefixLength}) <> ${options.sealedPrefix}
              ORDER BY "id" LIMIT ${batchSize}`;
      if (rows.length === 0) return sealed;
      const updates = rows.map((row) => ({ id: Number(row.id), patientIdSealed: options.seal(row.organizationId, row.patientIdSealed) }));
      await db.$transaction(
        updates.map(({ id, patientIdSealed }) =>
          table === "Encounter"
            ? db.encounter.update({ where: { id }, data: { patientIdSealed }, select: { id: true } })
            : db.claimLine.update({ where: { id }, data: { patientIdSealed }, select: { id: true } }),
        ),
      );
      sealed += updates.length;
      afterId = updates[updates.length - 1]!.id;
    }
  };

  return { encounters: await sealTable("Encounter"), claimLines: await sealTable("ClaimLine") };
}
