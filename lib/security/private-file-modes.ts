import { chmodSync, lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The umask of every DripAudit process that writes to the data folder (start, the CLI, the
 * processes they spawn inherit it): folders it creates are 0700 and files 0600, whoever creates
 * them (SQLite's WAL and SHM files, uploads, secrets, backups).
 */
export const PRIVATE_UMASK = 0o077;

/**
 * Makes the data folder and everything in it private to the server's user (folders 0700, files
 * 0600), and the given files outside it (a SQLite database elsewhere and its -wal/-shm). An
 * install created before modes were tightened is fixed at its next start. Symbolic links inside
 * are neither followed nor changed (the data folder itself may be one); a file that vanishes
 * meanwhile is skipped. Returns how many modes
 * it changed.
 */
export function restrictPrivateFileModes(options: { dataDir: string; files?: readonly string[] }): number {
  let changed = 0;
  const restrict = (target: string, descend: boolean, follow = false) => {
    let info;
    try {
      info = follow ? statSync(target) : lstatSync(target);
    } catch {
      return;
    }
    if (info.isSymbolicLink()) return;
    const wanted = info.isDirectory() ? 0o700 : 0o600;
    if ((info.mode & 0o777) !== wanted) {
      try {
        chmodSync(target, wanted);
        changed++;
      } catch {
        // a file system without modes (some network shares): nothing more to do
      }
    }
    if (descend && info.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(target);
      } catch {
        return;
      }
      for (const name of names) restrict(path.join(target, name), true);
    }
  };
  restrict(options.dataDir, true, true);
  for (const file of options.files ?? []) {
    for (const companion of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) restrict(companion, false, true);
  }

  return changed;
}
