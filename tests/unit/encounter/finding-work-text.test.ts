import { describe, expect, test } from "vitest";
import { formatNoteTime } from "@/components/encounter/finding-work-text";
import { describeRefusals, describeWorkFailure, describeWorkRefusal, type TWorkRefusalReason } from "@/lib/worklist/work-messages";

describe("describeWorkRefusal (why the server left one finding as it was)", () => {
  test("a move the workflow does not allow names the status it was refused from", () => {
    expect(describeWorkRefusal("not_allowed", "rebilled")).toBe("That move is not allowed from Rebilled.");
    expect(describeWorkRefusal("not_allowed", "partially_recovered")).toBe("That move is not allowed from Partly recovered.");
  });

  test("every refusal reason has its own sentence", () => {
    const reasons: TWorkRefusalReason[] = [
      "not_allowed",
      "dismiss_reason_required",
      "dismiss_note_required",
      "dismiss_reason_unexpected",
      "recovered_amount_required",
      "recovered_amount_unexpected",
      "not_found",
    ];
    const sentences = reasons.map((reason) => describeWorkRefusal(reason, "open"));
    expect(new Set(sentences).size).toBe(reasons.length);
    for (const sentence of sentences) expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(describeWorkRefusal("not_found", "open")).toMatch(/reload the page/);
  });
});

describe("describeWorkFailure (a failed request without a message of its own)", () => {
  test.each([
    [null, /could not be reached/],
    [401, /sign in again/],
    [403, /may not work findings/],
    [502, /answered 502/],
  ])("%s → %s", (status, words) => {
    expect(describeWorkFailure(status)).toMatch(words);
  });
});

describe("formatNoteTime (a note's time in the practice's time zone)", () => {
  test("is written in the practice's zone, with the zone named", () => {
    expect(formatNoteTime(new Date("2025-03-04T15:05:00Z"), "America/New_York")).toBe("Mar 4, 2025, 10:05 AM EST");
    expect(formatNoteTime(new Date("2026-01-01T03:00:00Z"), "America/Chicago")).toBe("Dec 31, 2025, 9:00 PM CST");
  });

  test("falls back to UTC, labelled, for a zone the runtime does not know", () => {
    expect(formatNoteTime(new Date("2025-03-04T15:05:00Z"), "Not/AZone")).toBe("Mar 4, 2025, 3:05 PM UTC");
  });
});

test("describeRefusals: a bulk change's refusals, counted per reason", () => {
  expect(describeRefusals([{ reason: "not_allowed" }, { reason: "not_allowed" }, { reason: "not_found" }])).toBe(
    "2 not changed: That move is not allowed from their current status. 1 not changed: This finding is no longer in the current analysis — reload the page.",
  );
  expect(describeRefusals([])).toBe("");
});
