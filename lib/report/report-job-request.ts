import { z } from "zod";
import { requireApiUser, type TAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { refuseForeignRequest } from "@/lib/auth/route";
import { apiError } from "@/lib/http/api-error";

const ZJobId = z.uuid();

/** Whose jobs a request may see: the user's own, in the practices where they may still build reports. */
export type TReportJobScope = { userId: string; organizationIds: readonly string[] };

/**
 * The checks every /api/reports/jobs/{jobId} handler makes first: a same-site request from a
 * signed-in user, and a well-formed job id. Answers the Response to send when one fails.
 */
export async function readReportJobRequest(
  request: Request,
  params: Promise<{ jobId: string }>,
): Promise<{ access: TAccess; jobId: string; scope: TReportJobScope } | Response> {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiUser();
  if (access instanceof Response) return access;
  const { jobId } = await params;
  if (!ZJobId.safeParse(jobId).success) return apiError(404, "job_not_found", "No such report.");
  const organizationIds = access.organizations.filter((organization) => can(organization.role, "reports.export")).map((organization) => organization.id);

  return { access, jobId, scope: { userId: access.user.id, organizationIds } };
}
