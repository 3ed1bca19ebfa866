import type { Db } from "@/lib/db/client";
import { sealClearPatientIds } from "@/lib/db/patient-ids";
import { SEALED_PATIENT_ID_PREFIX, sealPatientId } from "./patient-id-seal";

/**
 * The start-up step that seals the patient ids an older version stored in clear (Encounter and
 * ClaimLine). Safe to run on every start: it only touches values without the sealed prefix.
 */
export async function sealLegacyPatientIds(db: Db, key: Buffer, options: { batchSize?: number } = {}): Promise<{ encounters: number; claimLines: number }> {
  return sealClearPatientIds(db, {
    seal: (organizationId, clearId) => sealPatientId(key, organizationId, clearId),
    sealedPrefix: SEALED_PATIENT_ID_PREFIX,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
  });
}
