import { cookies } from "next/headers";
import { z } from "zod";
import { createOrganization, getDb, ORGANIZATION_SETTINGS } from "@/lib/db";
import { apiError, apiJson, apiValidationError } from "@/lib/http/api-error";
import { ORGANIZATION_COOKIE, ORGANIZATION_COOKIE_OPTIONS } from "@/lib/organization-context";
import { isValidTimeZone } from "@/lib/time-zones";

export const dynamic = "force-dynamic";

const ZCreateOrganization = z.object({
  name: z.string().trim().min(1, "enter the practice's name").max(120, "keep the name under 120 characters"),
  timeZone: z
    .string()
    .trim()
    .refine(isValidTimeZone, "use an IANA time zone such as America/New_York"),
  setting: z.enum(ORGANIZATION_SETTINGS),
});

/**
 * POST /api/organizations — `{ name, timeZone, setting }` → 201 `{ organization }` and makes it the
 * current organization (cookie). 422 names the bad field. Single-user local install: anyone who
 * can reach the app may create one (there are no accounts yet).
 */
export async function POST(request: Request) {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZCreateOrganization.safeParse(body);
  if (!parsed.success) return apiValidationError(parsed.error, "practice");

  const { db } = getDb();
  const organization = await createOrganization(db, parsed.data);
  (await cookies()).set(ORGANIZATION_COOKIE, organization.slug, ORGANIZATION_COOKIE_OPTIONS);

  return apiJson({ organization }, 201);
}
