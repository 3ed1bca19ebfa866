import { getDb } from "@/lib/db";
import { getAnalysisStatus } from "@/lib/db/analysis/payer-settings";
import { apiError, apiJson } from "@/lib/http/api-error";
import { getCurrentOrganization } from "@/lib/organization-context";

export const dynamic = "force-dynamic";

/**
 * GET /api/settings/analysis-status — whether the current practice's numbers are up to date:
 * `{ organizationId, status: "idle" | "pending" | "running" | "failed", error, analyzedAt }`.
 * Polled by the "Numbers are being recomputed" notice.
 */
export async function GET() {
  const organization = await getCurrentOrganization();
  if (!organization) return apiError(404, "organization_not_found", "No practice yet — import sessions and claims first.");
  const { db } = getDb();
  const status = await getAnalysisStatus(db, organization.id);
  if (!status) return apiError(404, "organization_not_found", "That practice does not exist (any more) — reload the page.");

  return apiJson({ organizationId: organization.id, status: status.status, error: status.error, analyzedAt: status.analyzedAt });
}
