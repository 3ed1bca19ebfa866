import { describe, expect, test } from "vitest";
import { computeImportProgress, formatBytes, nextPercent } from "@/components/imports/import-progress";

const running = (phase: "hashing" | "parsing" | "writing" | "recoding" | "done" | "failed", bytesRead: number, rowsRead = 0, rowsWritten = 0) =>
  computeImportProgress({ stage: "running", progress: { phase, bytesRead, bytesTotal: 1000, rowsRead, rowsWritten } });

describe("computeImportProgress", () => {
  test.each([
    [{ stage: "waiting" } as const, 0],
    [{ stage: "uploading", loaded: 0, total: 1000 } as const, 0],
    [{ stage: "uploading", loaded: 500, total: 1000 } as const, 15],
    [{ stage: "uploading", loaded: 1000, total: 1000 } as const, 30],
    [{ stage: "queued" } as const, 30],
    [{ stage: "running", progress: null } as const, 30],
    [{ stage: "finished", status: "succeeded" } as const, 100],
    [{ stage: "finished", status: "duplicate" } as const, 100],
  ])("%j → %i%%", (input, percent) => {
    expect(computeImportProgress(input).percent).toBe(percent);
  });

  test("read-whole kinds: hashing 30–40, reading 40–70 by bytes, saving 70–99 by rows written, done 100", () => {
    const sequence = [
      running("hashing", 0),
      running("hashing", 1000),
      running("parsing", 0),
      running("parsing", 500, 50),
      running("parsing", 1000, 100),
      running("writing", 1000, 100, 0),
      running("writing", 1000, 100, 100),
      running("writing", 1000, 100, 300),
      running("writing", 1000, 100, 100_000),
      running("done", 1000, 100, 100_000),
    ].map((view) => view.percent);
    expect(sequence).toEqual([30, 40, 40, 55, 70, 70, 88, 97, 99, 100]);
  });

  test("streamed sessions: reading, saving and coding together run 40–99 by bytes read", () => {
    const sequence = [running("parsing", 0), running("recoding", 0), running("recoding", 500, 50, 120), running("recoding", 1000, 100, 250), running("done", 1000, 100, 260)].map(
      (view) => view.percent,
    );
    expect(sequence).toEqual([40, 40, 69, 99, 100]);
  });

  test("labels say what is happening in plain words, with rows read and saved", () => {
    expect(computeImportProgress({ stage: "uploading", loaded: 1536, total: 3 * 1024 * 1024 }).label).toBe("Uploading 1.5 KB of 3.0 MB");
    expect(running("parsing", 500, 12345).label).toBe("Reading 500 B of 1000 B — 12,345 rows read");
    expect(running("writing", 1000, 12345, 12000).label).toBe("Saving — 12,345 rows read, 12,000 rows saved");
    expect(running("recoding", 500, 12345, 12000).label).toBe("Reading, saving and coding — 500 B of 1000 B, 12,345 rows read, 12,000 rows saved");
    expect(computeImportProgress({ stage: "finished", status: "duplicate" }).label).toContain("already imported, nothing changed");
  });

  test("edge cases: zero or unknown totals and over-reads stay within 0–100", () => {
    expect(computeImportProgress({ stage: "uploading", loaded: 10, total: 0 }).percent).toBe(0);
    expect(running("parsing", 5000).percent).toBe(70);
    expect(running("writing", 1000, 0, 50).percent).toBe(70);
    expect(computeImportProgress({ stage: "running", progress: { phase: "parsing", bytesRead: -1, bytesTotal: Number.NaN, rowsRead: 0, rowsWritten: 0 } }).percent).toBe(40);
  });
});

describe("nextPercent", () => {
  test("never moves backwards and clamps to 0–100", () => {
    expect(nextPercent(62, 55)).toBe(62);
    expect(nextPercent(62, 70)).toBe(70);
    expect(nextPercent(0, 140)).toBe(100);
    expect(nextPercent(0, -5)).toBe(0);
  });
});

describe("formatBytes", () => {
  test.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [700 * 1024 * 1024, "700 MB"],
    [2 * 1024 ** 3, "2.0 GB"],
    [-1, "—"],
  ])("%i → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
