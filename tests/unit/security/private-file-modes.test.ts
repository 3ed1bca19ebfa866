import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { restrictPrivateFileModes } from "@/lib/security/private-file-modes";

const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe("restrictPrivateFileModes", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "dripaudit-modes-"));
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  test("makes an older data folder 0700 with every folder 0700 and file 0600, and a database kept elsewhere 0600 with its WAL", () => {
    const dataDir = path.join(root, "data");
    mkdirSync(path.join(dataDir, "uploads"), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    for (const file of ["dripaudit.db", "dripaudit.db-wal", "patient-key.secret", "uploads/a.upload"]) writeFileSync(path.join(dataDir, file), "x", { mode: 0o644 });
    const elsewhere = path.join(root, "other.db");
    writeFileSync(elsewhere, "x", { mode: 0o644 });
    writeFileSync(`${elsewhere}-wal`, "x", { mode: 0o644 });

    expect(restrictPrivateFileModes({ dataDir, files: [elsewhere] })).toBe(8);
    expect([dataDir, path.join(dataDir, "uploads")].map(modeOf)).toEqual(["700", "700"]);
    expect(["dripaudit.db", "dripaudit.db-wal", "patient-key.secret", "uploads/a.upload"].map((file) => modeOf(path.join(dataDir, file)))).toEqual(["600", "600", "600", "600"]);
    expect([elsewhere, `${elsewhere}-wal`].map(modeOf)).toEqual(["600", "600"]);
    expect(restrictPrivateFileModes({ dataDir, files: [elsewhere] })).toBe(0);
  });

  test("a data folder reached through a symbolic link is tightened; links inside it are not followed", () => {
    const real = path.join(root, "real");
    const outside = path.join(root, "outside.txt");
    mkdirSync(real, { mode: 0o755 });
    chmodSync(real, 0o755);
    writeFileSync(outside, "x", { mode: 0o644 });
    symlinkSync(outside, path.join(real, "link.txt"));
    symlinkSync(real, path.join(root, "data"));

    restrictPrivateFileModes({ dataDir: path.join(root, "data") });
    expect(modeOf(real)).toBe("700");
    expect(modeOf(outside)).toBe("644");
  });
});
