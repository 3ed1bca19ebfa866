import { randomBytes } from "node:crypto";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isDatabaseBusyError } from "@/lib/db/database-target";

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

export const INTERNAL_ERROR_CODE = "internal_error";
export const DATABASE_BUSY_CODE = "database_busy";
export const DATABASE_BUSY_MESSAGE = "The database is busy with an import — try again in a minute.";

/** The sentence a person sees for a 500: the reference is all they need to hand on. */
export function internalErrorMessage(reference: string): string {
  return `Something went wrong on the server — reference ${reference}. Try again; if it keeps happening, give this reference to your administrator.`;
}

/** A short id to find the log line of one failure (not secret, not guessable into anything). */
export function newErrorReference(): string {
  return randomBytes(5).toString("hex");
}

/**
 * The answer to an error nobody planned for: the real error goes to the server log with a fresh
 * reference and `context` (which handler), the response carries only the reference — never a
 * path, SQL or a stack. A database that stayed locked past the busy timeout (an import writing)
 * is not a failure of the server: 503 with Retry-After, so the user simply tries again.
 *
 * @example } catch (error) { return internalError(error, "POST /api/organizations"); }
 */
export function internalError(error: unknown, context: string): Response {
  if (isDatabaseBusyError(error)) {
    console.warn(`[${DATABASE_BUSY_CODE}] ${context}: the database stayed locked past the busy timeout`);
    const response = apiError(503, DATABASE_BUSY_CODE, DATABASE_BUSY_MESSAGE);
    response.headers.set("Retry-After", "60");

    return response;
  }
  const reference = newErrorReference();
  console.error(`[${INTERNAL_ERROR_CODE} ${reference}] ${context}:`, error);

  return apiError(500, INTERNAL_ERROR_CODE, internalErrorMessage(reference));
}

/**
 * Wraps a route handler so that anything it throws answers through internalError. Next's own
 * control-flow throws (redirect, notFound, forbidden, dynamic rendering bail-outs) pass through.
 *
 * @example export const POST = withInternalErrors("POST /api/organizations", async function POST(request: Request) { … });
 */
export function withInternalErrors<A extends unknown[]>(context: string, handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      unstable_rethrow(error);

      return internalError(error, context);
    }
  };
}
