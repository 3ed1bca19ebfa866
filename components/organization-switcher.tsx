import { unstable_rethrow } from "next/navigation";
import { getAccess } from "@/lib/auth/access";
import { OrganizationSelect } from "./organization-select";

/**
 * The practice switcher in the header: only the signed-in user's own practices, shown when they
 * have more than one; nothing when signed out. Server component (the membership list never reaches
 * the browser beyond names and slugs); the select itself is a client island. A database problem
 * hides it (the page's own error state explains the problem).
 */
export async function OrganizationSwitcher() {
  let access;
  try {
    access = await getAccess();
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
  if (!access || access.organizations.length < 2 || !access.organization) return null;

  return (
    <OrganizationSelect
      current={access.organization.slug}
      organizations={access.organizations.map((organization) => ({ slug: organization.slug, name: organization.name }))}
    />
  );
}
