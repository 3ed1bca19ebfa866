import { requireApiUser } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { apiError, apiJson, withInternalErrors } from "@/lib/http/api-error";
import { reportJobOf } from "@/lib/report/report-job-request";
import { getReportJobs } from "@/lib/report/report-jobs";

export const dynamic = "force-dynamic";

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
  const checked = await reportJobOf(access, context.params);
  if (checked instanceof Response) return checked;
  const job = getReportJobs().get(checked.jobId, checked.scope);
  if (!job) return apiError(404, "job_not_found", "This report is no longer kept (reports are kept for an hour) — build it again.");

  return apiJson(job);
});
