import { z } from "zod";
import type { TAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { apiError } from "@/lib/http/api-error";

const ZJobId = z.uuid();

/** Whose jobs a request may see: the user's own, in the practices where they may still build reports. */
export type TReportJobScope = { userId: string; organizationIds: readonly string[] };

/**
 * The job a /api/reports/jobs/{jobId} request names, for a user its route has already checked
 * (same-site request, signed in): the well-formed job id and whose jobs they may see. Answers the
 * 404 to send for an id that cannot be a job.
 */
export async function reportJobOf(access: TAccess, params: Promise<{ jobId: string }>): Promise<{ jobId: string; scope: TReportJobScope } | Response> {
  const { jobId } = await params;
  if (!ZJobId.safeParse(jobId).success) return apiError(404, "job_not_found", "No such report.");
  const organizationIds = access.organizations.filter((organization) => can(organization.role, "reports.export")).map((organization) => organization.id);

  return { jobId, scope: { userId: access.user.id, organizationIds } };
}
