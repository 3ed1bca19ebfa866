import { createHmac } from "node:crypto";
import { loadDataDirSecret } from "./data-dir-secret";

/** File in the data folder that holds the generated secret when DRIPAUDIT_PATIENT_KEY_SECRET is unset. */
export const PATIENT_KEY_SECRET_FILE = "patient-key.secret";

/**
 * The secret for patient keys: DRIPAUDIT_PATIENT_KEY_SECRET if given, else the contents of
 * `<dataDir>/patient-key.secret`, created on first use. Losing it means new imports no longer
 * match old patient keys: back it up with the database.
 */
export function loadPatientKeySecret(options: { secret?: string; dataDir: string }): string {
  return loadDataDirSecret({ ...options, fileName: PATIENT_KEY_SECRET_FILE });
}

/**
 * Pseudonymizes a patient id (MRN / account number) as HMAC-SHA256(secret, organizationId + NUL +
 * trimmed id), hex. Keyed per organization, so the same MRN at two practices gives two keys.
 *
 * @example
 * patientKey("…secret…", "org_1", " MRN-001 ") === patientKey("…secret…", "org_1", "MRN-001") //=> true
 */
export function patientKey(secret: string, organizationId: string, patientId: string): string {
  return createHmac("sha256", secret).update(`${organizationId}\u0000${patientId.trim()}`).digest("hex");
}
