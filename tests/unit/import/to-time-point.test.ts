import { describe, expect, test } from "vitest";
import { parseLocalDateTime } from "@/lib/import/parse-local-date-time";
import { formatLocalMinute, isValidTimeZone, toTimePoint } from "@/lib/import/to-time-point";

const NY = "America/New_York";

function point(raw: string, timeZone = NY) {
  const parsed = parseLocalDateTime(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return toTimePoint(parsed.parts, timeZone);
}

describe("toTimePoint", () => {
  test.each([
    ["2025-03-04 09:05", NY, "2025-03-04T14:05:00.000Z", "2025-03-04T09:05"],
    ["2025-07-04 09:05", NY, "2025-07-04T13:05:00.000Z", "2025-07-04T09:05"],
    ["2025-03-04 09:05", "UTC", "2025-03-04T09:05:00.000Z", "2025-03-04T09:05"],
    ["2025-03-04 09:05", "Asia/Kolkata", "2025-03-04T03:35:00.000Z", "2025-03-04T09:05"],
    ["2025-03-04 09:05", "Australia/Lord_Howe", "2025-03-03T22:05:00.000Z", "2025-03-04T09:05"],
    ["2025-03-04T14:05Z", NY, "2025-03-04T14:05:00.000Z", "2025-03-04T09:05"],
    ["2025-03-04T09:05:00+01:00", NY, "2025-03-04T08:05:00.000Z", "2025-03-04T03:05"],
  ])("%s in %s → %s (%s)", (raw, tz, iso, local) => {
    const r = point(raw, tz);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(new Date(r.point.at).toISOString()).toBe(iso);
    expect(r.point.local).toBe(local);
    expect(r.ambiguous).toBe(false);
  });

  describe("DST in America/New_York", () => {
    test("spring forward: 2025-03-09 02:30 does not exist → error", () => {
      const r = point("2025-03-09 02:30");
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.code).toBe("NONEXISTENT_LOCAL_TIME");
        expect(r.message).toContain("America/New_York");
      }
    });

    test("spring forward: 01:59 and 03:00 are one minute apart", () => {
      const a = point("2025-03-09 01:59");
      const b = point("2025-03-09 03:00");
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect((b.point.at - a.point.at) / 60_000).toBe(1);
    });

    test("fall back: 2025-11-02 01:30 is ambiguous → the earlier instant (EDT) + flag", () => {
      const r = point("2025-11-02 01:30");
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.ambiguous).toBe(true);
      expect(new Date(r.point.at).toISOString()).toBe("2025-11-02T05:30:00.000Z");
      expect(r.point.local).toBe("2025-11-02T01:30");
    });

    test("fall back: 00:59 and 02:00 are not ambiguous", () => {
      const a = point("2025-11-02 00:59");
      const b = point("2025-11-02 02:00");
      expect(a.ok && !a.ambiguous && b.ok && !b.ambiguous).toBe(true);
      if (b.ok) expect(new Date(b.point.at).toISOString()).toBe("2025-11-02T07:00:00.000Z");
    });

    test.each([
      ["fall back: 00:30 → 03:00 wall clock 2h30 is 210 real minutes", "2025-11-02 00:30", "2025-11-02 03:00", 210],
      ["spring forward: 01:00 → 04:00 wall clock 3h is 120 real minutes", "2025-03-09 01:00", "2025-03-09 04:00", 120],
    ])("infusion spanning the change, %s", (_name, start, stop, minutes) => {
      const a = point(start);
      const b = point(stop);
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect((b.point.at - a.point.at) / 60_000).toBe(minutes);
    });
  });
});

describe("isValidTimeZone / formatLocalMinute", () => {
  test.each([
    ["America/New_York", true],
    ["Europe/Berlin", true],
    ["UTC", true],
    ["Mars/Olympus", false],
    ["", false],
  ])("%s → %s", (tz, expected) => {
    expect(isValidTimeZone(tz)).toBe(expected);
  });

  test("formats an instant as local wall clock", () => {
    expect(formatLocalMinute(Date.UTC(2025, 10, 2, 6, 30), NY)).toBe("2025-11-02T01:30");
  });
});
