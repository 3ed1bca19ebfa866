import { describe, expect, test } from "vitest";
import { passwordProblem } from "@/lib/auth/password-policy";

describe("passwordProblem", () => {
  test.each([
    ["short1!", "Use at least 12 characters."],
    ["x".repeat(129), "Use at most 128 characters."],
    ["qwerty123456", "This password is on the list of common passwords — choose a phrase only you would use."],
    ["Password2024!!", "This password is on the list of common passwords — choose a phrase only you would use."],
    ["aaaaaaaaaaaaaaa", "This password is on the list of common passwords — choose a phrase only you would use."],
  ])("%s is refused", (password, message) => {
    expect(passwordProblem(password)).toBe(message);
  });

  test("a password that contains the email's name is refused", () => {
    expect(passwordProblem("maria.lopez-infusion-9", { email: "maria.lopez@clinic.test" })).toBe("The password must not contain your email address.");
  });

  test.each(["saline drip at nine", "Kettle-Orbit-Tulip-42", "correct horse battery staple"])("%s is accepted", (password) => {
    expect(passwordProblem(password, { email: "owner@clinic.test" })).toBeNull();
  });
});
