import { describe, expect, test } from "vitest";
import { normalizeRoute } from "@/lib/import/normalize-route";

describe("normalizeRoute", () => {
  test.each([
    ["IV", "iv_infusion"],
    ["Intravenous", "iv_infusion"],
    ["IV Infusion", "iv_infusion"],
    ["ivpb", "iv_infusion"],
    ["IV Piggyback", "iv_infusion"],
    [" iv_infusion ", "iv_infusion"],
    ["IV Push", "iv_push"],
    ["IVP", "iv_push"],
    ["iv push", "iv_push"],
    ["Bolus", "iv_push"],
    ["Subcutaneous", "injection"],
    ["SubQ", "injection"],
    ["Sub-Q", "injection"],
    ["SC", "injection"],
    ["SQ", "injection"],
    ["IM", "injection"],
    ["Intramuscular", "injection"],
    ["SubQ Infusion", "subq_infusion"],
    ["Subcutaneous infusion", "subq_infusion"],
    ["Intra-arterial", "intra_arterial"],
    ["IA", "intra_arterial"],
    ["PO", "other"],
    ["Intrathecal", "other"],
  ] as const)("%s → %s", (raw, expected) => {
    expect(normalizeRoute(raw)).toBe(expected);
  });

  test.each(["", "   ", "Oral-ish", "IV?? push later"])("%j → undefined", (raw) => {
    expect(normalizeRoute(raw)).toBeUndefined();
  });
});
