import { requireApiAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { refuseForeignRequest } from "@/lib/auth/route";
import { getDb, recordAuditEvent } from "@/lib/db";
import { getImportBatch, streamImportErrorsCsv } from "@/lib/db/import";
import { apiError, withInternalErrors } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

/**
 * GET /api/imports/{batchId}/errors.csv — every row error and warning of one import of the current
 * practice (imports.export), streamed as CSV (cells neutralized against formula injection by the reader).
 * Raw rows are PHI: the download is written to the audit log. 404 for an unknown id or another
 * organization's import.
 */
export const GET = withInternalErrors("GET /api/imports/[batchId]/errors.csv", async function GET(request: Request, context: { params: Promise<{ batchId: string }> }) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("imports.export");
  if (access instanceof Response) return access;
  const { organization } = access;
  const { batchId: raw } = await context.params;
  if (!/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw))) return apiError(404, "import_not_found", "No such import.");
  const batchId = Number(raw);
  const batch = await getImportBatch(organization.id, batchId);
  if (!batch) return apiError(404, "import_not_found", "No such import in this practice.");

  await recordAuditEvent(getDb().db, {
    ...(await auditActor(access)),
    organizationId: organization.id,
    action: "import_errors.exported",
    subjectType: "ImportBatch",
    subjectId: String(batch.id),
    detail: { batchId: batch.id, fileName: batch.fileName },
  });

  const encoder = new TextEncoder();
  const chunks = streamImportErrorsCsv(organization.id, batch.id);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="import-${batch.id}-errors.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
