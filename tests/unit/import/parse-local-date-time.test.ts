import { describe, expect, test } from "vitest";
import { inferDateOrder, isAmbiguousSlashDate, parseLocalDateTime } from "@/lib/import/parse-local-date-time";

const wall = (raw: string, options: Parameters<typeof parseLocalDateTime>[1] = {}) => {
  const r = parseLocalDateTime(raw, options);
  if (!r.ok) return r.code;
  const p = r.parts;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.offsetMinutes === undefined ? "" : ` ${p.offsetMinutes}`}`;
};

describe("parseLocalDateTime", () => {
  test.each([
    ["2025-03-04T09:05", "2025-03-04 09:05:00"],
    ["2025-03-04 09:05", "2025-03-04 09:05:00"],
    ["2025-03-04 9:05", "2025-03-04 09:05:00"],
    ["2025-03-04T09:05:30", "2025-03-04 09:05:30"],
    ["2025-03-04 09:05:30.250", "2025-03-04 09:05:30"],
    ["2025/03/04 09:05", "2025-03-04 09:05:00"],
    ["03/04/2025 9:05 AM", "2025-03-04 09:05:00"],
    ["3/4/2025 9:05 AM", "2025-03-04 09:05:00"],
    ["3/4/2025 9:05 PM", "2025-03-04 21:05:00"],
    ["3/4/2025 12:05 AM", "2025-03-04 00:05:00"],
    ["3/4/2025 12:05 PM", "2025-03-04 12:05:00"],
    ["3/4/2025 9:05:07 pm", "2025-03-04 21:05:07"],
    ["3/4/2025 9:05 p.m.", "2025-03-04 21:05:00"],
    ["3/4/25 21:05", "2025-03-04 21:05:00"],
    ["3/4/99 21:05", "1999-03-04 21:05:00"],
    ["03-04-2025 09:05", "2025-03-04 09:05:00"],
    ["4-Mar-2025 09:05", "2025-03-04 09:05:00"],
    ["04 Mar 2025 9:05 PM", "2025-03-04 21:05:00"],
    ["Mar 4, 2025 9:05 AM", "2025-03-04 09:05:00"],
    ["20250304 0905", "2025-03-04 09:05:00"],
    ["202503040905", "2025-03-04 09:05:00"],
    ["2025-03-04T09:05Z", "2025-03-04 09:05:00 0"],
    ["2025-03-04T09:05:00-05:00", "2025-03-04 09:05:00 -300"],
    ["  2025-03-04   09:05  ", "2025-03-04 09:05:00"],
  ])("%s → %s", (raw, expected) => {
    expect(wall(raw)).toBe(expected);
  });

  test.each([
    ["04/03/2025 09:05", "DMY", "2025-03-04 09:05:00"],
    ["4.3.2025 21:05", "DMY", "2025-03-04 21:05:00"],
    ["04/03/2025 09:05", "MDY", "2025-04-03 09:05:00"],
  ] as const)("%s read as %s → %s", (raw, dateOrder, expected) => {
    expect(wall(raw, { dateOrder })).toBe(expected);
  });

  test.each([
    ["9:05", "2025-03-04 09:05:00"],
    ["09:05:30", "2025-03-04 09:05:30"],
    ["9:05 PM", "2025-03-04 21:05:00"],
    ["0905", "2025-03-04 09:05:00"],
    ["2105", "2025-03-04 21:05:00"],
    ["9 PM", "2025-03-04 21:00:00"],
  ])("time alone %s on a base date → %s", (raw, expected) => {
    expect(wall(raw, { baseDate: { year: 2025, month: 3, day: 4 } })).toBe(expected);
  });

  test.each([
    ["", "BAD_DATE"],
    ["yesterday", "BAD_DATE"],
    ["9:05", "BAD_DATE"],
    ["2025-02-30 09:05", "BAD_DATE"],
    ["13/13/2025 09:05", "BAD_DATE"],
    ["2025-03-04 25:00", "BAD_TIME"],
    ["3/4/2025 13:05 PM", "BAD_TIME"],
    ["2025-03-04 09:61", "BAD_TIME"],
    ["2025-03-04", "MISSING_TIME"],
    ["3/4/2025", "MISSING_TIME"],
  ])("%j → %s", (raw, code) => {
    expect(wall(raw)).toBe(code);
  });

  test("a date alone is midnight when allowed", () => {
    expect(wall("2025-03-04", { allowDateOnly: true })).toBe("2025-03-04 00:00:00");
  });

  test("leap day", () => {
    expect(wall("2/29/2024 10:00")).toBe("2024-02-29 10:00:00");
    expect(wall("2/29/2025 10:00")).toBe("BAD_DATE");
  });
});

describe("inferDateOrder / isAmbiguousSlashDate", () => {
  test.each([
    ["25/03/2025 09:00", "DMY"],
    ["03/25/2025 09:00", "MDY"],
    ["3/4/2025", undefined],
    ["2025-03-25 09:00", undefined],
  ])("%s → %s", (raw, expected) => {
    expect(inferDateOrder(raw)).toBe(expected);
  });

  test.each([
    ["3/4/2025 9:05", true],
    ["4/4/2025 9:05", false],
    ["25/03/2025", false],
    ["2025-03-04 09:05", false],
  ])("%s ambiguous: %s", (raw, expected) => {
    expect(isAmbiguousSlashDate(raw)).toBe(expected);
  });
});
