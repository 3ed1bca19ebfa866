import { describe, expect, test } from "vitest";
import { normalizeSpecialService } from "@/lib/import/normalize-special-service";

describe("normalizeSpecialService", () => {
  test.each([
    ["pump_start_portable", "pump_start_portable"],
    ["Pump start", "pump_start_portable"],
    ["96416", "pump_start_portable"],
    ["Pump refill", "pump_refill_portable"],
    ["Implantable pump refill", "pump_refill_implantable"],
    ["Port flush", "port_flush"],
    ["96523", "port_flush"],
    ["New SC site", "subq_new_site"],
  ] as const)("%s → %s", (raw, expected) => {
    expect(normalizeSpecialService(raw)).toBe(expected);
  });

  test.each(["", "massage"])("%j → undefined", (raw) => {
    expect(normalizeSpecialService(raw)).toBeUndefined();
  });
});
