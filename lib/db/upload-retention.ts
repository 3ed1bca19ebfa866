import type { Db } from "./client";

/** Days an upload may be kept when the practice has not chosen (Organization.uploadRetentionDays' default). */
export const DEFAULT_UPLOAD_RETENTION_DAYS = 7;

/** Each practice's upload retention in days; practices that no longer exist are left out. */
export async function getUploadRetentionDays(db: Db, organizationIds: readonly string[]): Promise<Map<string, number>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await db.organization.findMany({ where: { id: { in: [...new Set(organizationIds)] } }, select: { id: true, uploadRetentionDays: true } });

  return new Map(rows.map((row) => [row.id, row.uploadRetentionDays]));
}
