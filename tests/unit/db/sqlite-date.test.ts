import { describe, expect, it } from "vitest";
import { sqliteDate } from "@/lib/db/import/sqlite-bulk-writer";

const adapterEncoding = (ms: number): string => new Date(ms).toISOString().replace("Z", "+00:00");

describe("sqliteDate", () => {
  it.each([
    ["a whole minute", Date.UTC(2025, 0, 6, 13, 37)],
    ["seconds and milliseconds", Date.UTC(2025, 0, 6, 13, 37, 12, 345)],
    ["before 1970", Date.UTC(1969, 11, 31, 23, 59)],
    ["a DST change instant (America/New_York, 2025-03-09 07:00Z)", Date.UTC(2025, 2, 9, 7, 0)],
  ])("encodes %s as the Prisma adapter does", (_label, ms) => {
    expect(sqliteDate(ms)).toBe(adapterEncoding(ms));
    expect(sqliteDate(ms)).toBe(adapterEncoding(ms)); // cached on the second call
  });

  it("stays right past the cache size (it is cleared, never stale)", () => {
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < 250_000; i += 1) {
      const ms = start + i * 60_000;
      if (sqliteDate(ms) !== adapterEncoding(ms)) throw new Error(`wrong at ${ms}`);
    }
    expect(sqliteDate(start)).toBe("2025-01-01T00:00:00.000+00:00");
  });
});
