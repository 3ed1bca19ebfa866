import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { splitPortfolioMemberships } from "@/components/portfolio/portfolio-access";
import { DEFAULT_PORTFOLIO_SORT, parsePortfolioSort, portfolioSortHref, sortPortfolioRows } from "@/components/portfolio/portfolio-sort";
import { Sparkline } from "@/components/portfolio/sparkline";
import { largestCauseOf, type TPortfolioRow } from "@/lib/db/portfolio";

function row(name: string, figures: Partial<TPortfolioRow["figures"]> = {}, lastImport: Date | null = null): TPortfolioRow {
  return {
    id: `id-${name}`,
    name,
    slug: name.toLowerCase(),
    isDemo: false,
    role: "consultant",
    timeZone: "America/New_York",
    analysisStatus: "idle",
    lastImport: lastImport ? { fileName: `${name}.csv`, finishedAt: lastImport } : null,
    figures: {
      annualizedLeakageCents: 0,
      weeklyLeakageCents: 0,
      lostAddOnHoursPerWeek: 0,
      largestCause: null,
      largestCauseCents: 0,
      denialRate: null,
      recentWeeks: [],
      coverage: null,
      ...figures,
    },
  };
}

const names = (rows: TPortfolioRow[]) => rows.map((entry) => entry.name);

describe("portfolio sort", () => {
  const rows = [
    row("Cedar", { annualizedLeakageCents: 5_200_000, denialRate: 0.1, lostAddOnHoursPerWeek: 2 }, new Date("2025-03-01T12:00:00Z")),
    row("alder", { annualizedLeakageCents: 5_200_000, denialRate: null, lostAddOnHoursPerWeek: 7.5 }),
    row("Birch", { annualizedLeakageCents: 15_600_000, denialRate: 0.02, lostAddOnHoursPerWeek: 2 }, new Date("2025-04-01T12:00:00Z")),
  ];

  test("the default is annualized leakage, largest first; ties keep the name order", () => {
    expect(parsePortfolioSort({})).toEqual(DEFAULT_PORTFOLIO_SORT);
    expect(names(sortPortfolioRows(rows, DEFAULT_PORTFOLIO_SORT))).toEqual(["Birch", "alder", "Cedar"]);
    expect(names(sortPortfolioRows(rows, { key: "annualized", direction: "asc" }))).toEqual(["alder", "Cedar", "Birch"]);
  });

  test("by name, either way; the input is not changed", () => {
    expect(names(sortPortfolioRows(rows, { key: "name", direction: "asc" }))).toEqual(["alder", "Birch", "Cedar"]);
    expect(names(sortPortfolioRows(rows, { key: "name", direction: "desc" }))).toEqual(["Cedar", "Birch", "alder"]);
    expect(names(rows)).toEqual(["Cedar", "alder", "Birch"]);
  });

  test("practices without a value (no claim lines, no import) come last in both directions", () => {
    expect(names(sortPortfolioRows(rows, { key: "denials", direction: "desc" }))).toEqual(["Cedar", "Birch", "alder"]);
    expect(names(sortPortfolioRows(rows, { key: "denials", direction: "asc" }))).toEqual(["Birch", "Cedar", "alder"]);
    expect(names(sortPortfolioRows(rows, { key: "imported", direction: "desc" }))).toEqual(["Birch", "Cedar", "alder"]);
    expect(names(sortPortfolioRows(rows, { key: "hours", direction: "desc" }))).toEqual(["alder", "Birch", "Cedar"]);
  });

  test("the URL: unknown keys fall back to the default, a missing direction to the column's own", () => {
    expect(parsePortfolioSort({ sort: "secret", dir: "asc" })).toEqual(DEFAULT_PORTFOLIO_SORT);
    expect(parsePortfolioSort({ sort: "name" })).toEqual({ key: "name", direction: "asc" });
    expect(parsePortfolioSort({ sort: "weekly", dir: "sideways" })).toEqual({ key: "weekly", direction: "desc" });
    expect(parsePortfolioSort({ sort: ["hours", "name"], dir: "asc" })).toEqual({ key: "hours", direction: "asc" });
  });

  test("a header link flips the current column and starts another in its own direction", () => {
    expect(portfolioSortHref(DEFAULT_PORTFOLIO_SORT, "annualized")).toBe("/practices?sort=annualized&dir=asc");
    expect(portfolioSortHref(DEFAULT_PORTFOLIO_SORT, "name")).toBe("/practices?sort=name&dir=asc");
    expect(portfolioSortHref({ key: "name", direction: "asc" }, "name")).toBe("/practices?sort=name&dir=desc");
    expect(portfolioSortHref({ key: "name", direction: "asc" }, "denials")).toBe("/practices?sort=denials&dir=desc");
  });
});

describe("largest cause", () => {
  test("the leakage cause with the most dollars; ties in cause order; none when all are zero", () => {
    expect(largestCauseOf({ coding: 100, documentation: 300, payer: 200 })).toBe("documentation");
    expect(largestCauseOf({ coding: 300, documentation: 300, payer: 0 })).toBe("coding");
    expect(largestCauseOf({ coding: 0, documentation: 0, payer: 0 })).toBeNull();
  });
});

describe("which practices show figures", () => {
  const organization = (name: string, role: "owner" | "viewer", requireTwoFactor = false) => ({
    id: name,
    name,
    slug: name,
    timeZone: "UTC",
    setting: "facility",
    isDemo: false,
    requireTwoFactor,
    role,
  });
  const user = { id: "u", email: "u@x.test", name: "U", sessionId: "s" };

  test("every role may see reports; a practice requiring two-factor is held back until the user has it", () => {
    const organizations = [organization("A", "owner"), organization("B", "viewer", true)];
    expect(splitPortfolioMemberships({ user: { ...user, twoFactorEnabled: false }, organizations })).toEqual({ shown: [organizations[0]], needTwoFactor: [organizations[1]] });
    expect(splitPortfolioMemberships({ user: { ...user, twoFactorEnabled: true }, organizations }).shown).toHaveLength(2);
  });
});

describe("sparkline", () => {
  test("an inline SVG with one point per week and a text alternative; nothing for no weeks", () => {
    const weeks = Array.from({ length: 13 }, (_, index) => ({ weekStart: `2025-03-${String(3 + index).padStart(2, "0")}`, leakageCents: index * 10_000 }));
    const svg = renderToStaticMarkup(Sparkline({ weeks }));
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('data-weeks="13"');
    expect(svg).toContain("highest $1,200, latest $1,200");
    expect(/points="([^"]+)"/.exec(svg.slice(svg.indexOf("<polyline")))?.[1]?.split(" ")).toHaveLength(13);
    expect(svg).not.toContain("NaN");
    expect(renderToStaticMarkup(Sparkline({ weeks: [] }))).toContain("—");
    expect(renderToStaticMarkup(Sparkline({ weeks: [{ weekStart: "2025-03-03", leakageCents: 0 }] }))).toContain("<circle");
  });
});
