import type { TAccess } from "@/lib/auth/access";
import { can } from "@/lib/auth/permissions";
import type { TMembershipChoice } from "@/lib/db/auth-records";

/**
 * Which of the user's own practices the portfolio shows figures for: those where their role may
 * see reports, unless the practice requires two-factor sign-in the user has not turned on (listed
 * apart, by name only, with what to do).
 */
export function splitPortfolioMemberships(access: Pick<TAccess, "user" | "organizations">): { shown: TMembershipChoice[]; needTwoFactor: TMembershipChoice[] } {
  const viewable = access.organizations.filter((organization) => can(organization.role, "reports.view"));
  const isLocked = (organization: TMembershipChoice) => organization.requireTwoFactor && !access.user.twoFactorEnabled;

  return { shown: viewable.filter((organization) => !isLocked(organization)), needTwoFactor: viewable.filter(isLocked) };
}
