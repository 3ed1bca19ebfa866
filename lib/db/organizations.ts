import type { Db } from "./client";
import type { TMembershipRole } from "./types";

export type TOrganizationSummary = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  setting: string;
  isDemo: boolean;
  encounterCount: number;
  claimLineCount: number;
  lastImportAt: Date | null;
};

export type TOrganizationForUser = TOrganizationSummary & { role: TMembershipRole };

const summarySelect = {
  id: true,
  name: true,
  slug: true,
  timeZone: true,
  setting: true,
  isDemo: true,
  _count: { select: { encounters: true, claimLines: true } },
  importBatches: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
} as const;

type TSummaryRow = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  setting: string;
  isDemo: boolean;
  _count: { encounters: number; claimLines: number };
  importBatches: { createdAt: Date }[];
};

function toSummary(row: TSummaryRow): TOrganizationSummary {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    timeZone: row.timeZone,
    setting: row.setting,
    isDemo: row.isDemo,
    encounterCount: row._count.encounters,
    claimLineCount: row._count.claimLines,
    lastImportAt: row.importBatches[0]?.createdAt ?? null,
  };
}

/** The organizations a user is a member of, with their role, by name. */
export async function listOrganizationsForUser(db: Db, userId: string): Promise<TOrganizationForUser[]> {
  const memberships = await db.membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: summarySelect } },
    orderBy: { organization: { name: "asc" } },
  });

  return memberships.map((membership) => ({
    ...toSummary(membership.organization),
    role: membership.role as TMembershipRole,
  }));
}

/** One organization by slug, only if the user is a member of it (else null). */
export async function getOrganizationForUser(db: Db, userId: string, slug: string): Promise<TOrganizationForUser | null> {
  const membership = await db.membership.findFirst({
    where: { userId, organization: { slug } },
    select: { role: true, organization: { select: summarySelect } },
  });
  if (!membership) return null;

  return { ...toSummary(membership.organization), role: membership.role as TMembershipRole };
}

/**
 * Every organization on this install, by name. For the single-user local install only (the home
 * page until sign-in exists, and the CLI); anything serving a signed-in user must use
 * listOrganizationsForUser.
 */
export async function findOrganizations(db: Db): Promise<TOrganizationSummary[]> {
  const rows = await db.organization.findMany({ select: summarySelect, orderBy: { name: "asc" } });

  return rows.map(toSummary);
}
