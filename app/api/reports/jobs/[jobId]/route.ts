import { z } from "zod";
import { requireApiUser } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { refuseForeignRequest } from "@/lib/auth/route";
import { apiError, apiJson, withInternalErrors } from "@/lib/http/api-error";
import { getReportJobs } from "@/lib/report/report-jobs";

export const dynamic = "force-dynamic";

const ZJobId = z.uuid();

/**
 * GET /api/reports/jobs/{jobId} — a report job's progress, then its outcome (TReportJobView). 404
 * when the id is unknown, expired (an hour after it finished), someone else's, or for a practice
 * where the user may no longer build reports.
 */
export const GET = withInternalErrors("GET /api/reports/jobs/[jobId]", async function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiUser();
  if (access instanceof Response) return access;
  const { jobId } = await context.params;
  if (!ZJobId.safeParse(jobId).success) return apiError(404, "job_not_found", "No such report.");
  const organizationIds = access.organizations.filter((organization) => can(organization.role, "reports.export")).map((organization) => organization.id);
  const job = getReportJobs().get(jobId, { userId: access.user.id, organizationIds });
  if (!job) return apiError(404, "job_not_found", "This report is no longer kept (reports are kept for an hour) — build it again.");

  return apiJson(job);
});
