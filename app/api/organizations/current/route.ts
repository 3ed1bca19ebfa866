import { cookies } from "next/headers";
import { z } from "zod";
import { ORGANIZATION_COOKIE, ORGANIZATION_COOKIE_OPTIONS, requireApiUser } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";

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

const FORM_TYPE = "application/x-www-form-urlencoded";

/**
 * POST /api/organizations/current — switches the current practice (cookie `dripaudit_org`) among
 * the signed-in user's memberships. JSON `{ slug }` → 200 `{ organization }`; a form post (`slug`,
 * `returnTo`) → 303 back to `returnTo`, so the switcher also works without JavaScript. 404 for a
 * slug that is not one of the user's practices (whether or not it exists).
 */
export const POST = withInternalErrors("POST /api/organizations/current", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: ["application/json", FORM_TYPE] });
  if (refused) return refused;
  const access = await requireApiUser();
  if (access instanceof Response) return access;

  const isForm = (request.headers.get("content-type") ?? "").includes(FORM_TYPE);
  let raw: unknown;
  try {
    raw = isForm ? Object.fromEntries(new URLSearchParams(await request.text())) : await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZSwitch.safeParse(raw);
  if (!parsed.success) return apiValidationError(parsed.error, "practice switch");

  const organization = access.organizations.find((candidate) => candidate.slug === parsed.data.slug);
  if (!organization) return apiError(404, "organization_not_found", "That practice is not one of yours (any more) — reload the page.");
  (await cookies()).set(ORGANIZATION_COOKIE, organization.slug, ORGANIZATION_COOKIE_OPTIONS);

  if (isForm) return new Response(null, { status: 303, headers: { Location: parsed.data.returnTo ?? "/" } });

  return apiJson({ organization: { id: organization.id, name: organization.name, slug: organization.slug, role: organization.role } });
});
