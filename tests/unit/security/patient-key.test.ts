import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { loadPatientKeySecret, PATIENT_KEY_SECRET_FILE, patientKey } from "@/lib/security/patient-key";

const SECRET = "0123456789abcdef0123456789abcdef";

describe("patientKey", () => {
  test("is a 64-hex-digit HMAC-SHA256, stable for the same input and ignoring surrounding spaces", () => {
    const key = patientKey(SECRET, "org_1", "MRN-001");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(patientKey(SECRET, "org_1", "  MRN-001 ")).toBe(key);
  });

  test("differs by organization, by id and by secret, and never contains the id", () => {
    const key = patientKey(SECRET, "org_1", "MRN-001");
    expect(patientKey(SECRET, "org_2", "MRN-001")).not.toBe(key);
    expect(patientKey(SECRET, "org_1", "MRN-002")).not.toBe(key);
    expect(patientKey(`${SECRET}x`, "org_1", "MRN-001")).not.toBe(key);
    expect(key).not.toContain("MRN");
  });
});

describe("loadPatientKeySecret", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  test("an explicit secret wins", () => {
    expect(loadPatientKeySecret({ secret: SECRET, dataDir: "/nonexistent" })).toBe(SECRET);
  });

  test("otherwise creates a private secret file in the data folder once and reuses it", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-key-"));
    dirs.push(dataDir);
    const first = loadPatientKeySecret({ dataDir });
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(loadPatientKeySecret({ dataDir })).toBe(first);
    const file = path.join(dataDir, PATIENT_KEY_SECRET_FILE);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
