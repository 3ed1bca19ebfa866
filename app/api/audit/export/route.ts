import type { NextRequest } from "next/server";
import { requireApiAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { refuseForeignRequest } from "@/lib/auth/route";
import { AUDIT_CSV_HEADER, parseAuditQuery, toAuditCsvLine, toAuditFilter } from "@/lib/audit/audit-query";
import { getDb } from "@/lib/db";
import { iterateAuditEvents, recordAuditEvent } from "@/lib/db/audit-events";

export const dynamic = "force-dynamic";

/**
 * GET /api/audit/export?user=&action=&from=&to= — the current practice's audit trail under the
 * Audit screen's filter as CSV, newest first, streamed in keyset batches; every cell neutralized
 * against formula injection. Needs audit.view (owners). The export itself is an `audit.exported`
 * event, written before the rows are read so that the file shows it when its filter matches.
 */
export async function GET(request: NextRequest) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("audit.view");
  if (access instanceof Response) return access;
  const { organization } = access;
  const { db } = getDb();
  const { page: _page, ...query } = parseAuditQuery(request.nextUrl.searchParams);
  await recordAuditEvent(db, { ...(await auditActor(access)), organizationId: organization.id, action: "audit.exported", subjectType: "organization", subjectId: organization.id, detail: { filters: query } });

  const encoder = new TextEncoder();
  const batches = iterateAuditEvents(db, toAuditFilter({ ...query, page: 1 }, organization.id, organization.timeZone));
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // BOM so Excel reads UTF-8; then the header.
      controller.enqueue(encoder.encode(`\uFEFF${AUDIT_CSV_HEADER.join(",")}\r\n`));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value.map((row) => toAuditCsvLine(row, organization.timeZone)).join("\r\n") + "\r\n"));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);

  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${organization.slug}-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
