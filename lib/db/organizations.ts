import type { Db } from "./client";
import type { TMembershipRole, TOrganizationSetting } from "./types";

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
 * Every organization on this install, by name. For the CLI only (it runs as the install's
 * operator); anything serving a signed-in user must use listOrganizationsForUser.
 */
export async function findOrganizations(db: Db): Promise<TOrganizationSummary[]> {
  const rows = await db.organization.findMany({ select: summarySelect, orderBy: { name: "asc" } });

  return rows.map(toSummary);
}

/** The few fields screens need to pick and show the current organization. */
export type TOrganizationChoice = { id: string; name: string; slug: string; timeZone: string; setting: string; isDemo: boolean };

const choiceSelect = { id: true, name: true, slug: true, timeZone: true, setting: true, isDemo: true } as const;

/**
 * Every organization on this install as a light choice list (no counts), by name. CLI and start-up
 * only, like findOrganizations: a signed-in user picks from listMembershipChoices (lib/db/auth-records).
 */
export async function listOrganizationChoices(db: Db): Promise<TOrganizationChoice[]> {
  return db.organization.findMany({ select: choiceSelect, orderBy: [{ name: "asc" }, { createdAt: "asc" }] });
}

/** One organization by id, or null. Not a permission check: callers first check the user's membership. */
export async function getOrganizationChoiceById(db: Db, id: string): Promise<TOrganizationChoice | null> {
  return db.organization.findUnique({ where: { id }, select: choiceSelect });
}

/**
 * The URL-safe slug for an organization name: lower case ASCII letters, digits and single dashes,
 * at most 48 characters; "practice" when nothing is left.
 * @example toOrganizationSlug("St. Mary's Infusion Center") //=> "st-marys-infusion-center"
 */
export function toOrganizationSlug(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");

  return slug || "practice";
}

/**
 * Creates an organization with a unique slug derived from its name (`name-2`, `name-3` … when
 * taken). With `ownerUserId` the creator becomes its owner in the same write, so a practice added
 * from the app is never without a member. Validation of name, time zone and setting is the
 * caller's job (zod at the edge).
 */
export async function createOrganization(
  db: Db,
  input: { name: string; timeZone: string; setting: TOrganizationSetting; ownerUserId?: string },
): Promise<TOrganizationChoice> {
  const base = toOrganizationSlug(input.name);
  const taken = new Set(
    (await db.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((row) => row.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;

  return db.organization.create({
    data: {
      name: input.name,
      slug,
      timeZone: input.timeZone,
      setting: input.setting,
      ...(input.ownerUserId ? { memberships: { create: { userId: input.ownerUserId, role: "owner" satisfies TMembershipRole } } } : {}),
    },
    select: choiceSelect,
  });
}
