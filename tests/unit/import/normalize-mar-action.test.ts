import { describe, expect, test } from "vitest";
import { createMarActionNormalizer, normalizeMarAction } from "@/lib/import/normalize-mar-action";

describe("normalizeMarAction", () => {
  test.each([
    ["New Bag", "start"], ["NEW BAG", "start"], ["Given", "start"], ["Started", "start"],
    ["Restarted", "restart"], ["Rate Change", "continue"], ["rate verify", "continue"],
    ["Paused", "end"], ["Stopped", "end"], ["Completed", "end"],
    ["Push", "push"], ["Bolus", "push"], ["Held", "ignore"], ["Not Given", "ignore"],
  ] as const)("%s → %s", (raw, expected) => {
    expect(normalizeMarAction(raw)).toBe(expected);
  });

  test("unknown action → undefined", () => {
    expect(normalizeMarAction("Teleported")).toBeUndefined();
  });

  test("configurable synonyms extend and override the defaults", () => {
    const normalize = createMarActionNormalizer({ end: ["Hold", "Given"], start: ["Hang"] });
    expect(normalize("hold")).toBe("end");
    expect(normalize("Hang")).toBe("start");
    expect(normalize("Given")).toBe("end");
    expect(normalize("New Bag")).toBe("start");
  });
});
