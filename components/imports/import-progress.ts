/**
 * Progress of one file on the import screen, as a percentage and a sentence. Pure, so it is unit
 * tested; the uploader feeds it the upload bytes (XHR) and then the job's progress (polled).
 *
 * The bar is split by what the user waits for: uploading 0–30 %, checking for a re-import (hashing,
 * by bytes) 30–40 %, then reading and saving 40–99 %, done 100 %.
 * - Sessions stream: they are read, saved and coded chunk by chunk ("recoding" while bytes are still
 *   being read), so bytes read drive 40–99 % directly.
 * - Other kinds are read whole (40–70 % by bytes), then saved ("writing"). How many rows that writes
 *   is not known in advance, so that part approaches 99 % as rows written grow past rows read:
 *   70 + 29 × (1 − e^(−written/read)).
 */
export type TProgressPhase = "hashing" | "parsing" | "writing" | "recoding" | "done" | "failed";

export type TProgressInput =
  | { stage: "waiting" }
  | { stage: "uploading"; loaded: number; total: number }
  | { stage: "upload_failed" }
  | { stage: "queued" }
  | {
      stage: "running";
      progress: { phase: TProgressPhase; bytesRead: number; bytesTotal: number; rowsRead: number; rowsWritten: number } | null;
    }
  | { stage: "finished"; status: "succeeded" | "duplicate" | "failed" | "needs_mapping" };

export type TProgressView = { percent: number; label: string };

const countFormat = new Intl.NumberFormat("en-US");

/**
 * Bytes in the largest fitting unit with one decimal below 10.
 * @example formatBytes(1536) //=> "1.5 KB"
 * @example formatBytes(734003200) //=> "700 MB"
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "—";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }

  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function fraction(done: number, total: number): number {
  if (!(total > 0)) return 0;

  return Math.min(1, Math.max(0, done / total));
}

const span = (from: number, to: number, f: number) => Math.floor(from + (to - from) * f);

export function computeImportProgress(input: TProgressInput): TProgressView {
  switch (input.stage) {
    case "waiting":
      return { percent: 0, label: "Waiting to upload" };
    case "uploading":
      return {
        percent: span(0, 30, fraction(input.loaded, input.total)),
        label: `Uploading ${formatBytes(input.loaded)} of ${formatBytes(input.total)}`,
      };
    case "upload_failed":
      return { percent: 0, label: "Upload failed" };
    case "queued":
      return { percent: 30, label: "Uploaded — waiting its turn (files are imported one at a time)" };
    case "running": {
      const p = input.progress;
      if (!p) return { percent: 30, label: "Uploaded — starting the import" };
      const bytes = fraction(p.bytesRead, p.bytesTotal);
      const read = `${countFormat.format(p.rowsRead)} rows read`;
      const saved = `${countFormat.format(p.rowsWritten)} rows saved`;
      const writing = p.rowsRead > 0 ? 1 - Math.exp(-Math.max(0, p.rowsWritten) / p.rowsRead) : 0;
      switch (p.phase) {
        case "hashing":
          return { percent: span(30, 40, bytes), label: "Checking whether this file was imported before" };
        case "parsing":
          return {
            percent: span(40, 70, bytes),
            label: `Reading ${formatBytes(Math.min(p.bytesRead, p.bytesTotal))} of ${formatBytes(p.bytesTotal)} — ${read}`,
          };
        case "writing":
          return { percent: span(70, 99, writing), label: `Saving — ${read}, ${saved}` };
        case "recoding":
          return {
            percent: span(40, 99, bytes),
            label: `Reading, saving and coding — ${formatBytes(Math.min(p.bytesRead, p.bytesTotal))} of ${formatBytes(p.bytesTotal)}, ${read}, ${saved}`,
          };
        case "done":
          return { percent: 100, label: `Done — ${read}, ${saved}` };
        case "failed":
          return { percent: span(40, 70, bytes), label: "Stopping — the import failed" };
      }

      return { percent: 30, label: "Importing" };
    }
    case "finished":
      switch (input.status) {
        case "succeeded":
          return { percent: 100, label: "Done" };
        case "duplicate":
          return { percent: 100, label: "Done — already imported, nothing changed" };
        case "needs_mapping":
          return { percent: 100, label: "Stopped — some columns need to be matched" };
        case "failed":
          return { percent: 100, label: "Stopped — the import failed" };
      }
  }
}

/**
 * The bar never moves backwards (phases are re-based, and polls can arrive out of order).
 * @example nextPercent(62, 55) //=> 62
 */
export function nextPercent(previous: number, next: number): number {
  return Math.max(previous, Math.min(100, Math.max(0, next)));
}
