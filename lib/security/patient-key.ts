import { createHmac, randomBytes } from "node:crypto";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "@/lib/config-error";

/** File in the data folder that holds the generated secret when DRIPAUDIT_PATIENT_KEY_SECRET is unset. */
export const PATIENT_KEY_SECRET_FILE = "patient-key.secret";

/**
 * The secret for patient keys: DRIPAUDIT_PATIENT_KEY_SECRET if given, else the contents of
 * `<dataDir>/patient-key.secret`, created (32 random bytes, hex, mode 0600) on first use.
 * Losing it means new imports no longer match old patient keys: back it up with the database.
 */
export function loadPatientKeySecret(options: { secret?: string; dataDir: string }): string {
  if (options.secret) return options.secret;
  const file = path.join(options.dataDir, PATIENT_KEY_SECRET_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
      throw new ConfigError(`Cannot create ${file} (${(error as NodeJS.ErrnoException).code}) — set DRIPAUDIT_DATA_DIR to a writable folder.`);
    }
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new ConfigError(`${file} holds no usable secret (under 32 characters) — restore it from a backup.`);
  try {
    chmodSync(file, 0o600);
  } catch {
    // best effort on file systems without modes
  }

  return secret;
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
