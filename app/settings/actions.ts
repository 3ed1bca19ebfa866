"use server";

import { Readable } from "node:stream";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { scheduleRecompute } from "@/lib/analysis/recompute-triggers";
import { isActionDenied, requireActionAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { setPayerTimelyFilingDays } from "@/lib/db/analysis/payer-settings";
import { auditActor } from "@/lib/auth/audit-context";
import { recordAuditEvent, type TAuditActor } from "@/lib/db/audit-events";
import {
  deleteDrugCatalogEntry,
  deleteFeeScheduleRate,
  saveDrugCatalogEntries,
  saveFeeScheduleRates,
  updateDrugCatalogEntry,
  updateFeeScheduleRate,
  updateOrganizationProfile,
  updateRuleSettings,
  ZRuleSettings,
  RULE_OPTIONS,
  type TChanges,
} from "@/lib/db/settings";
import { parseCents } from "@/lib/import/claims/parse-cents";
import { isImportFileError } from "@/lib/import/import-file-error";
import { readDrugCatalog } from "@/lib/import/read-drug-catalog";
import { readFeeSchedule } from "@/lib/import/read-fee-schedule";
import { isValidTimeZone } from "@/lib/time-zones";
import type { TSettingsActionState } from "@/components/settings/settings-action-state";

/** Largest CSV the Settings page takes (bigger reference files go through the Imports page). */
const MAX_UPLOAD_BYTES = 900 * 1024;
const MAX_ROW_ERRORS_SHOWN = 50;

/** Who changes what where: the checked current practice and the signed-in user with their address (for the audit trail). */
type TActor = { id: string; audit: TAuditActor };

/**
 * Every action starts here: a signed-in member of the current practice whose role allows
 * `action` (practice.edit: owner; rules.edit: owner, billing, consultant), else the refusal as
 * the form's state. The practice comes from the checked membership, never from the form.
 */
async function requireActor(action: "rules.edit" | "practice.edit"): Promise<TActor | TSettingsActionState> {
  const access = await requireActionAccess(action);
  if (isActionDenied(access)) return access;

  return { id: access.organization.id, audit: await auditActor(access) };
}

function isState(value: TActor | TSettingsActionState): value is TSettingsActionState {
  return "ok" in value;
}

/** Field errors from zod, first message per field. */
function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }

  return errors;
}

/** Writes the audit row, queues the recompute (numbers change) and refreshes the pages that show them. */
async function afterChange(actor: TActor, action: string, detail: Record<string, unknown>, affectsNumbers: boolean): Promise<boolean> {
  const { db } = getDb();
  const organizationId = actor.id;
  await recordAuditEvent(db, { ...actor.audit, organizationId, action, subjectType: "organization", subjectId: organizationId, detail });
  if (affectsNumbers) scheduleRecompute(organizationId);
  revalidatePath("/settings");
  if (affectsNumbers) {
    revalidatePath("/");
    revalidatePath("/findings");
  }

  return affectsNumbers;
}

const ZOrganizationForm = z.object({
  name: z.string().trim().min(1, "Enter the practice name").max(120, "Use at most 120 characters"),
  timeZone: z
    .string()
    .trim()
    .refine(isValidTimeZone, "Enter an IANA time zone such as America/New_York"),
  setting: z.enum(["facility", "professional"], { error: "Choose facility or professional" }),
  weekStartsOn: z.coerce.number().int().min(0, "Choose a day").max(6, "Choose a day"),
  timelyFilingDays: z.coerce
    .number({ error: "Enter a number of days from 1 to 3650" })
    .int("Enter whole days")
    .min(1, "Enter a number of days from 1 to 3650")
    .max(3650, "Enter a number of days from 1 to 3650"),
  /** Absent (a form without the field): unchanged. */
  uploadRetentionDays: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, "Enter a number of days from 0 to 365")
    .transform(Number)
    .refine((days) => days <= 365, "Enter a number of days from 0 to 365")
    .optional(),
});

/** Saves name, time zone, setting, week start and the default timely-filing window. */
export async function saveOrganizationAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("practice.edit");
  if (isState(organization)) return organization;
  const parsed = ZOrganizationForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrors(parsed.error) };

  const { db } = getDb();
  const changes = await updateOrganizationProfile(db, organization.id, parsed.data);
  if (Object.keys(changes).length === 0) return { ok: true, message: "Nothing changed." };
  const affectsNumbers = ["setting", "weekStartsOn", "timelyFilingDays"].some((key) => key in changes);
  const recomputing = await afterChange(organization, "settings.organization.updated", { changes }, affectsNumbers);

  return { ok: true, message: `Saved ${describeChanges(changes)}.`, recomputing };
}

function describeChanges(changes: TChanges): string {
  const labels: Record<string, string> = {
    name: "the name",
    timeZone: "the time zone",
    setting: "the setting",
    weekStartsOn: "the week start",
    timelyFilingDays: "the timely-filing window",
    uploadRetentionDays: "the upload retention",
  };
  const option = (key: string) => RULE_OPTIONS.find((candidate) => candidate.key === key)?.label.toLowerCase();

  return Object.keys(changes)
    .map((key) => labels[key] ?? option(key) ?? key)
    .join(", ");
}

/** Saves every rule option (Organization.ruleSettings) and recomputes when one changed. */
export async function saveRulesAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const raw: Record<string, unknown> = {};
  for (const option of RULE_OPTIONS) {
    raw[option.key] = option.kind === "boolean" ? formData.get(option.key) === "on" : formData.get(option.key);
  }
  const parsed = ZRuleSettings.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "Check the highlighted rule options.", fieldErrors: fieldErrors(parsed.error) };

  const { db } = getDb();
  const changes = await updateRuleSettings(db, organization.id, parsed.data);
  if (Object.keys(changes).length === 0) return { ok: true, message: "Nothing changed." };
  await afterChange(organization, "settings.rules.updated", { changes }, true);

  return { ok: true, message: `Saved ${describeChanges(changes)}.`, recomputing: true };
}

const ZPayerFiling = z.object({
  payer: z.string().trim().min(1, "Enter the payer name as it appears on claims").max(120, "Use at most 120 characters"),
  timelyFilingDays: z.coerce
    .number({ error: "Enter a number of days from 1 to 3650" })
    .int("Enter whole days")
    .min(1, "Enter a number of days from 1 to 3650")
    .max(3650, "Enter a number of days from 1 to 3650"),
});

/** Sets one payer's timely-filing window. */
export async function savePayerFilingAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const parsed = ZPayerFiling.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrors(parsed.error) };
  const { db } = getDb();
  await setPayerTimelyFilingDays(db, organization.id, parsed.data.payer, parsed.data.timelyFilingDays);
  await afterChange(organization, "settings.payer_filing.updated", { payer: parsed.data.payer, timelyFilingDays: parsed.data.timelyFilingDays }, true);

  return { ok: true, message: `${parsed.data.payer}: ${parsed.data.timelyFilingDays} days.`, recomputing: true };
}

/** Removes a payer's own window (the practice default applies again). */
export async function deletePayerFilingAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const payer = z.string().trim().min(1).max(120).safeParse(formData.get("payer"));
  if (!payer.success) return { ok: false, message: "Unknown payer." };
  const { db } = getDb();
  await setPayerTimelyFilingDays(db, organization.id, payer.data, null);
  await afterChange(organization, "settings.payer_filing.deleted", { payer: payer.data }, true);

  return { ok: true, message: `${payer.data} now uses the practice default.`, recomputing: true };
}

async function readUpload(formData: FormData): Promise<{ source: Readable; name: string } | TSettingsActionState> {
  const file = formData.get("file");
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: "Choose a CSV file first.", fieldErrors: { file: "Choose a CSV file" } };
  if (file.size > MAX_UPLOAD_BYTES) {
    return { ok: false, message: "That file is larger than 900 KB — import it on the Imports page instead.", fieldErrors: { file: "File too large" } };
  }

  // A string source would be read as a file path by the CSV reader: hand it a stream of the bytes.
  return { source: Readable.from([Buffer.from(await file.arrayBuffer())]), name: file.name };
}

function rowErrorsOf(errors: readonly { line: number; column?: string; message: string }[]): TSettingsActionState["rowErrors"] {
  return errors.slice(0, MAX_ROW_ERRORS_SHOWN).map((error) => ({ line: error.line, column: error.column ?? null, message: error.message }));
}

function summary(saved: number, errors: number, replaced: number): string {
  const parts = [`${saved} ${saved === 1 ? "row" : "rows"} saved`];
  if (replaced) parts.push(`${replaced} replaced`);
  if (errors) parts.push(`${errors} ${errors === 1 ? "row" : "rows"} skipped (see below)`);

  return `${parts.join(", ")}.`;
}

/** Uploads a fee schedule CSV (spec §3.5) through the import reader; bad rows are listed, good ones saved. */
export async function uploadFeeScheduleAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const upload = await readUpload(formData);
  if ("ok" in upload) return upload;
  try {
    const result = await readFeeSchedule(upload.source, { label: upload.name });
    const { db } = getDb();
    const saved = result.rates.length ? await saveFeeScheduleRates(db, organization.id, result.rates) : { rows: 0, replaced: 0 };
    const recomputing = saved.rows > 0;
    if (recomputing) await afterChange(organization, "settings.fee_schedule.uploaded", { fileName: upload.name, rows: saved.rows, replaced: saved.replaced, errors: result.errors.length }, true);

    return {
      ok: saved.rows > 0 || result.errors.length === 0,
      message: summary(saved.rows, result.errors.length, saved.replaced),
      rowErrors: rowErrorsOf(result.errors),
      recomputing,
    };
  } catch (error) {
    if (isImportFileError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

/** Uploads drug catalog overrides (spec §3.6) through the import reader. */
export async function uploadDrugCatalogAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const upload = await readUpload(formData);
  if ("ok" in upload) return upload;
  try {
    const result = await readDrugCatalog(upload.source, { label: upload.name });
    const { db } = getDb();
    const saved = result.entries.length ? await saveDrugCatalogEntries(db, organization.id, result.entries) : { rows: 0, replaced: 0 };
    const recomputing = saved.rows > 0;
    if (recomputing) await afterChange(organization, "settings.drug_catalog.uploaded", { fileName: upload.name, rows: saved.rows, replaced: saved.replaced, errors: result.errors.length }, true);

    return {
      ok: saved.rows > 0 || result.errors.length === 0,
      message: summary(saved.rows, result.errors.length, saved.replaced),
      rowErrors: rowErrorsOf(result.errors),
      recomputing,
    };
  } catch (error) {
    if (isImportFileError(error)) return { ok: false, message: error.message };
    throw error;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const ZFeeRate = z
  .object({
    id: z.coerce.number().int().positive(),
    payer: z.string().trim().min(1, "Enter a payer or *").max(120),
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,7}$/, "Enter a CPT/HCPCS code"),
    rate: z.string().trim().refine((value) => {
      const cents = parseCents(value);
      return cents !== undefined && cents >= 0;
    }, "Enter a dollar amount"),
    effectiveFrom: z.string().trim().regex(ISO_DATE, "Enter a date"),
    effectiveTo: z
      .string()
      .trim()
      .refine((value) => value === "" || ISO_DATE.test(value), "Enter a date or leave empty"),
  })
  .refine((value) => !value.effectiveTo || value.effectiveTo >= value.effectiveFrom, { message: "Ends before it starts", path: ["effectiveTo"] });

/** Edits one fee schedule rate in place. */
export async function updateFeeRateAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const parsed = ZFeeRate.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrors(parsed.error) };
  const { db } = getDb();
  const updated = await updateFeeScheduleRate(db, organization.id, parsed.data.id, {
    payer: parsed.data.payer,
    code: parsed.data.code,
    rateCents: parseCents(parsed.data.rate) ?? 0,
    effectiveFrom: parsed.data.effectiveFrom,
    effectiveTo: parsed.data.effectiveTo || null,
  });
  if (!updated) return { ok: false, message: "That rate no longer exists — reload the page." };
  await afterChange(organization, "settings.fee_schedule.rate_updated", { id: parsed.data.id, before: updated.before, after: updated.after }, true);

  return { ok: true, message: "Rate saved.", recomputing: true };
}

/** Deletes one fee schedule rate. */
export async function deleteFeeRateAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const id = z.coerce.number().int().positive().safeParse(formData.get("id"));
  if (!id.success) return { ok: false, message: "Unknown rate." };
  const { db } = getDb();
  const deleted = await deleteFeeScheduleRate(db, organization.id, id.data);
  if (!deleted) return { ok: false, message: "That rate no longer exists — reload the page." };
  await afterChange(organization, "settings.fee_schedule.rate_deleted", { rate: deleted }, true);

  return { ok: true, message: `Deleted the ${deleted.payer} rate for ${deleted.code}.`, recomputing: true };
}

const ZDrugEntry = z
  .object({
    id: z.coerce.number().int().positive(),
    hcpcs: z
      .string()
      .trim()
      .toUpperCase()
      .refine((value) => value === "" || /^[A-Z0-9]{4,7}$/.test(value), "Enter a HCPCS code or leave empty"),
    drug: z.string().trim().max(120),
    category: z.enum(["chemo", "therapeutic", "hydration"], { error: "Choose a category" }),
  })
  .refine((value) => value.hcpcs !== "" || value.drug !== "", { message: "Enter a HCPCS code or a drug name", path: ["hcpcs"] });

/** Edits one drug catalog override. */
export async function updateDrugAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const parsed = ZDrugEntry.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrors(parsed.error) };
  const { db } = getDb();
  const updated = await updateDrugCatalogEntry(db, organization.id, parsed.data.id, {
    hcpcs: parsed.data.hcpcs || null,
    drug: parsed.data.drug || null,
    category: parsed.data.category,
  });
  if (!updated) return { ok: false, message: "That entry no longer exists — reload the page." };
  await afterChange(organization, "settings.drug_catalog.entry_updated", { id: parsed.data.id, before: updated.before, after: updated.after }, true);

  return { ok: true, message: "Entry saved.", recomputing: true };
}

/** Deletes one drug catalog override (the built-in catalog applies again). */
export async function deleteDrugAction(_previous: TSettingsActionState, formData: FormData): Promise<TSettingsActionState> {
  const organization = await requireActor("rules.edit");
  if (isState(organization)) return organization;
  const id = z.coerce.number().int().positive().safeParse(formData.get("id"));
  if (!id.success) return { ok: false, message: "Unknown entry." };
  const { db } = getDb();
  const deleted = await deleteDrugCatalogEntry(db, organization.id, id.data);
  if (!deleted) return { ok: false, message: "That entry no longer exists — reload the page." };
  await afterChange(organization, "settings.drug_catalog.entry_deleted", { entry: deleted }, true);

  return { ok: true, message: "Entry deleted.", recomputing: true };
}
