import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test, vi } from "vitest";
import { FindingWorkPanel, type TWorkPanelNote } from "@/components/encounter/finding-work-panel";
import type { TFindingWorkSummary } from "@/lib/db/findings/finding-work";

vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const finding = { id: 41, title: "Lost add-on hours · 96415", valueCents: 6_000, filingDeadline: "2026-03-04" };
const openWork: TFindingWorkSummary = { status: "open", assigneeUserId: null, assigneeEmail: null, dueDate: "2026-03-04", notes: 0, recoveredCents: null, recoveredOn: null, recoverySource: null, recoveryClaimId: null };
const note: TWorkPanelNote = { id: 1, authorEmail: "billing@example.test", writtenAt: "2025-03-04T15:05:00.000Z", writtenAtLabel: "Mar 4, 2025, 10:05 AM EST", text: "Called the payer, ref 123" };
const members = [{ userId: "u1", email: "billing@example.test", name: "Bea Billing" }];

function render(work: TFindingWorkSummary, mayWork: boolean): string {
  return renderToStaticMarkup(createElement(FindingWorkPanel, { finding, work, notes: [note], members, mayWork }));
}

const optionValues = (html: string, testId: string): string[] => {
  const select = new RegExp(`<select[^>]*data-testid="${testId}"[^>]*>(.*?)</select>`).exec(html)?.[1] ?? "";
  return [...select.matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]!);
};

describe("FindingWorkPanel", () => {
  test("a member who may work gets every control, the status menu holding only the workflow's next moves", () => {
    const html = render(openWork, true);
    expect(html).toContain('data-testid="finding-work-41"');
    for (const testId of ["work-status-select", "work-status-apply", "work-assignee-select", "work-assign-apply", "work-due-input", "work-due-apply", "work-note-text", "work-note-add", "work-message", "work-status-pill"]) {
      expect(html, testId).toContain(`data-testid="${testId}"`);
    }
    expect(optionValues(html, "work-status-select")).toEqual(["", "in_progress", "rebilled", "appealed", "dismissed"]);
    expect(optionValues(html, "work-assignee-select")).toEqual(["", "u1"]);
    expect(html).toContain("Reset to filing deadline");
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain("Called the payer, ref 123");
  });

  test("a viewer reads the same facts and notes without a single control", () => {
    const html = render({ ...openWork, status: "in_progress", assigneeUserId: "u1", assigneeEmail: "billing@example.test" }, false);
    expect(html).not.toMatch(/<(form|select|input|textarea|button)\b/);
    expect(html).toContain("In progress");
    expect(html).toContain("billing@example.test");
    expect(html).toContain("Called the payer, ref 123");
  });

  test("a recovery shows its dollars, day and claim; the menu offers only reopening", () => {
    const html = render({ ...openWork, status: "recovered", recoveredCents: 6_000, recoveredOn: "2025-04-02", recoverySource: "remittance", recoveryClaimId: "C4" }, true);
    const recovered = /<p[^>]*data-testid="work-recovered"[^>]*>(.*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, "");
    expect(recovered).toBe("$60 recovered on Apr 2, 2025 · from the remittance · claim C4");
    expect(optionValues(html, "work-status-select")).toEqual(["", "open"]);
  });

  test("a finding resolved by the data has no status menu", () => {
    const html = render({ ...openWork, status: "resolved_by_data" }, true);
    expect(html).not.toContain('data-testid="work-status-select"');
    expect(html).toContain("Set by the data");
  });
});
