import { z } from "zod";
import { requireApiAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import { refuseForeignRequest } from "@/lib/auth/route";
import { apiError, apiJson, withInternalErrors } from "@/lib/http/api-error";
import { getImportJobs } from "@/lib/import/import-jobs";

export const dynamic = "force-dynamic";

const ZJobId = z.uuid();

/**
 * GET /api/imports/jobs/{jobId} — a queued or running import's progress, then its outcome
 * (TImportJobView). 404 when the id is unknown, the job expired (an hour after it finished) or it
 * imports into a practice where the user may not see imports.
 */
export const GET = withInternalErrors("GET /api/imports/jobs/[jobId]", async function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("imports.view");
  if (access instanceof Response) return access;
  const { jobId } = await context.params;
  if (!ZJobId.safeParse(jobId).success) return apiError(404, "job_not_found", "No such import job.");
  // Any of the user's practices, not only the current one: switching practice in another tab must not lose a running upload.
  const visible = access.organizations.filter((organization) => can(organization.role, "imports.view")).map((organization) => organization.id);
  const job = getImportJobs().get(jobId, visible);
  if (!job) return apiError(404, "job_not_found", "This import job is no longer tracked (jobs are kept for an hour) — see the import history.");

  return apiJson(job);
});
