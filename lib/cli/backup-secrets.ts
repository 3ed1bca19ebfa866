/**
 * The secrets a DripAudit database needs and that are deliberately not inside it (nor inside a
 * backup of it): each comes from an environment variable, else from a file in the data folder.
 * `backup` and `restore` list them by name and place, never by value.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { AUTH_SECRET_FILE } from "../auth/constants";
import type { TEnv } from "../env";
import { PATIENT_ID_KEY_FILE } from "../security/patient-id-seal";
import { PATIENT_KEY_SECRET_FILE } from "../security/patient-key";

export type TBackupSecret = {
  /** What is lost without it. */
  purpose: string;
  variable: string;
  fileName: string;
  /** Where this install takes it from now. */
  source: { kind: "environment" } | { kind: "file"; path: string; exists: boolean };
};

const SECRETS = [
  { purpose: "patient keys (matching patients across imports)", variable: "DRIPAUDIT_PATIENT_KEY_SECRET", fileName: PATIENT_KEY_SECRET_FILE },
  { purpose: "sealed patient ids (MRNs shown to permitted users)", variable: "DRIPAUDIT_PATIENT_ID_KEY", fileName: PATIENT_ID_KEY_FILE },
  { purpose: "sign-in sessions and two-factor secrets", variable: "DRIPAUDIT_AUTH_SECRET", fileName: AUTH_SECRET_FILE },
] as const;

export function listBackupSecrets(env: TEnv): TBackupSecret[] {
  return SECRETS.map((secret) => {
    const fromEnv = (env as Record<string, unknown>)[secret.variable];
    if (typeof fromEnv === "string" && fromEnv !== "") return { ...secret, source: { kind: "environment" } };
    const file = path.join(env.dataDir, secret.fileName);

    return { ...secret, source: { kind: "file", path: file, exists: existsSync(file) } };
  });
}

/** One line per secret: where it is and what it protects. */
export function formatBackupSecrets(secrets: readonly TBackupSecret[]): string[] {
  return secrets.map((secret) => {
    const where =
      secret.source.kind === "environment"
        ? `the environment variable ${secret.variable} (keep its value in your secret store)`
        : `${secret.source.path}${secret.source.exists ? "" : " (not created yet)"} (or ${secret.variable})`;

    return `  ${where} — ${secret.purpose}`;
  });
}
