import { describe, expect, test } from "vitest";
import {
  countActiveFilters,
  parseDashboardFilters,
  toSearchParams,
  withFilters,
  withoutFilter,
} from "@/lib/dashboard/filters";

describe("parseDashboardFilters", () => {
  test("reads every filter and snaps dates to whole Monday weeks", () => {
    expect(
      parseDashboardFilters({ from: "2025-03-05", to: "2025-03-12", payer: "Aetna", site: "Riverside", nurse: "Gray P. RN", cause: "coding", setting: "facility" }),
    ).toEqual({ from: "2025-03-03", to: "2025-03-16", payer: "Aetna", site: "Riverside", nurse: "Gray P. RN", cause: "coding", setting: "facility" });
  });

  test("snaps to the organization's week start (Sunday)", () => {
    expect(parseDashboardFilters({ from: "2025-03-05", to: "2025-03-05" }, 0)).toEqual({ from: "2025-03-02", to: "2025-03-08" });
  });

  test("a date already on the week bounds stays", () => {
    expect(parseDashboardFilters({ from: "2025-03-03", to: "2025-03-09" })).toEqual({ from: "2025-03-03", to: "2025-03-09" });
  });

  test("a reversed range is put the right way round", () => {
    expect(parseDashboardFilters({ from: "2025-03-20", to: "2025-03-04" })).toEqual({ from: "2025-03-03", to: "2025-03-23" });
  });

  test("one date alone is an open-ended bound", () => {
    expect(parseDashboardFilters({ from: "2025-03-05" })).toEqual({ from: "2025-03-03" });
    expect(parseDashboardFilters({ to: "2025-03-05" })).toEqual({ to: "2025-03-09" });
  });

  test("invalid values drop only their own filter", () => {
    expect(
      parseDashboardFilters({ from: "2025-02-30", to: "yesterday", cause: "bogus", setting: "home", payer: "  Aetna  ", site: "", nurse: "x".repeat(201) }),
    ).toEqual({ payer: "Aetna" });
  });

  test("arrays (repeated params) take the first value; URLSearchParams work too", () => {
    expect(parseDashboardFilters({ payer: ["BCBS", "Aetna"] })).toEqual({ payer: "BCBS" });
    expect(parseDashboardFilters(new URLSearchParams("payer=Medicare&cause=payer&unknown=1"))).toEqual({ payer: "Medicare", cause: "payer" });
  });
});

describe("toSearchParams / withFilters / withoutFilter", () => {
  test("keys in a stable order, empty ones left out, extras appended", () => {
    expect(toSearchParams({ cause: "payer", payer: "Aetna", from: "2025-03-03", to: "2025-03-09" }, { kind: "denied_line", page: undefined }).toString()).toBe(
      "from=2025-03-03&to=2025-03-09&payer=Aetna&cause=payer&kind=denied_line",
    );
  });

  test("links", () => {
    expect(withFilters("/findings", { payer: "Aetna" }, { cause: "coding" })).toBe("/findings?payer=Aetna&cause=coding");
    expect(withFilters("/", {})).toBe("/");
    expect(withFilters("/", { nurse: "Gray P. RN" })).toBe("/?nurse=Gray+P.+RN");
  });

  test("round trip: parse(toSearchParams(filters)) is the filters", () => {
    const filters = { from: "2025-03-03", to: "2025-03-30", payer: "UnitedHealthcare", cause: "documentation" as const };
    expect(parseDashboardFilters(toSearchParams(filters))).toEqual(filters);
  });

  test("removing either date removes the range", () => {
    const filters = { from: "2025-03-03", to: "2025-03-09", payer: "Aetna" };
    expect(withoutFilter(filters, "to")).toEqual({ payer: "Aetna" });
    expect(withoutFilter(filters, "payer")).toEqual({ from: "2025-03-03", to: "2025-03-09" });
    expect(countActiveFilters(filters)).toBe(3);
  });
});
