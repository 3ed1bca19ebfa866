import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isUploadError, saveUpload } from "@/lib/import/save-upload";
import { sweepUploads } from "@/lib/import/upload-retention";

let dir = "";
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-upload-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe("saveUpload", () => {
  test("streams the body to a private file named by a random id", async () => {
    const uploadsDir = path.join(dir, "uploads");
    const saved = await saveUpload(streamOf(["a,b\n", "1,2\n"]), { uploadsDir, maxBytes: 100 });
    expect(saved.bytes).toBe(8);
    expect(readFileSync(saved.filePath, "utf8")).toBe("a,b\n1,2\n");
    expect(path.dirname(saved.filePath)).toBe(uploadsDir);
    expect(path.basename(saved.filePath)).toMatch(/^[0-9a-f-]{36}\.upload$/);
    expect(statSync(saved.filePath).mode & 0o077).toBe(0);
  });

  test("stops past the cap with 413 and leaves no partial file", async () => {
    const uploadsDir = path.join(dir, "uploads");
    const error = await saveUpload(streamOf(["12345", "67890", "x"]), { uploadsDir, maxBytes: 10 }).catch((e: unknown) => e);
    expect(isUploadError(error) && error.status).toBe(413);
    expect(isUploadError(error) && error.message).toMatch(/larger than/);
    expect(readdirSync(uploadsDir)).toEqual([]);
  });

  test("an empty body is refused (400) and leaves no file", async () => {
    const uploadsDir = path.join(dir, "uploads");
    for (const body of [streamOf([]), null]) {
      const error = await saveUpload(body, { uploadsDir, maxBytes: 10 }).catch((e: unknown) => e);
      expect(isUploadError(error) && [error.status, error.code]).toEqual([400, "empty_file"]);
    }
    expect(existsSync(uploadsDir) ? readdirSync(uploadsDir) : []).toEqual([]);
  });
});

describe("sweepUploads (upload retention)", () => {
  const noRetention = async () => new Map<string, number>();

  test("deletes left-over uploads past the grace, keeps fresh ones, those of running imports and other files", async () => {
    const old = path.join(dir, "old.upload");
    const running = path.join(dir, "running.upload");
    const fresh = path.join(dir, "fresh.upload");
    const other = path.join(dir, "notes.txt");
    for (const file of [old, running, fresh, other]) writeFileSync(file, "x");
    const past = new Date(Date.now() - 3 * 3600_000);
    for (const file of [old, running, other]) utimesSync(file, past, past);
    const expired: string[] = [];
    const removed = await sweepUploads({
      uploadsDir: dir,
      held: [{ filePath: running, organizationId: "org1", isIdle: false }],
      expire: (filePath) => expired.push(filePath) > 0,
      retentionDays: noRetention,
    });
    expect(removed).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["fresh.upload", "notes.txt", "running.upload"]);
    expect(expired).toEqual([]);
  });

  test("a kept upload of a practice that no longer exists goes at once", async () => {
    const kept = path.join(dir, "kept.upload");
    writeFileSync(kept, "x");
    const removed = await sweepUploads({ uploadsDir: dir, held: [{ filePath: kept, organizationId: "gone", isIdle: true }], expire: () => true, retentionDays: noRetention });
    expect(removed).toBe(1);
    expect(existsSync(kept)).toBe(false);
  });

  test("a missing folder is fine", async () => {
    expect(await sweepUploads({ uploadsDir: path.join(dir, "nope"), held: [], expire: () => true, retentionDays: noRetention })).toBe(0);
  });
});
