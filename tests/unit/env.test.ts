import path from "node:path";
import { describe, expect, test } from "vitest";
import { isConfigError } from "@/lib/config-error";
import { parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  test("defaults: no database URL, 127.0.0.1:3000, ./data resolved against the working directory", () => {
    const env = parseEnv({}, "/srv/dripaudit");
    expect(env).toMatchObject({ DATABASE_URL: undefined, PORT: 3000, HOST: "127.0.0.1", dataDir: path.resolve("/srv/dripaudit/data") });
  });

  test("empty strings count as unset", () => {
    expect(parseEnv({ PORT: "", HOST: "", DATABASE_URL: "" }, "/x")).toMatchObject({ PORT: 3000, HOST: "127.0.0.1", DATABASE_URL: undefined });
  });

  test("reads PORT, HOST and the data folder", () => {
    const env = parseEnv({ PORT: "4010", HOST: "0.0.0.0", DRIPAUDIT_DATA_DIR: "/var/lib/dripaudit" }, "/x");
    expect(env).toMatchObject({ PORT: 4010, HOST: "0.0.0.0", dataDir: "/var/lib/dripaudit" });
  });

  test("sign-in settings: idle minutes default to 15, the public URL is kept", () => {
    expect(parseEnv({}, "/x")).toMatchObject({ DRIPAUDIT_IDLE_MINUTES: 15, DRIPAUDIT_PUBLIC_URL: undefined });
    expect(parseEnv({ DRIPAUDIT_IDLE_MINUTES: "30", DRIPAUDIT_PUBLIC_URL: "https://dripaudit.example.org" }, "/x")).toMatchObject({
      DRIPAUDIT_IDLE_MINUTES: 30,
      DRIPAUDIT_PUBLIC_URL: "https://dripaudit.example.org",
    });
  });

  test.each([
    [{ PORT: "abc" }, 'Invalid configuration: PORT must be a whole number from 1 to 65535 (got "abc").'],
    [{ PORT: "70000" }, 'Invalid configuration: PORT must be a whole number from 1 to 65535 (got "70000").'],
    [{ DRIPAUDIT_PATIENT_KEY_SECRET: "short" }, "Invalid configuration: DRIPAUDIT_PATIENT_KEY_SECRET must be at least 32 characters."],
    [{ DRIPAUDIT_AUTH_SECRET: "short" }, "Invalid configuration: DRIPAUDIT_AUTH_SECRET must be at least 32 characters."],
    [{ DRIPAUDIT_PATIENT_ID_KEY: "0123456789abcdef" }, "Invalid configuration: DRIPAUDIT_PATIENT_ID_KEY must be 64 hex characters (32 bytes), e.g. from openssl rand -hex 32."],
    [{ DRIPAUDIT_IDLE_MINUTES: "0" }, 'Invalid configuration: DRIPAUDIT_IDLE_MINUTES must be a whole number of minutes from 1 to 720 (got "0").'],
    [{ DRIPAUDIT_PUBLIC_URL: "dripaudit.example.org" }, 'Invalid configuration: DRIPAUDIT_PUBLIC_URL must be an http:// or https:// address such as https://dripaudit.example.org (got "dripaudit.example.org").'],
    [{ DRIPAUDIT_PUBLIC_URL: "https://dripaudit.example.org/app" }, 'Invalid configuration: DRIPAUDIT_PUBLIC_URL must be an origin only (scheme, host and optional port, no path) (got "https://dripaudit.example.org/app").'],
  ])("a bad value is one ConfigError line: %o", (source, message) => {
    let caught: unknown;
    try {
      parseEnv(source, "/x");
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toBe(message);
  });
});
