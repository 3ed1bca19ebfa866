import { unstable_rethrow } from "next/navigation";
import { getOrganizationContext } from "@/lib/organization-context";
import { OrganizationSelect } from "./organization-select";

/**
 * The practice switcher in the header, shown only when there is more than one practice. Server
 * component: reads the organizations and the current one; the select itself is a client island.
 * A database problem hides it (the page's own error state explains the problem).
 */
export async function OrganizationSwitcher() {
  let context;
  try {
    context = await getOrganizationContext();
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
  if (context.organizations.length < 2 || !context.current) return null;

  return (
    <OrganizationSelect
      current={context.current.slug}
      organizations={context.organizations.map((organization) => ({ slug: organization.slug, name: organization.name }))}
    />
  );
}
