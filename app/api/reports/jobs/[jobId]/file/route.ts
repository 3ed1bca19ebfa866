import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import { requireApiUser } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { refuseForeignRequest } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { apiError, withInternalErrors } from "@/lib/http/api-error";
import { reportJobOf } from "@/lib/report/report-job-request";
import { getReportJobs, REPORT_CONTENT_TYPES } from "@/lib/report/report-jobs";

export const dynamic = "force-dynamic";

/**
 * GET /api/reports/jobs/{jobId}/file — the finished report as an attachment (PDF, HTML or Excel),
 * for the user who built it while they may still build reports in its practice. Each download is
 * an audit event `reports.downloaded`.
 */
export const GET = withInternalErrors("GET /api/reports/jobs/[jobId]/file", async function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiUser();
  if (access instanceof Response) return access;
  const checked = await reportJobOf(access, context.params);
  if (checked instanceof Response) return checked;
  const { jobId } = checked;
  const file = getReportJobs().file(jobId, checked.scope);
  if (!file) return apiError(404, "job_not_found", "This report is not ready or no longer kept (reports are kept for an hour) — build it again.");
  let size: number;
  try {
    size = (await stat(file.filePath)).size;
  } catch {
    return apiError(404, "job_not_found", "This report's file is gone (the server restarted) — build it again.");
  }

  await recordAuditEvent(getDb().db, {
    ...(await auditActor(access)),
    organizationId: file.organizationId,
    action: "reports.downloaded",
    subjectType: "report",
    subjectId: jobId,
    detail: { format: file.format, deidentified: file.deidentified, bytes: size },
  });

  return new Response(Readable.toWeb(createReadStream(file.filePath)) as ReadableStream, {
    headers: {
      "Content-Type": REPORT_CONTENT_TYPES[file.format],
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
});
