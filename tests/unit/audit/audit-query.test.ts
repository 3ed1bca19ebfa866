import { describe, expect, test } from "vitest";
import { auditQueryString, formatAuditTime, parseAuditQuery, startOfDayIn, toAuditCsvLine, toAuditFilter } from "@/lib/audit/audit-query";
import { isAuditActionName } from "@/lib/db/audit-events";

describe("audit query", () => {
  test("reads the filters from the URL and drops malformed ones", () => {
    expect(parseAuditQuery(new URLSearchParams("user=u_1&action=auth.signed_in&from=2026-12-01&to=2026-12-04&page=3"))).toEqual({
      userId: "u_1",
      action: "auth.signed_in",
      from: "2026-12-01",
      to: "2026-12-04",
      page: 3,
    });
    expect(parseAuditQuery({ user: "x' OR 1=1", action: "DROP TABLE", from: "2026-02-30", to: "yesterday", page: "-2" })).toEqual({ page: 1 });
    expect(parseAuditQuery({ action: ["encounter.viewed", "auth.signed_in"] })).toEqual({ action: "encounter.viewed", page: 1 });
  });

  test("writes them back without the first page", () => {
    expect(auditQueryString({ action: "encounter.viewed", from: "2026-12-01", page: 1 }, { withPage: true })).toBe("?action=encounter.viewed&from=2026-12-01");
    expect(auditQueryString({ userId: "u_1", page: 2 }, { withPage: true })).toBe("?user=u_1&page=2");
    expect(auditQueryString({ page: 4 })).toBe("");
  });

  test("days are the practice's: from its midnight to the midnight after `to`", () => {
    expect(startOfDayIn("2026-12-04", "America/New_York").toISOString()).toBe("2026-12-04T05:00:00.000Z");
    expect(startOfDayIn("2026-07-04", "America/Los_Angeles").toISOString()).toBe("2026-07-04T07:00:00.000Z");
    // Santiago springs forward at midnight: the day starts at 01:00 local.
    expect(startOfDayIn("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
    const filter = toAuditFilter({ from: "2026-03-08", to: "2026-03-08", page: 1 }, "org", "America/Chicago");
    expect(filter.from?.toISOString()).toBe("2026-03-08T06:00:00.000Z");
    // The spring-forward day is 23 hours long.
    expect(filter.to?.toISOString()).toBe("2026-03-09T05:00:00.000Z");
  });

  test("times show in the practice's zone to the second", () => {
    expect(formatAuditTime(new Date("2026-12-04T19:05:09Z"), "America/New_York")).toBe("2026-12-04 14:05:09 EST");
    expect(formatAuditTime(new Date("2026-12-04T00:00:01Z"), "Mars/Olympus")).toBe("2026-12-04 00:00:01 UTC");
  });

  test("a CSV line neutralizes every cell a spreadsheet could run", () => {
    const line = toAuditCsvLine(
      {
        id: 1,
        createdAt: new Date("2026-12-04T19:05:09Z"),
        organizationId: "org_1",
        userId: "u_1",
        actorEmail: " =cmd|' /C calc'!A0",
        address: "＠1",
        action: "auth.sign_in_failed",
        subjectType: "user",
        subjectId: "-1+2",
        detail: { reason: "wrong_email_or_password" },
      },
      "America/New_York",
    );
    expect(line).toBe(
      `2026-12-04 14:05:09 EST,2026-12-04T19:05:09.000Z,' =cmd|' /C calc'!A0,'＠1,auth.sign_in_failed,org_1,user,'-1+2,"{""reason"":""wrong_email_or_password""}"`,
    );
  });

  test("action names are dot.snake", () => {
    expect(isAuditActionName("settings.payer_filing.updated")).toBe(true);
    expect(isAuditActionName("users.member.added")).toBe(true);
    expect(isAuditActionName("signedIn")).toBe(false);
    expect(isAuditActionName("auth.signedIn")).toBe(false);
  });
});
