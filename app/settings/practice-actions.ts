"use server";

import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isActionDenied, ORGANIZATION_COOKIE, requireActionAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { getDb } from "@/lib/db";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { deletePracticeData } from "@/lib/db/practice-deletion";
import { demoClearedMarker } from "@/lib/demo/demo-files";
import { getEnv } from "@/lib/env";
import { getImportJobs } from "@/lib/import/import-jobs";
import type { TSettingsActionState } from "@/components/settings/settings-action-state";

/**
 * Deletes all of the current practice's data (owners only), once the owner has typed the
 * practice's name exactly; its audit trail stays. Then the practice cookie is cleared and the
 * owner lands on the overview of another practice, or the empty state.
 */
export async function deletePracticeAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const access = await requireActionAccess("practice.delete");
  if (isActionDenied(access)) return access;
  const { id: organizationId, name, isDemo } = access.organization;
  const confirmation = formData.get("confirmation");
  if (confirmation !== name) {
    return { ok: false, message: "The name you typed does not match — type the practice's name exactly as shown to delete it.", fieldErrors: { confirmation: "Type the practice's name exactly" } };
  }

  const { db } = getDb();
  const actor = await auditActor();
  const result = await deletePracticeData(db, organizationId);
  if (!result.deleted) return { ok: false, message: "This practice was already deleted — reload the page." };
  await recordAuditEvent(db, { ...actor, organizationId, action: "practice.deleted", subjectType: "organization", subjectId: organizationId, detail: { rows: result.rows } });

  // Uploads a finished job kept for a column mapping hold the practice's PHI; a queued or running
  // import keeps its file until it ends, which it does at once now that the practice is gone.
  const jobs = getImportJobs();
  for (const upload of jobs.heldUploads()) if (upload.organizationId === organizationId) jobs.expireUpload(upload.filePath);
  // A deleted demo practice must not come back on the next start (as after clearing the demo).
  if (isDemo) {
    const marker = demoClearedMarker(getEnv().dataDir);
    mkdirSync(path.dirname(marker), { recursive: true });
    writeFileSync(marker, `Demo practice deleted at ${new Date().toISOString()}. Delete this file to load the demo again on an empty database.\n`);
  }

  (await cookies()).delete(ORGANIZATION_COOKIE);
  revalidatePath("/", "layout");
  redirect("/");
}
