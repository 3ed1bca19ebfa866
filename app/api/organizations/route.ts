import { cookies } from "next/headers";
import { z } from "zod";
import { canCreatePractice, ORGANIZATION_COOKIE, ORGANIZATION_COOKIE_OPTIONS, requireApiUser } from "@/lib/auth/access";
import { forbiddenMessage } from "@/lib/auth/permissions";
import { refuseForeignRequest } from "@/lib/auth/route";
import { createOrganization, getDb, ORGANIZATION_SETTINGS } from "@/lib/db";
import { auditActor } from "@/lib/auth/audit-context";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";
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
 * POST /api/organizations — `{ name, timeZone, setting }` → 201 `{ organization }`; the creator
 * becomes its owner and it becomes their current practice (cookie). Only a user who may add
 * practices (owner or consultant somewhere, or the very first practice of the install): else 403.
 * 422 names the bad field.
 */
export const POST = withInternalErrors("POST /api/organizations", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: ["application/json"] });
  if (refused) return refused;
  const access = await requireApiUser();
  if (access instanceof Response) return access;
  if (!(await canCreatePractice(access))) {
    return apiError(403, "forbidden", forbiddenMessage(access.organization?.role ?? "viewer", "practice.create"));
  }

  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZCreateOrganization.safeParse(body);
  if (!parsed.success) return apiValidationError(parsed.error, "practice");

  const { db } = getDb();
  const organization = await createOrganization(db, { ...parsed.data, ownerUserId: access.user.id });
  await recordAuditEvent(db, { ...(await auditActor(access)), organizationId: organization.id, action: "practice.created", subjectType: "organization", subjectId: organization.id });
  (await cookies()).set(ORGANIZATION_COOKIE, organization.slug, ORGANIZATION_COOKIE_OPTIONS);

  return apiJson({ organization }, 201);
});
