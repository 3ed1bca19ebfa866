"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getAccess, ORGANIZATION_COOKIE, ORGANIZATION_COOKIE_OPTIONS } from "@/lib/auth/access";
import { can, type TAction } from "@/lib/auth/permissions";

/**
 * Makes the posted practice the current one and goes to `destination`, when it is one of the
 * user's own memberships and their role there allows `action`; otherwise back to the portfolio
 * with a notice. The destination page checks access again (two-factor policy included).
 */
async function switchPractice(formData: FormData, action: TAction, destination: string): Promise<never> {
  const access = await getAccess();
  if (!access) redirect("/sign-in?next=%2Fpractices");
  const organizationId = formData.get("organizationId");
  const membership = access.organizations.find((organization) => organization.id === organizationId);
  if (!membership) redirect("/practices?notice=gone");
  if (!can(membership.role, action)) redirect("/practices?notice=forbidden");

  (await cookies()).set(ORGANIZATION_COOKIE, membership.slug, ORGANIZATION_COOKIE_OPTIONS);
  revalidatePath("/", "layout");
  redirect(destination);
}

/** A portfolio row's practice name: switch to that practice and open its overview. */
export async function openPracticeAction(formData: FormData): Promise<void> {
  await switchPractice(formData, "dashboard.view", "/");
}

/** A portfolio row's "Build report": switch to that practice and open the Reports screen. */
export async function buildPracticeReportAction(formData: FormData): Promise<void> {
  await switchPractice(formData, "reports.export", "/reports");
}
