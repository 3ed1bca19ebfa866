import { describe, expect, test } from "vitest";
import {
  canMoveFinding,
  checkStatusChange,
  FINDING_STATUSES,
  findingWorkKey,
  nextPersonStatuses,
  reconcileAfterRecompute,
  type TFindingStatus,
  type TPersonStatus,
} from "@/lib/worklist/finding-workflow";

describe("canMoveFinding", () => {
  test.each<[TFindingStatus, TPersonStatus, boolean]>([
    ["open", "in_progress", true],
    ["open", "rebilled", true],
    ["open", "appealed", true],
    ["open", "dismissed", true],
    ["open", "recovered", false],
    ["open", "open", false],
    ["in_progress", "open", true],
    ["rebilled", "recovered", true],
    ["rebilled", "partially_recovered", true],
    ["rebilled", "denied_again", true],
    ["rebilled", "open", false],
    ["appealed", "rebilled", true],
    ["denied_again", "appealed", true],
    ["partially_recovered", "appealed", true],
    ["recovered", "open", true],
    ["recovered", "rebilled", false],
    ["dismissed", "open", true],
    ["dismissed", "in_progress", false],
    ["resolved_by_data", "open", false],
  ])("%s → %s: %s", (from, to, allowed) => {
    expect(canMoveFinding(from, to)).toBe(allowed);
  });

  test("no status lists itself or resolved_by_data as a next status", () => {
    for (const status of FINDING_STATUSES) {
      expect(nextPersonStatuses(status)).not.toContain(status);
      expect(nextPersonStatuses(status) as readonly string[]).not.toContain("resolved_by_data");
    }
  });
});

describe("checkStatusChange", () => {
  test.each([
    ["a plain move", "open", { status: "in_progress" }, { ok: true }],
    ["a move the workflow does not have", "recovered", { status: "rebilled" }, { ok: false, reason: "not_allowed" }],
    ["a dismissal without a reason", "open", { status: "dismissed" }, { ok: false, reason: "dismiss_reason_required" }],
    ["a dismissal for another reason without words", "open", { status: "dismissed", dismissReason: "other", dismissNote: " " }, { ok: false, reason: "dismiss_note_required" }],
    ["a dismissal for another reason with words", "open", { status: "dismissed", dismissReason: "other", dismissNote: "payer merged" }, { ok: true }],
    ["a dismissal with a listed reason", "in_progress", { status: "dismissed", dismissReason: "not_worth_it" }, { ok: true }],
    ["a reason on something other than a dismissal", "open", { status: "rebilled", dismissReason: "not_worth_it" }, { ok: false, reason: "dismiss_reason_unexpected" }],
    ["recovered with the amount seen paid", "rebilled", { status: "recovered", recoveredCents: 4500 }, { ok: true }],
    ["recovered at the finding's value (no amount)", "rebilled", { status: "recovered" }, { ok: true }],
    ["partially recovered needs the amount", "appealed", { status: "partially_recovered" }, { ok: false, reason: "recovered_amount_required" }],
    ["partially recovered with the amount", "appealed", { status: "partially_recovered", recoveredCents: 2000 }, { ok: true }],
    ["an amount on a move that recovers nothing", "rebilled", { status: "denied_again", recoveredCents: 0 }, { ok: false, reason: "recovered_amount_unexpected" }],
  ] as const)("%s", (_name, from, change, expected) => {
    expect(checkStatusChange(from, change)).toEqual(expected);
  });
});

describe("reconcileAfterRecompute", () => {
  test.each<[TFindingStatus, boolean, TFindingStatus]>([
    ["open", false, "resolved_by_data"],
    ["in_progress", false, "resolved_by_data"],
    ["rebilled", false, "resolved_by_data"],
    // A denied correction turns the missed code into a denied line: the first finding is gone, the money is not in.
    ["denied_again", false, "denied_again"],
    ["dismissed", false, "dismissed"],
    ["recovered", false, "recovered"],
    ["partially_recovered", false, "partially_recovered"],
    ["resolved_by_data", false, "resolved_by_data"],
    ["resolved_by_data", true, "open"],
    ["rebilled", true, "rebilled"],
    ["dismissed", true, "dismissed"],
    ["open", true, "open"],
  ])("%s, still found %s → %s", (status, stillFound, expected) => {
    expect(reconcileAfterRecompute(status, stillFound)).toBe(expected);
  });
});

test("findingWorkKey keys a finding without a code on the empty string", () => {
  expect(findingWorkKey({ externalEncounterId: "E1", kind: "overcoded_units", code: null })).toEqual({ externalEncounterId: "E1", kind: "overcoded_units", code: "" });
  expect(findingWorkKey({ externalEncounterId: "E1", kind: "missed_addon_hours", code: "96415" })).toEqual({ externalEncounterId: "E1", kind: "missed_addon_hours", code: "96415" });
});
