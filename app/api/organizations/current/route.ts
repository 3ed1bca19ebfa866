import { cookies } from "next/headers";
import { z } from "zod";
import { getDb, listOrganizationChoices } from "@/lib/db";
import { apiError, apiJson, apiValidationError } from "@/lib/http/api-error";
import { ORGANIZATION_COOKIE, ORGANIZATION_COOKIE_OPTIONS } from "@/lib/organization-context";

export const dynamic = "force-dynamic";

const ZSwitch = z.object({
  slug: z.string().trim().min(1).max(64),
  /** Where a plain form post returns to: a same-site path only. */
  returnTo: z
    .string()
    .regex(/^\/(?![/\\])[^\s]*$/, "must be a path on this site")
    .max(2000)
    .optional(),
});

/**
 * POST /api/organizations/current — switches the current organization (cookie `dripaudit_org`).
 * JSON `{ slug }` → 200 `{ organization }`; a form post (`slug`, `returnTo`) → 303 back to
 * `returnTo`, so the switcher also works without JavaScript. 404 for an unknown slug.
 */
export async function POST(request: Request) {
  const isForm = (request.headers.get("content-type") ?? "").includes("application/x-www-form-urlencoded");
  let raw: unknown;
  try {
    raw = isForm ? Object.fromEntries(new URLSearchParams(await request.text())) : await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZSwitch.safeParse(raw);
  if (!parsed.success) return apiValidationError(parsed.error, "practice switch");

  const { db } = getDb();
  const organization = (await listOrganizationChoices(db)).find((candidate) => candidate.slug === parsed.data.slug);
  if (!organization) return apiError(404, "organization_not_found", "That practice does not exist (any more) — reload the page.");
  (await cookies()).set(ORGANIZATION_COOKIE, organization.slug, ORGANIZATION_COOKIE_OPTIONS);

  if (isForm) return new Response(null, { status: 303, headers: { Location: parsed.data.returnTo ?? "/" } });

  return apiJson({ organization });
}
