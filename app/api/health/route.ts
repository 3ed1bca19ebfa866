import { checkDatabaseHealth } from "@/lib/db";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Liveness and database check, open to anyone (no session): 200 `{status:"ok"}`, else 503
 * `{status:"error"}`. The reason goes to the server log only — provider, latency and database
 * messages tell an outsider about the install.
 */
export async function GET() {
  try {
    const health = await checkDatabaseHealth();
    if (health.ok) return Response.json({ status: "ok" }, { headers: NO_STORE });
    console.error(`DripAudit health check: the ${health.provider} database is not available — ${health.message}`);
  } catch (error) {
    console.error(`DripAudit health check failed — ${error instanceof Error ? error.message.split("\n")[0] : "unknown error"}`);
  }

  return Response.json({ status: "error" }, { status: 503, headers: NO_STORE });
}
