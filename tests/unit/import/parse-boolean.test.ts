import { describe, expect, test } from "vitest";
import { parseBoolean } from "@/lib/import/parse-boolean";

describe("parseBoolean", () => {
  test.each([
    ["y", true], ["Y", true], ["yes", true], ["TRUE", true], ["1", true], ["x", true], ["X", true],
    ["n", false], ["no", false], ["false", false], ["0", false], ["", false], ["  ", false],
  ] as const)("%j → %s", (raw, expected) => {
    expect(parseBoolean(raw)).toBe(expected);
  });

  test.each(["maybe", "2", "yess"])("%j → undefined", (raw) => {
    expect(parseBoolean(raw)).toBeUndefined();
  });
});
