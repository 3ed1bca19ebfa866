import { requireApiAccess } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { getDb } from "@/lib/db";
import { getAnalysisStatus } from "@/lib/db/analysis/payer-settings";
import { apiError, apiJson, withInternalErrors } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

/**
 * GET /api/settings/analysis-status — whether the current practice's numbers are up to date:
 * `{ organizationId, status: "idle" | "pending" | "running" | "failed", error, analyzedAt }`.
 * Polled by the "Numbers are being recomputed" notice.
 */
export const GET = withInternalErrors("GET /api/settings/analysis-status", async function GET(request: Request) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("dashboard.view");
  if (access instanceof Response) return access;
  const { organization } = access;
  const status = await getAnalysisStatus(getDb().db, organization.id);
  if (!status) return apiError(404, "organization_not_found", "That practice does not exist (any more) — reload the page.");

  return apiJson({ organizationId: organization.id, status: status.status, error: status.error, analyzedAt: status.analyzedAt });
});
