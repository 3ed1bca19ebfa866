import type { z } from "zod";

/**
 * The one error envelope of the JSON API: `{ error: { code, message } }` with the HTTP status.
 * Codes are stable snake_case strings a client may branch on; messages are plain sentences a
 * person can act on.
 */
export type TApiErrorBody = { error: { code: string; message: string } };

/** Builds an error response with `Cache-Control: no-store` (answers may concern PHI). */
export function apiError(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } } satisfies TApiErrorBody, {
    status,
    headers: { "Cache-Control": "no-store" },
  });
}

/** 422 for input that failed a zod schema, naming the first bad field. */
export function apiValidationError(error: z.ZodError, what = "request"): Response {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";

  return apiError(422, "invalid_input", `Invalid ${what} — ${field}${issue?.message ?? "check the values"}.`);
}

/** A JSON success response that is never cached. */
export function apiJson(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
