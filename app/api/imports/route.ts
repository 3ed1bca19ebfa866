import { z } from "zod";
import { requireApiAccess } from "@/lib/auth/access";
import { requestAddress } from "@/lib/auth/request-address";
import { refuseForeignRequest } from "@/lib/auth/route";
import { IMPORT_KINDS } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { apiError, apiJson, apiValidationError, withInternalErrors } from "@/lib/http/api-error";
import { getImportJobs, sweepAppUploads } from "@/lib/import/import-jobs";
import { getUploadsDir, isUploadError, saveUpload, uploadTooLargeMessage } from "@/lib/import/save-upload";

export const dynamic = "force-dynamic";

/** The body is the raw file, as components/imports/upload-file.ts sends it (a multipart body would be stored with its boundaries). */
const UPLOAD_BODY_TYPES = ["application/octet-stream"];

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value ? value : undefined));

/**
 * Upload metadata travels in headers (the body is the raw file, streamed). Text headers are
 * URI-encoded by the client so that any file name survives.
 */
const ZUploadHeaders = z.object({
  fileName: z
    .string()
    .trim()
    .min(1, "a file name is required")
    .max(255, "the file name is too long")
    .refine((name) => !/[\u0000-\u001f]/.test(name), "the file name has control characters"),
  organizationId: optionalText(64),
  sourceName: optionalText(100),
  kind: z.enum(IMPORT_KINDS).optional(),
});

function decodeHeader(request: Request, name: string): string | undefined {
  const value = request.headers.get(name);
  if (value === null) return undefined;

  return decodeURIComponent(value);
}

/**
 * POST /api/imports — the body is one file (application/octet-stream), streamed to a temp file
 * under the data folder, never buffered whole. Headers: `X-File-Name` (required), `X-Organization-Id`
 * (default: the current practice; must be one of the user's practices, else 404),
 * `X-Source-Name`, `X-Import-Kind` (default: detected). Needs imports.create in that practice.
 * The proxy does not see this route (it would buffer the body), so the checks here are the only ones.
 * 202 `{ jobId, … }` once the file is stored and its import queued; poll
 * GET /api/imports/jobs/{jobId}. 413 above DRIPAUDIT_MAX_UPLOAD_MB, 400 for an empty body,
 * 404 when the user has no such practice, 422 for bad headers.
 */
export const POST = withInternalErrors("POST /api/imports", async function POST(request: Request) {
  const refused = refuseForeignRequest(request, { bodyTypes: UPLOAD_BODY_TYPES });
  if (refused) return refused;
  let targetId: string | undefined;
  try {
    targetId = decodeHeader(request, "x-organization-id")?.trim() || undefined;
  } catch {
    return apiError(422, "invalid_input", "Invalid upload — the practice header is not URI-encoded.");
  }
  const access = await requireApiAccess("imports.create", { organizationId: targetId });
  if (access instanceof Response) return access;
  const { organization } = access;

  let headers: z.infer<typeof ZUploadHeaders>;
  try {
    const parsed = ZUploadHeaders.safeParse({
      fileName: decodeHeader(request, "x-file-name"),
      organizationId: decodeHeader(request, "x-organization-id"),
      sourceName: decodeHeader(request, "x-source-name"),
      kind: decodeHeader(request, "x-import-kind") || undefined,
    });
    if (!parsed.success) return apiValidationError(parsed.error, "upload");
    headers = parsed.data;
  } catch {
    return apiError(422, "invalid_input", "Invalid upload — the file name or source header is not URI-encoded.");
  }

  const env = getEnv();
  const maxBytes = env.DRIPAUDIT_MAX_UPLOAD_MB * 1024 * 1024;
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) return apiError(413, "upload_too_large", uploadTooLargeMessage(maxBytes));
  if (declared === "0") return apiError(400, "empty_file", "The file is empty — choose a file with data in it.");

  const uploadsDir = getUploadsDir(env.dataDir);
  const jobs = getImportJobs();

  let saved: { filePath: string; bytes: number };
  try {
    saved = await saveUpload(request.body, { uploadsDir, maxBytes });
  } catch (error) {
    if (isUploadError(error)) return apiError(error.status, error.code, error.message);
    throw error;
  }

  // Only the base name is kept: browsers send one, but a hand-made request might send a path.
  const fileName = headers.fileName.split(/[\\/]/).pop() || "upload";
  const job = jobs.start({
    organizationId: organization.id,
    userId: access.user.id,
    address: requestAddress(request),
    filePath: saved.filePath,
    fileName,
    bytesTotal: saved.bytes,
    ...(headers.sourceName ? { sourceName: headers.sourceName } : {}),
    ...(headers.kind ? { kind: headers.kind } : {}),
  });
  // Upload retention (lib/import/upload-retention.ts): kept uploads past their practice's period, and left-over ones.
  void sweepAppUploads();

  return apiJson(job, 202);
});
