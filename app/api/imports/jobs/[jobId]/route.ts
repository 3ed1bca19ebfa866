import { z } from "zod";
import { apiError, apiJson } from "@/lib/http/api-error";
import { getImportJobs } from "@/lib/import/import-jobs";

export const dynamic = "force-dynamic";

const ZJobId = z.uuid();

/**
 * GET /api/imports/jobs/{jobId} — a queued or running import's progress, then its outcome
 * (TImportJobView). 404 when the id is unknown or the job expired (an hour after it finished).
 */
export async function GET(_request: Request, context: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await context.params;
  if (!ZJobId.safeParse(jobId).success) return apiError(404, "job_not_found", "No such import job.");
  const job = getImportJobs().get(jobId);
  if (!job) return apiError(404, "job_not_found", "This import job is no longer tracked (jobs are kept for an hour) — see the import history.");

  return apiJson(job);
}
