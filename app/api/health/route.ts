import { checkDatabaseHealth } from "@/lib/db";
import { isConfigError } from "@/lib/config-error";

export const dynamic = "force-dynamic";

/** Liveness and database check: 200 `{status:"ok", database:{provider, ok:true}}`, else 503 with a message. */
export async function GET() {
  try {
    const health = await checkDatabaseHealth();
    if (health.ok) {
      return Response.json(
        { status: "ok", database: { provider: health.provider, ok: true, latencyMs: health.latencyMs } },
        { headers: { "Cache-Control": "no-store" } },
      );
    }

    return Response.json(
      { status: "error", database: { provider: health.provider, ok: false, message: health.message } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    const message = isConfigError(error) ? error.message : "The database is not available.";

    return Response.json({ status: "error", database: { ok: false, message } }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
