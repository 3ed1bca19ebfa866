import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { TImportJobUpload } from "./import-jobs";

/**
 * Upload retention: uploads hold PHI, so none outlives its use.
 * - A job deletes its upload when its import ends (import-jobs.ts); a job waiting for a column
 *   mapping keeps it for the retry, until the job is forgotten (an hour) or the upload is older
 *   than its practice's `uploadRetentionDays`. With 0 days the file goes as soon as the import
 *   ends; only a file waiting for its column mapping is kept, since the mapping needs it (at most
 *   the hour a job is remembered).
 * - An upload no job holds (left by a restart, a crash, or an upload cut off) is deleted once it
 *   has not been written to for ORPHAN_GRACE_MS (a file still arriving is written continuously).
 * - At start no job exists yet: every upload is left over (`removeLeftoverUploads`).
 */
export const ORPHAN_GRACE_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const UPLOAD_SUFFIX = ".upload";

export type TUploadSweepOptions = {
  uploadsDir: string;
  /** The uploads the job registry holds. */
  held: readonly TImportJobUpload[];
  /** Gives up a finished job's kept upload (the registry deletes it). */
  expire: (filePath: string) => boolean;
  /** Each practice's retention in days (a practice missing from the map keeps nothing). */
  retentionDays: (organizationIds: string[]) => Promise<Map<string, number>>;
  now?: number;
  orphanGraceMs?: number;
};

async function listUploads(uploadsDir: string): Promise<string[]> {
  try {
    return (await readdir(uploadsDir)).filter((name) => name.endsWith(UPLOAD_SUFFIX)).map((name) => path.join(uploadsDir, name));
  } catch {
    return [];
  }
}

async function ageMs(filePath: string, now: number): Promise<number | null> {
  try {
    return now - (await stat(filePath)).mtimeMs;
  } catch {
    return null;
  }
}

/** Deletes the uploads past their retention or left over; returns how many. Errors are ignored: this is housekeeping. */
export async function sweepUploads(options: TUploadSweepOptions): Promise<number> {
  const now = options.now ?? Date.now();
  const graceMs = options.orphanGraceMs ?? ORPHAN_GRACE_MS;
  const files = await listUploads(options.uploadsDir);
  if (files.length === 0) return 0;
  const holders = new Map(options.held.map((upload) => [upload.filePath, upload]));
  const idle = options.held.filter((upload) => upload.isIdle);
  const retention = idle.length > 0 ? await options.retentionDays(idle.map((upload) => upload.organizationId)) : new Map<string, number>();
  let removed = 0;
  for (const filePath of files) {
    const holder = holders.get(filePath);
    if (holder && !holder.isIdle) continue;
    const age = await ageMs(filePath, now);
    if (age === null) continue;
    if (holder) {
      const days = retention.get(holder.organizationId);
      const expired = days === undefined || (days > 0 && age > days * DAY_MS);
      if (!expired || !options.expire(filePath)) continue;
    } else if (age <= graceMs) {
      continue;
    }
    await rm(filePath, { force: true }).catch(() => undefined);
    removed++;
  }

  return removed;
}

/** At start no import runs and no job exists: every upload in the folder is left over from an earlier run. */
export async function removeLeftoverUploads(uploadsDir: string): Promise<number> {
  const files = await listUploads(uploadsDir);
  for (const filePath of files) await rm(filePath, { force: true }).catch(() => undefined);

  return files.length;
}
