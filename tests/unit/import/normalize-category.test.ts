import { describe, expect, test } from "vitest";
import { normalizeCategory } from "@/lib/import/normalize-category";

describe("normalizeCategory", () => {
  test.each([
    ["chemo", "chemo"],
    ["Chemotherapy", "chemo"],
    ["Antineoplastic", "chemo"],
    ["Highly complex", "chemo"],
    ["therapeutic", "therapeutic"],
    ["Prophylactic", "therapeutic"],
    ["diagnostic", "therapeutic"],
    ["Hydration", "hydration"],
    ["IV fluids", "hydration"],
  ] as const)("%s → %s", (raw, expected) => {
    expect(normalizeCategory(raw)).toBe(expected);
  });

  test.each(["", "vitamin", "chemo?maybe"])("%j → undefined", (raw) => {
    expect(normalizeCategory(raw)).toBeUndefined();
  });
});
