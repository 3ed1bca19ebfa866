import { describe, expect, it } from "vitest";
import { createFingerprintSet } from "@/lib/import/fingerprint-set";

describe("createFingerprintSet", () => {
  it.each([
    ["", true],
    ["E1", true],
    ["P\u0000MRN1\u00002025-01-06\u0000Main", true],
    ["é–§×", true],
  ])("remembers %j", (value, added) => {
    const set = createFingerprintSet();
    expect(set.has(value)).toBe(false);
    expect(set.add(value)).toBe(added);
    expect(set.has(value)).toBe(true);
    expect(set.add(value)).toBe(false);
    expect(set.size).toBe(1);
  });

  it("keeps every member through many growths and reports no false positive on near-identical ids", () => {
    const set = createFingerprintSet(16);
    const n = 300_000;
    // One expect per id made this test take seconds: count the refusals instead.
    let refused = 0;
    for (let i = 0; i < n; i++) if (!set.add(`E${i}`)) refused++;
    expect(refused).toBe(0);
    expect(set.size).toBe(n);
    for (let i = 0; i < n; i++) {
      if (!set.has(`E${i}`)) throw new Error(`lost E${i}`);
    }
    let falsePositives = 0;
    for (let i = n; i < 2 * n; i++) if (set.has(`E${i}`)) falsePositives++;
    for (let i = 0; i < n; i++) if (set.has(`e${i}`) || set.has(`E${i} `)) falsePositives++;
    expect(falsePositives).toBe(0);
  });
});
