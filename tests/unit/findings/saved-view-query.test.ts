import { describe, expect, test } from "vitest";
import { findingsHref, savedViewHref, sortHref, viewHref, worklistExtras } from "@/components/findings/worklist-links";
import { encodeFindingCursor, parseFindingColumns, parseFindingListQuery, toFindingSearchString, toSavedViewQuery } from "@/lib/db/findings/finding-list-query";
import { normalizeSavedViewName } from "@/lib/db/findings/saved-views";

describe("a saved view's query", () => {
  test("keeps filters, sort and direction; drops cursors, page, size, columns and junk", () => {
    const cursor = encodeFindingCursor({ values: ["2025-03-04"], id: 7 });
    expect(toSavedViewQuery(`?sort=value&bogus=1&after=${cursor}&cause=coding&size=20&cols=patient&page=3`)).toBe("cause=coding&sort=value");
    expect(toSavedViewQuery("cause=coding&sort=value&dir=asc&kind=unit_cut&code=96415&estimate=no")).toBe("cause=coding&kind=unit_cut&code=96415&estimate=no&sort=value&dir=asc");
  });

  test("is canonical: defaults left out, parameters in one order, the same query from any spelling", () => {
    expect(toSavedViewQuery("")).toBe("");
    expect(toSavedViewQuery("sort=date&dir=desc")).toBe("");
    expect(toSavedViewQuery("dir=desc&sort=value&cause=coding")).toBe(toSavedViewQuery("cause=coding&sort=value"));
    expect(toSavedViewQuery("code=96415")).toBe(toSavedViewQuery("code= 96415 "));
  });

  test("values the worklist would drop are never stored", () => {
    expect(toSavedViewQuery("cause=nonsense&code=';DROP&kind=X Y&sort=evil&dir=sideways&estimate=maybe")).toBe("");
    expect(toSavedViewQuery("payer=" + "x".repeat(500))).toBe("");
  });

  test("date filters snap to the practice's whole weeks", () => {
    expect(toSavedViewQuery("from=2025-03-05&to=2025-03-05", 1)).toBe("from=2025-03-03&to=2025-03-09");
    expect(toSavedViewQuery("from=2025-03-05&to=2025-03-05", 0)).toBe("from=2025-03-02&to=2025-03-08");
  });

  test("a rebill view saves as the findings list with its payer and order", () => {
    expect(toSavedViewQuery("view=rebill&payer=Aetna&page=2")).toBe("payer=Aetna&sort=deadline");
  });

  test("an unusual payer name round-trips", () => {
    const stored = toSavedViewQuery("payer=Smith%2C+Jones+%26+Co");
    expect(parseFindingListQuery(new URLSearchParams(stored)).filters.payer).toBe("Smith, Jones & Co");
  });
});

describe("the worklist's columns in the URL", () => {
  test("cols names the optional columns shown; absent or all of them is the default", () => {
    expect(parseFindingListQuery(new URLSearchParams("cols=payer,patient")).columns).toEqual(["patient", "payer"]);
    expect(parseFindingListQuery({ cols: "payer,patient" }).columns).toEqual(["patient", "payer"]);
    expect(parseFindingListQuery({}).columns).toBeUndefined();
    expect(parseFindingListQuery({ cols: "patient,source,payer,status" }).columns).toBeUndefined();
  });

  test("the Columns form's repeated values and its 'none' marker", () => {
    expect(parseFindingListQuery(new URLSearchParams("cols=none&cols=status&cols=payer")).columns).toEqual(["payer", "status"]);
    expect(parseFindingListQuery({ cols: ["none", "status"] }).columns).toEqual(["status"]);
    expect(parseFindingListQuery(new URLSearchParams("cols=none")).columns).toEqual([]);
    expect(parseFindingColumns(["bogus", "source,,patient"])).toEqual(["patient", "source"]);
  });

  test("the rebill view has no optional columns: cols is ignored there and never written", () => {
    expect(parseFindingListQuery({ view: "rebill", cols: "payer" }).columns).toBeUndefined();
    expect(toFindingSearchString({ filters: { rebill: true }, columns: ["payer"] })).toBe("view=rebill");
  });

  test("links write cols comma-joined and read back the same columns", () => {
    const query = parseFindingListQuery(new URLSearchParams("cause=coding&sort=value&cols=payer,patient"));
    expect(findingsHref(query)).toBe("/findings?cause=coding&sort=value&cols=patient,payer");
    expect(findingsHref({ filters: {}, columns: [] })).toBe("/findings?cols=none");
    expect(parseFindingListQuery(new URLSearchParams(findingsHref({ filters: {}, columns: [] }).split("?")[1])).columns).toEqual([]);
  });

  test("sort links, pager links and the filter chips keep cols", () => {
    const query = parseFindingListQuery(new URLSearchParams("payer=Aetna&kind=unit_cut&cols=status"));
    expect(sortHref(query, "value")).toBe("/findings?payer=Aetna&kind=unit_cut&sort=value&cols=status");
    expect(findingsHref({ ...query, after: { values: ["2025-03-04"], id: 3 } })).toContain("cols=status");
    expect(worklistExtras(query)).toMatchObject({ kind: "unit_cut", cols: "status" });
  });

  test("a saved view's link equals the page's view link exactly when the page shows it", () => {
    const view = { query: "cause=coding&sort=value", columns: ["patient", "payer"] as const };
    const shown = parseFindingListQuery(new URLSearchParams("sort=value&cause=coding&cols=payer,patient&size=20"));
    expect(savedViewHref({ ...view, columns: [...view.columns] }, 1)).toBe("/findings?cause=coding&sort=value&cols=patient,payer");
    expect(viewHref(shown)).toBe(savedViewHref({ ...view, columns: [...view.columns] }, 1));
    expect(viewHref(parseFindingListQuery(new URLSearchParams("sort=value&cause=coding")))).not.toBe(savedViewHref({ ...view, columns: [...view.columns] }, 1));
    expect(savedViewHref({ query: "", columns: ["patient", "source", "payer", "status"] }, 1)).toBe("/findings");
  });
});

describe("a saved view's name", () => {
  test("is trimmed, its inner whitespace one space, 1 to 60 characters", () => {
    expect(normalizeSavedViewName("  Coding \n  largest ")).toBe("Coding largest");
    expect(normalizeSavedViewName("   ")).toBeNull();
    expect(normalizeSavedViewName("x".repeat(60))).toBe("x".repeat(60));
    expect(normalizeSavedViewName("x".repeat(61))).toBeNull();
  });
});
