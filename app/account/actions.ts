"use server";

import { revalidatePath } from "next/cache";
import { getAccess } from "@/lib/auth/access";
import { auditActor } from "@/lib/auth/audit-context";
import { getDb } from "@/lib/db";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { saveReportBranding } from "@/lib/db/users";
import { checkReportBranding } from "@/lib/report/report-branding";
import type { TSettingsActionState } from "@/components/settings/settings-action-state";

/** Saves the signed-in user's "prepared by" branding (firm name, logo) for the reports they build. */
export async function saveReportBrandingAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const access = await getAccess();
  if (!access) return { ok: false, message: "Your session ended — sign in again to save the branding." };
  const logoFile = formData.get("logo");
  const logo = logoFile instanceof File && logoFile.size > 0 ? { bytes: new Uint8Array(await logoFile.arrayBuffer()), fileName: logoFile.name } : null;
  const checked = checkReportBranding({ firmName: String(formData.get("firmName") ?? ""), logo, removeLogo: formData.get("removeLogo") === "on" });
  if (!checked.ok) return { ok: false, message: checked.message, fieldErrors: { [checked.field]: checked.message } };

  const { db } = getDb();
  await saveReportBranding(db, access.user.id, { firmName: checked.firmName, logoDataUrl: checked.logoDataUrl });
  await recordAuditEvent(db, {
    ...(await auditActor(access)),
    organizationId: null,
    action: "account.report_branding_saved",
    subjectType: "user",
    subjectId: access.user.id,
    detail: { hasFirmName: checked.firmName !== null, logo: checked.logoDataUrl === undefined ? "kept" : checked.logoDataUrl === null ? "none" : "saved" },
  });
  revalidatePath("/account");

  return { ok: true, message: "Saved — your next reports show this on their cover." };
}
