import path from "node:path";
import { z } from "zod";
import { ConfigError } from "@/lib/config-error";

/**
 * The environment, validated once. This is the only module that reads process.env for the app's
 * own settings; everything else asks getEnv().
 */
const ZEnv = z.object({
  /** Unset = embedded SQLite in the data folder; postgres:// or postgresql:// = PostgreSQL; file:… = another SQLite file. */
  DATABASE_URL: z.string().trim().min(1).optional(),
  PORT: z.coerce
    .number({ error: "must be a whole number from 1 to 65535" })
    .int("must be a whole number from 1 to 65535")
    .min(1, "must be a whole number from 1 to 65535")
    .max(65535, "must be a whole number from 1 to 65535")
    .default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  DRIPAUDIT_DATA_DIR: z.string().trim().min(1).default("./data"),
  /** Secret for patient keys (HMAC-SHA256); unset = a random one kept in the data folder. */
  DRIPAUDIT_PATIENT_KEY_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * AES-256 key that seals patient ids (MRNs) in the database: 64 hex characters (32 bytes, e.g.
   * `openssl rand -hex 32`); unset = a random one kept in the data folder as patient-id.key.
   */
  DRIPAUDIT_PATIENT_ID_KEY: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, "must be 64 hex characters (32 bytes), e.g. from openssl rand -hex 32")
    .optional(),
  /** Secret that signs session cookies and encrypts two-factor secrets; unset = a random one kept in the data folder. */
  DRIPAUDIT_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /**
   * The address people use to reach the app, e.g. https://dripaudit.example.org. Its host joins the
   * Host allowlist (localhost, 127.0.0.1 and [::1] are always on it) and https makes cookies Secure.
   */
  DRIPAUDIT_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// address such as https://dripaudit.example.org" })
    .refine((value) => {
      const url = URL.parse(value);
      return !url || ((url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username && !url.password);
    }, "must be an origin only (scheme, host and optional port, no path)")
    .optional(),
  /** Minutes without a request after which a session ends (sign in again). */
  DRIPAUDIT_IDLE_MINUTES: z.coerce
    .number({ error: "must be a whole number of minutes from 1 to 720" })
    .int("must be a whole number of minutes from 1 to 720")
    .min(1, "must be a whole number of minutes from 1 to 720")
    .max(720, "must be a whole number of minutes from 1 to 720")
    .default(15),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Largest file the import screen accepts, in MB (uploads above it get 413). */
  DRIPAUDIT_MAX_UPLOAD_MB: z.coerce
    .number({ error: "must be a whole number of megabytes, at least 1" })
    .int("must be a whole number of megabytes, at least 1")
    .min(1, "must be a whole number of megabytes, at least 1")
    .default(2048),
  /** Heap limit of each import's own process, in MB: a file that needs more fails its import, not the server. */
  DRIPAUDIT_IMPORT_MEMORY_MB: z.coerce
    .number({ error: "must be a whole number of megabytes from 64 to 65536" })
    .int("must be a whole number of megabytes from 64 to 65536")
    .min(64, "must be a whole number of megabytes from 64 to 65536")
    .max(65536, "must be a whole number of megabytes from 64 to 65536")
    .default(768),
});

export type TEnv = z.infer<typeof ZEnv> & {
  /** DRIPAUDIT_DATA_DIR resolved to an absolute path (relative paths are relative to the working directory). */
  dataDir: string;
};

let cached: { key: string; env: TEnv } | undefined;

/** Parses an environment; throws ConfigError with a one-line message naming the bad variable. */
export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): TEnv {
  // Empty strings count as unset, so `PORT= npm start` behaves like no PORT at all.
  const cleaned = Object.fromEntries(
    Object.keys(ZEnv.shape).map((key) => [key, source[key] === "" ? undefined : source[key]]),
  );
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? "environment");
    const value = source[key];
    const shown = key.includes("SECRET") || key.endsWith("_KEY") || key === "DATABASE_URL" ? "" : value === undefined ? "" : ` (got "${value}")`;
    throw new ConfigError(`Invalid configuration: ${key} ${issue?.message ?? "is invalid"}${shown}.`);
  }

  return { ...result.data, dataDir: path.resolve(cwd, result.data.DRIPAUDIT_DATA_DIR) };
}

/** The process environment, parsed on first use and cached until one of its variables changes. */
export function getEnv(): TEnv {
  const key = JSON.stringify([process.cwd(), ...Object.keys(ZEnv.shape).map((name) => process.env[name] ?? null)]);
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };

  return cached.env;
}
