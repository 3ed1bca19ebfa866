import { cookies } from "next/headers";
import { ORGANIZATION_COOKIE, requireApiAccess } from "@/lib/auth/access";
import { refuseForeignRequest } from "@/lib/auth/route";
import { describeDatabaseError, getDb } from "@/lib/db";
import { clearDemoData } from "@/lib/demo/clear-demo";
import { getEnv } from "@/lib/env";
import { apiError, apiJson } from "@/lib/http/api-error";

export const dynamic = "force-dynamic";

/**
 * DELETE /api/demo — deletes the demo practice (every organization marked isDemo, with all its
 * rows) and remembers it, so the next start does not load the demo again. The demo files stay in
 * data/demo. Owners only (demo.clear in their current practice). 200 `{ deleted }` (0 when there
 * was none).
 */
export async function DELETE(request: Request) {
  const refused = refuseForeignRequest(request);
  if (refused) return refused;
  const access = await requireApiAccess("demo.clear");
  if (access instanceof Response) return access;

  const { db, target } = getDb();
  try {
    const deleted = await clearDemoData(db, getEnv().dataDir);
    (await cookies()).delete(ORGANIZATION_COOKIE);

    return apiJson({ deleted });
  } catch (error) {
    console.error("clearing the demo data failed:", error);

    return apiError(500, "demo_clear_failed", `Could not clear the demo data — ${describeDatabaseError(error, target)}`);
  }
}
