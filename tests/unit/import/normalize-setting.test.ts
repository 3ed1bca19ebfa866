import { describe, expect, test } from "vitest";
import { normalizeSetting } from "@/lib/import/normalize-setting";

describe("normalizeSetting", () => {
  test.each([
    ["facility", "facility"], ["Hospital", "facility"], ["HOPD", "facility"], ["22", "facility"], ["POS 22", "facility"],
    ["professional", "professional"], ["Office", "professional"], ["11", "professional"],
  ] as const)("%s → %s", (raw, expected) => {
    expect(normalizeSetting(raw)).toBe(expected);
  });

  test.each(["", "home"])("%j → undefined", (raw) => {
    expect(normalizeSetting(raw)).toBeUndefined();
  });
});
