import { describe, expect, test } from "vitest";
import { ACTIONS, can, forbiddenMessage } from "@/lib/auth/permissions";
import { MEMBERSHIP_ROLES } from "@/lib/db/types";

// The matrix, written out independently of lib/auth/permissions.ts: a change to the table
// must change this test too.
const EXPECTED: Record<string, string[]> = {
  "dashboard.view": ["owner", "billing", "consultant", "viewer"],
  "findings.view": ["owner", "billing", "consultant", "viewer"],
  "encounter.view": ["owner", "billing", "consultant", "viewer"],
  "patients.identify": ["owner", "billing", "consultant"],
  "findings.work": ["owner", "billing", "consultant"],
  "findings.export": ["owner", "billing", "consultant"],
  "reports.view": ["owner", "billing", "consultant", "viewer"],
  "reports.export": ["owner", "billing", "consultant"],
  "imports.view": ["owner", "billing", "consultant"],
  "imports.create": ["owner", "billing", "consultant"],
  "imports.export": ["owner", "billing", "consultant"],
  "settings.view": ["owner", "billing", "consultant", "viewer"],
  "rules.edit": ["owner", "billing", "consultant"],
  "practice.edit": ["owner"],
  "practice.create": ["owner", "consultant"],
  "demo.clear": ["owner"],
  "practice.delete": ["owner"],
  "users.manage": ["owner"],
  "audit.view": ["owner"],
};

describe("permission table", () => {
  test("covers exactly the expected actions", () => {
    expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cells = ACTIONS.flatMap((action) => MEMBERSHIP_ROLES.map((role) => [role, action] as const));
  test.each(cells)("%s × %s", (role, action) => {
    expect(can(role, action)).toBe(EXPECTED[action]?.includes(role));
  });

  test("owner may do everything; viewer changes and exports nothing", () => {
    expect(ACTIONS.every((action) => can("owner", action))).toBe(true);
    expect(ACTIONS.filter((action) => can("viewer", action))).toEqual(["dashboard.view", "findings.view", "encounter.view", "reports.view", "settings.view"]);
  });

  test("consultant may do what billing may", () => {
    const billing = ACTIONS.filter((action) => can("billing", action));
    expect(billing.length).toBeGreaterThan(0);
    expect(billing.filter((action) => !can("consultant", action))).toEqual([]);
  });

  test("a refusal names the role and what it may not do", () => {
    expect(forbiddenMessage("viewer", "findings.export")).toBe("Your role (viewer) cannot export findings in this practice — ask an owner.");
  });
});
