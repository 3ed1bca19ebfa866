import { createCipheriv, createDecipheriv, randomFillSync } from "node:crypto";
import { ConfigError } from "@/lib/config-error";
import { getEnv } from "@/lib/env";
import { loadDataDirSecret } from "./data-dir-secret";

/** File in the data folder that holds the generated key when DRIPAUDIT_PATIENT_ID_KEY is unset. */
export const PATIENT_ID_KEY_FILE = "patient-id.key";

/** Marks a sealed patient id; a stored value without it is a clear id left by an older version. */
export const SEALED_PATIENT_ID_PREFIX = "pid1:";

/** 64 hex characters: the 32-byte AES-256 key as the environment and the key file carry it. */
export const PATIENT_ID_KEY_PATTERN = /^[0-9a-fA-F]{64}$/;

const IV_BYTES = 12;
const TAG_BYTES = 16;

// IVs are cut from a pool refilled 4,096 at a time: one system call per IV was most of an import's sealing cost.
const ivPool = Buffer.alloc(IV_BYTES * 4096);
let ivPoolOffset = ivPool.length;

function nextIv(): Buffer {
  if (ivPoolOffset === ivPool.length) {
    randomFillSync(ivPool);
    ivPoolOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivPoolOffset, ivPoolOffset + IV_BYTES));
  ivPoolOffset += IV_BYTES;

  return iv;
}

/**
 * The key that seals patient ids (MRNs): DRIPAUDIT_PATIENT_ID_KEY (64 hex characters) if given,
 * else `<dataDir>/patient-id.key`, created (mode 0600) on first use. Losing it loses the display of
 * stored MRNs, not the analysis: patients are matched by their patient key, never by the MRN.
 */
export function loadPatientIdKey(options: { key?: string; dataDir: string }): Buffer {
  const hex = loadDataDirSecret({ secret: options.key, dataDir: options.dataDir, fileName: PATIENT_ID_KEY_FILE });
  if (!PATIENT_ID_KEY_PATTERN.test(hex)) {
    throw new ConfigError(
      options.key
        ? "Invalid configuration: DRIPAUDIT_PATIENT_ID_KEY must be 64 hex characters (32 bytes)."
        : `${PATIENT_ID_KEY_FILE} in the data folder holds no usable key (64 hex characters) — restore it from a backup.`,
    );
  }

  return Buffer.from(hex, "hex");
}

/** Whether a stored value is already sealed (the legacy step skips these). */
export function isSealedPatientId(stored: string): boolean {
  return stored.startsWith(SEALED_PATIENT_ID_PREFIX);
}

/**
 * Encrypts a patient id with AES-256-GCM under a random 12-byte IV; the organization id is the
 * additional authenticated data, so a value copied into another practice's rows does not open.
 *
 * @example
 * sealPatientId(key, "org_1", "MRN-001") //=> "pid1:Qm9n…" (different every call)
 */
export function sealPatientId(key: Buffer, organizationId: string, patientId: string): string {
  const iv = nextIv();
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(organizationId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(patientId, "utf8"), cipher.final()]);

  return `${SEALED_PATIENT_ID_PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

/**
 * The patient id inside a sealed value, or null when it does not open (another key, another
 * practice, a damaged or clear value). Never throws: a page shows the patient key instead.
 */
export function openPatientId(key: Buffer, organizationId: string, sealed: string): string | null {
  if (!isSealedPatientId(sealed)) return null;
  try {
    const packed = Buffer.from(sealed.slice(SEALED_PATIENT_ID_PREFIX.length), "base64url");
    if (packed.length < IV_BYTES + TAG_BYTES) return null;
    const decipher = createDecipheriv("aes-256-gcm", key, packed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(organizationId, "utf8"));
    decipher.setAuthTag(packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));

    return Buffer.concat([decipher.update(packed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** The app's key from its environment (DRIPAUDIT_PATIENT_ID_KEY or the data folder's key file). */
export function loadPatientIdKeyFromEnv(): Buffer {
  const env = getEnv();

  return loadPatientIdKey({ key: env.DRIPAUDIT_PATIENT_ID_KEY, dataDir: env.dataDir });
}
