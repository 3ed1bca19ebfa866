/**
 * Process entry that finishes analyses a killed server left unfinished (spawned by
 * lib/server/start.mjs under tsx, like the demo loader, once the demo loader has exited so the
 * two never recompute the same practice). argv: the ids of the organizations that the start
 * recovery set back to `pending`. Each is recomputed in full, one after the other, unless it is
 * gone (a cleared or reloaded demo) or no longer pending (the server already ran it). Exits 0, or
 * 1 when a recompute failed (its analysisError says why; the app keeps running).
 */
import { scheduleRecompute } from "@/lib/analysis/recompute-triggers";
import { getDb } from "@/lib/db";
import { getAnalysisStatus } from "@/lib/db/analysis";

async function main(organizationIds: readonly string[]): Promise<number> {
  const { db } = getDb();
  let failures = 0;
  for (const organizationId of organizationIds) {
    const status = await getAnalysisStatus(db, organizationId);
    if (status?.status !== "pending") continue;
    try {
      const result = await scheduleRecompute(organizationId, { weeks: "all" }).done;
      console.log(`DripAudit: resumed the interrupted analysis of practice ${organizationId} — ${result.findings.toLocaleString("en-US")} findings.`);
    } catch {
      // scheduleRecompute's error handler has logged it and the practice shows the failure.
      failures++;
    }
  }
  await db.$disconnect();

  return failures > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`DripAudit: resuming interrupted analyses failed — ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
