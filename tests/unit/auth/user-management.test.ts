import { describe, expect, test } from "vitest";
import { absoluteLink, lastOwnerMessage, mayHandOutPasswordLink } from "@/lib/auth/user-management";

describe("mayHandOutPasswordLink", () => {
  test("an owner of every practice of the person may", () => {
    expect(mayHandOutPasswordLink([{ organizationId: "a", role: "billing" }, { organizationId: "b", role: "owner" }], ["a", "b", "c"])).toBe(true);
  });

  test("a person who also works for a practice the owner does not own is refused (no takeover through a reset link)", () => {
    expect(mayHandOutPasswordLink([{ organizationId: "a", role: "consultant" }, { organizationId: "z", role: "owner" }], ["a"])).toBe(false);
  });

  test("a person with no membership is refused", () => {
    expect(mayHandOutPasswordLink([], ["a"])).toBe(false);
  });
});

describe("absoluteLink", () => {
  test("on the request's Host over http", () => {
    expect(absoluteLink("/set-password?token=abc", { host: "localhost:3000" })).toBe("http://localhost:3000/set-password?token=abc");
  });

  test("https behind a proxy that says so", () => {
    expect(absoluteLink("/set-password?token=abc", { host: "audit.clinic.test", forwardedProto: "https, http" })).toBe("https://audit.clinic.test/set-password?token=abc");
  });

  test("the configured public URL wins over the Host", () => {
    expect(absoluteLink("/set-password?token=abc", { host: "127.0.0.1:3000", publicUrl: "https://audit.clinic.test" })).toBe("https://audit.clinic.test/set-password?token=abc");
  });

  test("an IPv6 Host", () => {
    expect(absoluteLink("/set-password?token=a", { host: "[::1]:3000" })).toBe("http://[::1]:3000/set-password?token=a");
  });
});

test("lastOwnerMessage says what to do first", () => {
  expect(lastOwnerMessage("remove")).toMatch(/last owner — make someone else owner first/);
  expect(lastOwnerMessage("demote")).toMatch(/then change this role/);
});
