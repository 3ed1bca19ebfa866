import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

/**
 * Streams an upload body to a temporary file in `<data folder>/uploads`, never holding the whole
 * file in memory, and stops as soon as it passes the size cap. The file is named by a random id
 * (never by the user's file name) and readable by the server's user only: it holds PHI until the
 * import job deletes it.
 */
export class UploadError extends Error {
  readonly code: "upload_too_large" | "empty_file" | "upload_aborted";
  readonly status: number;

  constructor(code: UploadError["code"], status: number, message: string) {
    super(message);
    this.name = "UploadError";
    this.code = code;
    this.status = status;
  }
}

export function isUploadError(error: unknown): error is UploadError {
  return error instanceof UploadError;
}

/** The uploads folder under the data folder. */
export function getUploadsDir(dataDir: string): string {
  return path.join(dataDir, "uploads");
}

/** The message for a file above the cap, e.g. "The file is larger than 2,048 MB, the most this install accepts …". */
export function uploadTooLargeMessage(maxBytes: number): string {
  const mb = Math.floor(maxBytes / (1024 * 1024));

  return `The file is larger than ${mb.toLocaleString("en-US")} MB, the most this install accepts. Split it into smaller files, or raise DRIPAUDIT_MAX_UPLOAD_MB.`;
}

export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  options: { uploadsDir: string; maxBytes: number },
): Promise<{ filePath: string; bytes: number }> {
  if (!body) throw new UploadError("empty_file", 400, "The file is empty — choose a file with data in it.");
  await mkdir(options.uploadsDir, { recursive: true, mode: 0o700 });
  const filePath = path.join(options.uploadsDir, `${randomUUID()}.upload`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) callback(new UploadError("upload_too_large", 413, uploadTooLargeMessage(options.maxBytes)));
      else callback(null, chunk);
    },
  });

  try {
    await pipeline(Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>), limit, createWriteStream(filePath, { mode: 0o600 }));
  } catch (error) {
    await rm(filePath, { force: true });
    if (isUploadError(error)) throw error;
    throw new UploadError("upload_aborted", 400, "The upload was interrupted before the whole file arrived — try again.");
  }
  if (bytes === 0) {
    await rm(filePath, { force: true });
    throw new UploadError("empty_file", 400, "The file is empty — choose a file with data in it.");
  }

  return { filePath, bytes };
}
