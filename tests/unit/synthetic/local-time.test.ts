import { describe, expect, test } from "vitest";
import { addElapsed, dayNumber, dstTransitions, instantOf, localOf, timePointOf } from "@/lib/synthetic/local-time";

const iso = (at: number) => new Date(at).toISOString();

describe("America/New_York wall clock", () => {
  test("standard and daylight offsets", () => {
    expect(iso(instantOf(dayNumber("2025-01-15"), 9 * 60 + 5))).toBe("2025-01-15T14:05:00.000Z");
    expect(iso(instantOf(dayNumber("2025-07-15"), 9 * 60 + 5))).toBe("2025-07-15T13:05:00.000Z");
    expect(localOf(Date.parse("2025-07-15T13:05:00Z"))).toBe("2025-07-15T09:05");
  });

  test("transition dates (second Sunday of March, first Sunday of November)", () => {
    const t = dstTransitions(2024);
    expect(iso(t.startUtc)).toBe("2024-03-10T07:00:00.000Z");
    expect(iso(t.endUtc)).toBe("2024-11-03T06:00:00.000Z");
    const t25 = dstTransitions(2025);
    expect(iso(t25.startUtc)).toBe("2025-03-09T07:00:00.000Z");
    expect(iso(t25.endUtc)).toBe("2025-11-02T06:00:00.000Z");
  });

  test("spring forward: 00:45 → 04:15 is 150 real minutes", () => {
    const start = timePointOf(dayNumber("2024-03-10"), 45);
    const stop = timePointOf(dayNumber("2024-03-10"), 4 * 60 + 15);
    expect(start).toEqual({ at: Date.parse("2024-03-10T05:45:00Z"), local: "2024-03-10T00:45" });
    expect(stop).toEqual({ at: Date.parse("2024-03-10T08:15:00Z"), local: "2024-03-10T04:15" });
    expect((stop.at - start.at) / 60_000).toBe(150);
    expect(addElapsed(start, 150)).toEqual(stop);
  });

  test("fall back: 00:45 → 03:15 is 210 real minutes", () => {
    const start = timePointOf(dayNumber("2024-11-03"), 45);
    const stop = timePointOf(dayNumber("2024-11-03"), 3 * 60 + 15);
    expect(iso(start.at)).toBe("2024-11-03T04:45:00.000Z");
    expect(iso(stop.at)).toBe("2024-11-03T08:15:00.000Z");
    expect((stop.at - start.at) / 60_000).toBe(210);
    expect(addElapsed(start, 60).local).toBe("2024-11-03T01:45");
    expect(addElapsed(start, 120).local).toBe("2024-11-03T01:45");
  });
});
