import { describe, expect, test } from "vitest";
import { orderByForeignKeys, sqliteInstantMs } from "@/lib/db/copy-database";
import { copyTextField, copyTextLine } from "@/lib/db/pg-copy";

describe("COPY text format", () => {
  test("escapes backslash, tab, newline and carriage return; NULL is \\N", () => {
    expect(copyTextField("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyTextField("\\N")).toBe("\\\\N");
    expect(copyTextField(null)).toBe("\\N");
    expect(copyTextField(undefined)).toBe("\\N");
    expect(copyTextField("")).toBe("");
  });

  test("numbers, booleans, dates (UTC, no zone) and bytes", () => {
    expect(copyTextField(-12)).toBe("-12");
    expect(copyTextField(2n ** 60n)).toBe("1152921504606846976");
    expect(copyTextField(true)).toBe("t");
    expect(copyTextField(false)).toBe("f");
    expect(copyTextField(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 6)))).toBe("2025-01-02T03:04:05.006");
    expect(copyTextField(Uint8Array.from([0, 255]))).toBe("\\\\x00ff");
  });

  test("a line is the fields joined by tabs, ended by a newline", () => {
    expect(copyTextLine(["x", null, 3])).toBe("x\t\\N\t3\n");
  });
});

describe("db copy helpers", () => {
  test("SQLite instants: Prisma's ISO text, epoch ms, and zone-less UTC text", () => {
    const ms = Date.UTC(2025, 5, 30, 14, 5, 6, 789);
    expect(sqliteInstantMs("2025-06-30T14:05:06.789+00:00")).toBe(ms);
    expect(sqliteInstantMs(ms)).toBe(ms);
    expect(sqliteInstantMs(BigInt(ms))).toBe(ms);
    expect(sqliteInstantMs(String(ms))).toBe(ms);
    expect(sqliteInstantMs("2025-06-30 14:05:06.789")).toBe(ms);
    expect(sqliteInstantMs("2025-06-30")).toBe(Date.UTC(2025, 5, 30));
    expect(() => sqliteInstantMs("soon")).toThrow();
  });

  test("tables come after the tables they reference; self references are ignored; a cycle is an error", () => {
    const refs: Record<string, string[]> = { Finding: ["Encounter", "ClaimLine", "Organization"], Encounter: ["Organization", "Encounter"], ClaimLine: ["Encounter"], Organization: [] };
    expect(orderByForeignKeys(Object.keys(refs), (t) => refs[t]!)).toEqual(["Organization", "Encounter", "ClaimLine", "Finding"]);
    expect(() => orderByForeignKeys(["A", "B"], (t) => (t === "A" ? ["B"] : ["A"]))).toThrow(/cycle/);
  });
});
