import "server-only";
import { cookies } from "next/headers";
import { getDb, listOrganizationChoices, type TOrganizationChoice } from "@/lib/db";

/**
 * The current organization for this browser. There are no user accounts yet (single-user local
 * install): the organization whose slug is in the `dripaudit_org` cookie, else the first one by
 * name. When sign-in lands this must go through listOrganizationsForUser instead.
 */
export const ORGANIZATION_COOKIE = "dripaudit_org";

/** Cookie options shared by every handler that sets the current organization. */
export const ORGANIZATION_COOKIE_OPTIONS = {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
} as const;

export type TOrganizationContext = {
  current: TOrganizationChoice | null;
  organizations: TOrganizationChoice[];
};

/** Picks the organization named by the cookie's slug, else the first one, else null. */
export function pickCurrentOrganization(organizations: TOrganizationChoice[], slug: string | undefined): TOrganizationChoice | null {
  return organizations.find((organization) => organization.slug === slug) ?? organizations[0] ?? null;
}

/** Every organization and the current one (for the switcher and the pages that need both). */
export async function getOrganizationContext(): Promise<TOrganizationContext> {
  // cookies() first: it marks the route dynamic before any database access happens.
  const cookieStore = await cookies();
  const { db } = getDb();
  const organizations = await listOrganizationChoices(db);

  return { organizations, current: pickCurrentOrganization(organizations, cookieStore.get(ORGANIZATION_COOKIE)?.value) };
}

/** The current organization, or null when there is none yet. */
export async function getCurrentOrganization(): Promise<TOrganizationChoice | null> {
  return (await getOrganizationContext()).current;
}
