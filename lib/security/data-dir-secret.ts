import { randomBytes } from "node:crypto";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "@/lib/config-error";

/**
 * A secret from the environment if given, else the contents of `<dataDir>/<fileName>`, created
 * (32 random bytes, hex, mode 0600) on first use. Losing the file loses what the secret protects:
 * it is backed up with the database.
 */
export function loadDataDirSecret(options: { secret?: string; dataDir: string; fileName: string }): string {
  if (options.secret) return options.secret;
  const file = path.join(options.dataDir, options.fileName);
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
