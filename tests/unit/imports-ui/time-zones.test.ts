import { describe, expect, test } from "vitest";
import { toOrganizationSlug } from "@/lib/db/organizations";
import { COMMON_US_TIME_ZONES, isValidTimeZone } from "@/lib/time-zones";

describe("isValidTimeZone", () => {
  test("accepts IANA names, including every offered US zone", () => {
    for (const zone of COMMON_US_TIME_ZONES) expect(isValidTimeZone(zone.id)).toBe(true);
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("America/Argentina/Buenos_Aires")).toBe(true);
    expect(isValidTimeZone(" UTC ")).toBe(true);
  });

  test.each(["", "EST", "+05:00", "GMT+5", "Mars/Olympus", "America/", "../etc/passwd"])("refuses %j", (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe("toOrganizationSlug", () => {
  test.each([
    ["St. Mary's Infusion Center", "st-marys-infusion-center"],
    ["  Clínica  Niño  ", "clinica-nino"],
    ["!!!", "practice"],
    ["A".repeat(60), "a".repeat(48)],
  ])("%j → %j", (name, slug) => {
    expect(toOrganizationSlug(name)).toBe(slug);
  });
});
