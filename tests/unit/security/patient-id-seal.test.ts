import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadPatientIdKey, openPatientId, PATIENT_ID_KEY_FILE, sealPatientId } from "@/lib/security/patient-id-seal";
import { createPatientLabeler } from "@/lib/security/patient-labels";

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);

describe("sealPatientId / openPatientId", () => {
  test("a sealed id opens to itself in its practice and holds nothing of it in clear", () => {
    const sealed = sealPatientId(KEY, "org_1", "MRN-004711");
    expect(sealed).toMatch(/^pid1:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("4711");
    expect(openPatientId(KEY, "org_1", sealed)).toBe("MRN-004711");
  });

  test("the same id seals differently every time (random IV)", () => {
    expect(sealPatientId(KEY, "org_1", "MRN-1")).not.toBe(sealPatientId(KEY, "org_1", "MRN-1"));
  });

  test("a value copied to another practice, another key, tampered, cut short or in clear does not open", () => {
    const sealed = sealPatientId(KEY, "org_1", "MRN-1");
    const body = sealed.slice("pid1:".length);
    const flipped = `pid1:${body.slice(0, -2)}${body.at(-2) === "A" ? "B" : "A"}${body.at(-1)}`;
    expect(openPatientId(KEY, "org_2", sealed)).toBeNull();
    expect(openPatientId(OTHER_KEY, "org_1", sealed)).toBeNull();
    expect(openPatientId(KEY, "org_1", flipped)).toBeNull();
    expect(openPatientId(KEY, "org_1", "pid1:AAAA")).toBeNull();
    expect(openPatientId(KEY, "org_1", "pid1:%%%")).toBeNull();
    expect(openPatientId(KEY, "org_1", "MRN-1")).toBeNull();
  });

  test("ids with any characters round-trip", () => {
    for (const id of ["", " 00123 ", "Zoë-Ñ 42", "a".repeat(500)]) expect(openPatientId(KEY, "o", sealPatientId(KEY, "o", id))).toBe(id);
  });
});

describe("loadPatientIdKey", () => {
  test("takes the environment's 64 hex characters", () => {
    expect(loadPatientIdKey({ key: "ab".repeat(32), dataDir: "/nonexistent" })).toEqual(Buffer.alloc(32, 0xab));
  });

  test("refuses an environment value that is not 32 bytes of hex", () => {
    expect(() => loadPatientIdKey({ key: "zz".repeat(32), dataDir: "/nonexistent" })).toThrow(/DRIPAUDIT_PATIENT_ID_KEY must be 64 hex characters/);
  });

  test("else creates a key file 0600 in the data folder once and reuses it", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-pid-"));
    try {
      const first = loadPatientIdKey({ dataDir });
      const file = path.join(dataDir, PATIENT_ID_KEY_FILE);
      expect(first).toHaveLength(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, "utf8").trim()).toBe(first.toString("hex"));
      expect(loadPatientIdKey({ dataDir })).toEqual(first);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test("refuses a damaged key file rather than sealing with a wrong key", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "dripaudit-pid-"));
    try {
      writeFileSync(path.join(dataDir, PATIENT_ID_KEY_FILE), `${"q".repeat(64)}\n`);
      expect(() => loadPatientIdKey({ dataDir })).toThrow(/restore it from a backup/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("createPatientLabeler", () => {
  const stored = { patientKey: "3fa9c01b2e77d0".padEnd(64, "0"), patientIdSealed: sealPatientId(KEY, "org_1", "MRN-77") };

  test("roles that may identify patients see the MRN", () => {
    for (const role of ["owner", "billing", "consultant"] as const) {
      expect(createPatientLabeler("org_1", role, () => KEY)(stored)).toEqual({ kind: "id", text: "MRN-77" });
    }
  });

  test("a viewer sees the first 10 characters of the patient key, and the key is never loaded", () => {
    const label = createPatientLabeler("org_1", "viewer", () => {
      throw new Error("a viewer's labeler must not load the key");
    })(stored);
    expect(label).toEqual({ kind: "key", text: "3fa9c01b2e" });
  });

  test("one labeler over many patients, each met several times, labels every row right (its opened MRNs are kept and forgotten in bounds)", () => {
    const label = createPatientLabeler("org_1", "owner", () => KEY);
    const patients = Array.from({ length: 6_000 }, (_, index) => ({ patientKey: `k${index}`.padEnd(64, "0"), patientIdSealed: sealPatientId(KEY, "org_1", `MRN-${index}`) }));
    for (const round of [0, 1]) {
      for (const [index, patient] of patients.entries()) {
        expect(label(patient)?.text, `round ${round}, patient ${index}`).toBe(`MRN-${index}`);
      }
    }
    expect(label({ ...patients[0]!, patientIdSealed: sealPatientId(OTHER_KEY, "org_1", "MRN-0") })).toEqual({ kind: "key", text: "k000000000" });
  });

  test("a value that does not open (lost key, another practice) falls back to the patient key", () => {
    expect(createPatientLabeler("org_1", "owner", () => OTHER_KEY)(stored)).toEqual({ kind: "key", text: "3fa9c01b2e" });
    expect(createPatientLabeler("org_2", "owner", () => KEY)(stored)).toEqual({ kind: "key", text: "3fa9c01b2e" });
    expect(createPatientLabeler("org_1", "owner", () => KEY)({ patientKey: null, patientIdSealed: null })).toBeNull();
  });
});
