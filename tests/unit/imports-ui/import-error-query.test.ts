import { describe, expect, test } from "vitest";
import { importErrorQueryString, pageCount, parseImportErrorQuery } from "@/components/imports/import-error-query";

describe("parseImportErrorQuery", () => {
  test("reads code, column and page", () => {
    expect(parseImportErrorQuery({ code: "BAD_DATE", column: "start", page: "3" })).toEqual({ code: "BAD_DATE", column: "start", page: 3 });
  });

  test("bad or missing values fall back to no filter and page 1", () => {
    expect(parseImportErrorQuery({})).toEqual({ page: 1 });
    expect(parseImportErrorQuery({ code: "  ", page: "0" })).toEqual({ page: 1 });
    expect(parseImportErrorQuery({ page: "abc" })).toEqual({ page: 1 });
    expect(parseImportErrorQuery({ page: "2.5" })).toEqual({ page: 1 });
    expect(parseImportErrorQuery({ code: "x".repeat(101) })).toEqual({ page: 1 });
  });

  test("repeated params use the first value", () => {
    expect(parseImportErrorQuery({ code: ["A", "B"], page: ["2", "9"] })).toEqual({ code: "A", page: 2 });
  });
});

describe("importErrorQueryString", () => {
  test("drops empty values and page 1, encodes the rest", () => {
    expect(importErrorQueryString({ page: 1 })).toBe("");
    expect(importErrorQueryString({ code: "BAD_DATE", page: 2 })).toBe("?code=BAD_DATE&page=2");
    expect(importErrorQueryString({ column: "date of service" })).toBe("?column=date+of+service");
  });
});

describe("pageCount", () => {
  test.each([
    [0, 1],
    [1, 1],
    [50, 1],
    [51, 2],
    [1000, 20],
  ])("%i errors → %i pages", (total, pages) => {
    expect(pageCount(total)).toBe(pages);
  });
});
