import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "../client";
import { readRuleSettings, type TRuleSettings } from "./rule-options";

export type TAnalysisStatus = { status: string; error: string | null; analyzedAt: Date | null };

export type TOrganizationSettings = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  setting: "facility" | "professional";
  weekStartsOn: number;
  timelyFilingDays: number;
  /** Days an upload may be kept at most (0: deleted as soon as its import ends). */
  uploadRetentionDays: number;
  rules: TRuleSettings;
  isDemo: boolean;
  analysis: TAnalysisStatus;
  /** The published analysis version (lib/db/analysis/analysis-version.ts): what this request's analysis reads see. */
  analysisVersion: number;
};

/** An organization's editable settings, rule options resolved against the defaults; null when unknown. */
export async function getOrganizationSettings(db: Db, organizationId: string): Promise<TOrganizationSettings | null> {
  const row = await db.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      name: true,
      slug: true,
      timeZone: true,
      setting: true,
      weekStartsOn: true,
      timelyFilingDays: true,
      uploadRetentionDays: true,
      ruleSettings: true,
      isDemo: true,
      analysisStatus: true,
      analysisError: true,
      analyzedAt: true,
      analysisVersion: true,
    },
  });
  if (!row) return null;

  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.timeZone,
    setting: row.setting === "professional" ? "professional" : "facility",
    weekStartsOn: row.weekStartsOn,
    timelyFilingDays: row.timelyFilingDays,
    uploadRetentionDays: row.uploadRetentionDays,
    rules: readRuleSettings(row.ruleSettings),
    isDemo: row.isDemo,
    analysis: { status: row.analysisStatus, error: row.analysisError, analyzedAt: row.analyzedAt },
    analysisVersion: row.analysisVersion,
  };
}

export type TOrganizationProfileInput = {
  name: string;
  timeZone: string;
  setting: "facility" | "professional";
  weekStartsOn: number;
  timelyFilingDays: number;
  /** Absent: unchanged. */
  uploadRetentionDays?: number;
};

/** Field → [before, after] for the fields that changed (what the audit log records). */
export type TChanges = Record<string, [unknown, unknown]>;

function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): TChanges {
  const changes: TChanges = {};
  for (const [key, value] of Object.entries(after)) {
    if (value !== undefined && JSON.stringify(before[key]) !== JSON.stringify(value)) changes[key] = [before[key], value];
  }

  return changes;
}

/** Saves the organization's profile; returns what changed (empty when nothing did). Validation is the caller's (zod). */
export async function updateOrganizationProfile(db: Db, organizationId: string, input: TOrganizationProfileInput): Promise<TChanges> {
  const before = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { name: true, timeZone: true, setting: true, weekStartsOn: true, timelyFilingDays: true, uploadRetentionDays: true },
  });
  const changes = diff(before, input);
  if (Object.keys(changes).length > 0) await db.organization.update({ where: { id: organizationId }, data: input });

  return changes;
}

/** Saves the full set of rule options as Organization.ruleSettings; returns what changed. */
export async function updateRuleSettings(db: Db, organizationId: string, rules: TRuleSettings): Promise<TChanges> {
  const row = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { ruleSettings: true } });
  const changes = diff(readRuleSettings(row.ruleSettings), rules);
  if (Object.keys(changes).length > 0) {
    await db.organization.update({ where: { id: organizationId }, data: { ruleSettings: rules as unknown as Prisma.InputJsonValue } });
  }

  return changes;
}
