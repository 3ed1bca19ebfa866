import { describe, expect, test } from "vitest";
import { allowedHostPatterns, isAllowedHost, isSameOriginRequest, mediaType } from "@/lib/auth/request-guards";

describe("isAllowedHost", () => {
  test.each([
    ["localhost:3000", undefined, true],
    ["127.0.0.1", undefined, true],
    ["127.0.0.1:41234", undefined, true],
    ["[::1]:3000", undefined, true],
    ["LOCALHOST:3000", undefined, true],
    ["dripaudit.example.org", "https://dripaudit.example.org", true],
    ["dripaudit.example.org:8443", "https://dripaudit.example.org:8443", true],
    ["dripaudit.example.org:9999", "https://dripaudit.example.org:8443", false],
    ["attacker.example", undefined, false],
    ["localhost.attacker.example", undefined, false],
    ["127.0.0.1.nip.io:3000", undefined, false],
    ["127.0.0.2:3000", undefined, false],
    ["localhost:3000@evil", undefined, false],
    ["", undefined, false],
    [null, undefined, false],
  ])("%s (public URL %s) → %s", (host, publicUrl, allowed) => {
    expect(isAllowedHost(host, publicUrl)).toBe(allowed);
  });

  test("better-auth gets the same hosts", () => {
    expect(allowedHostPatterns("https://dripaudit.example.org")).toContain("dripaudit.example.org");
    expect(allowedHostPatterns(undefined)).toEqual(["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*"]);
  });
});

describe("isSameOriginRequest", () => {
  const request = (headers: Record<string, string>) => new Headers({ host: "127.0.0.1:3000", ...headers });

  test.each([
    [{ origin: "http://127.0.0.1:3000" }, true],
    [{ origin: "http://evil.example" }, false],
    [{ origin: "http://localhost:3000" }, false],
    [{ origin: "null" }, false],
    [{ "sec-fetch-site": "same-origin" }, true],
    [{ "sec-fetch-site": "cross-site" }, false],
    [{ "sec-fetch-site": "same-site" }, false],
    [{}, true],
  ])("%o → %s", (headers, sameOrigin) => {
    expect(isSameOriginRequest(request(headers))).toBe(sameOrigin);
  });
});

test("mediaType drops parameters and case", () => {
  expect(mediaType(new Headers({ "content-type": "Application/JSON; charset=utf-8" }))).toBe("application/json");
  expect(mediaType(new Headers())).toBe("");
});
