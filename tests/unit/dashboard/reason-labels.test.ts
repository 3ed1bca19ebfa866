/**
 * DripAudit's own words for CARC and RARC codes: enough of them, short, never empty, the code always
 * shown, unknown codes alone — and a licensing guard: no label reads like the X12 code list's
 * description text (which is licensed): none over 60 characters, none with its tell-tale phrasing.
 */
import { describe, expect, test } from "vitest";
import { CARC_LABELS } from "@/lib/dashboard/carc-labels";
import { carcCode, carcLabel, carcMeaning, claimReasons, LABEL_SEPARATOR, rarcLabel, rarcMeaning } from "@/lib/dashboard/code-label";
import { RARC_LABELS } from "@/lib/dashboard/rarc-labels";

/** The reasons infusion practices meet most (the list); each must have our words. */
const MUST_HAVE_CARC = [
  "1", "2", "3", "4", "11", "16", "18", "22", "23", "24", "27", "29", "31", "45", "50", "96", "97", "109", "119", "151", "167", "170",
  "181", "182", "185", "197", "204", "242", "252", "253", "A1", "B7", "B9", "B15", "P12",
];
const MUST_HAVE_RARC = ["N4", "N20", "N56", "N115", "N130", "N290", "N362", "N425", "N432", "N522", "N657", "M15", "M20", "M51", "M76", "MA04", "MA130"];

/** Phrasing of the X12 descriptions that our words never use. */
const X12_TELLS = [/\//, /\balert\b/i, /\busage\b/i, /\bdeemed\b/i, /\(s\)/, /our records/i, /\bincomplete\/invalid\b/i, /\bthis \(these\)/i, /\bnote:/i, /\bpayer deems\b/i];

describe.each([
  ["CARC", CARC_LABELS, 60],
  ["RARC", RARC_LABELS, 25],
] as const)("%s labels", (_name, labels, minimum) => {
  test(`at least ${minimum} codes`, () => {
    expect(labels.size).toBeGreaterThanOrEqual(minimum);
  });

  test.each([...labels])("%s: short, not empty, our own phrasing", (code, label) => {
    expect(code).toMatch(/^[A-Z]{0,2}\d{1,3}$/);
    expect(label.trim()).toBe(label);
    expect(label.length).toBeGreaterThanOrEqual(4);
    expect(label.length).toBeLessThanOrEqual(60);
    expect(label).not.toMatch(/\.$/); // X12 descriptions are sentences ending with a period
    for (const tell of X12_TELLS) expect(label, String(tell)).not.toMatch(tell);
  });
});

describe("carcLabel / rarcLabel", () => {
  test("every reason the issue names has our words", () => {
    expect(MUST_HAVE_CARC.filter((reason) => carcMeaning(reason) === null)).toEqual([]);
    expect(MUST_HAVE_RARC.filter((code) => rarcMeaning(code) === null)).toEqual([]);
  });

  test("group-independent: the same words under CO, PR, OA, PI and CR; the code always first", () => {
    for (const group of ["CO", "PR", "OA", "PI", "CR"]) {
      expect(carcLabel(group, "16")).toBe(`${group}-16 · Claim info missing or wrong (see remark code)`);
      expect(carcLabel(group, "B15")).toBe(`${group}-B15${LABEL_SEPARATOR}Needs its primary service paid first`);
    }
    expect(carcLabel("PR", "1")).toBe("PR-1 · Patient's deductible");
    expect(carcLabel("CO", "45")).toBe("CO-45 · Above the contracted or allowed amount");
    expect(carcCode("CO", "97")).toBe("CO-97");
    expect(carcMeaning(" b15 ")).toBe("Needs its primary service paid first");
  });

  test("unknown codes show the code alone", () => {
    expect(carcLabel("CO", "999")).toBe("CO-999");
    expect(carcLabel("OA", "")).toBe("OA-");
    expect(carcMeaning("999")).toBeNull();
    expect(rarcLabel("N9999")).toBe("N9999");
    expect(rarcMeaning("ZZ1")).toBeNull();
  });

  test("rarcLabel: the code, then our words", () => {
    expect(rarcLabel("N290")).toBe("N290 · Rendering provider ID missing or not valid");
    expect(rarcLabel("MA130")).toBe("MA130 · Incomplete claim: fix and resend (no appeal)");
  });

  test("claimReasons: adjustments then remarks, each once, codes and labels side by side", () => {
    const reasons = claimReasons(
      [
        { group: "CO", reason: "16" },
        { group: "CO", reason: "16" },
        { group: "PR", reason: "999" },
      ],
      ["N290", "N9999"],
    );
    expect(reasons.codes).toEqual(["CO-16", "PR-999", "N290", "N9999"]);
    expect(reasons.labels).toEqual(["CO-16 · Claim info missing or wrong (see remark code)", "PR-999", "N290 · Rendering provider ID missing or not valid", "N9999"]);
    expect(claimReasons([], [])).toEqual({ codes: [], labels: [] });
  });
});
