import { cookies } from "next/headers";
import { ORGANIZATION_COOKIE, requireApiAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { refuseForeignRequest } from "@/lib/auth/route";
import { getDb, recordAuditEvent } from "@/lib/db";
import { clearDemoData } from "@/lib/demo/clear-demo";
import { getEnv } from "@/lib/env";
import { apiJson, internalError, withInternalErrors } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

/**
 * DELETE /api/demo — deletes the demo practice (every organization marked isDemo, with all its
 * rows) and remembers it, so the next start does not load the demo again. The demo files stay in
 * data/demo. Owners only (demo.clear in their current practice). 200 `{ deleted }` (0 when there
 * was none).
 */
export const DELETE = withInternalErrors("DELETE /api/demo", async function DELETE(request: Request) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("demo.clear");
  if (access instanceof Response) return access;

  const { db } = getDb();
  try {
    const deleted = await clearDemoData(db, getEnv().dataDir);
    // The demo practice is gone with its rows; the event names the practice it was cleared from.
    await recordAuditEvent(db, { ...(await auditActor(access)), organizationId: access.organization.id, action: "demo.cleared", subjectType: "organization", subjectId: access.organization.id, detail: { practicesDeleted: deleted } });
    (await cookies()).delete(ORGANIZATION_COOKIE);

    return apiJson({ deleted });
  } catch (error) {
    return internalError(error, "DELETE /api/demo: clearing the demo data");
  }
});
