import { z } from "zod";
import { requireApiAccess, requireApiUser } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { IMPORT_KINDS } from "@/lib/db";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";
import { getImportJobs, ImportJobError } from "@/lib/import/import-jobs";

export const dynamic = "force-dynamic";

const ZMappingRequest = z.object({
  organizationId: z.string().trim().min(1).max(64),
  kind: z.enum(IMPORT_KINDS),
  sourceName: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => (value ? value : undefined)),
  /** canonical column → header of the file */
  mapping: z
    .record(z.string().regex(/^[a-z0-9_]{1,64}$/, "canonical column names are snake_case"), z.string().trim().min(1).max(200))
    .refine((mapping) => Object.keys(mapping).length > 0, "choose at least one column")
    .refine((mapping) => Object.keys(mapping).length <= 100, "too many columns"),
});

/**
 * POST /api/imports/jobs/{jobId}/mapping — `{ organizationId, kind, mapping, sourceName? }`.
 * Re-runs a job that ended in `needs_mapping` on the same uploaded file with the column mapping
 * (the pipeline saves it for the organization + source + kind when the import succeeds).
 * `organizationId` must be one of the user's practices with imports.create, and the job must
 * have been started for it (else 404, as for any unknown job).
 * 202 with the new job; 404 when the upload is gone; 409 when the job does not need a mapping.
 */
export const POST = withInternalErrors("POST /api/imports/jobs/[jobId]/mapping", async function POST(request: Request, context: { params: Promise<{ jobId: string }> }) {
  const refused = refuseForeignRequest(request, { bodyTypes: ["application/json"] });
  if (refused) return refused;
  const user = await requireApiUser();
  if (user instanceof Response) return user;
  const { jobId } = await context.params;
  if (!z.uuid().safeParse(jobId).success) return apiError(404, "job_not_found", "No such import job.");
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return apiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = ZMappingRequest.safeParse(body);
  if (!parsed.success) return apiValidationError(parsed.error, "column mapping");
  const access = await requireApiAccess("imports.create", { organizationId: parsed.data.organizationId });
  if (access instanceof Response) return access;

  try {
    const job = getImportJobs().retryWithMapping(jobId, access.organization.id, {
      kind: parsed.data.kind,
      mapping: parsed.data.mapping,
      ...(parsed.data.sourceName ? { sourceName: parsed.data.sourceName } : {}),
    });

    return apiJson(job, 202);
  } catch (error) {
    if (error instanceof ImportJobError) return apiError(error.code === "job_not_found" ? 404 : 409, error.code, error.message);
    throw error;
  }
});
