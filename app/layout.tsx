import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { AddPracticeDialog } from "@/components/auth/add-practice-dialog";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { OrganizationSwitcher } from "@/components/organization-switcher";
import { ROLE_LABELS } from "@/components/users/role-labels";
import { canCreatePractice, getAccess, safeNextPath, type TAccess } from "@/lib/auth/access";
import { REQUEST_PATH_HEADER_NAME } from "@/lib/auth/constants";
import { can } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import { hasAnyUser } from "@/lib/db/auth-records";
import "./globals.css";
import "@/components/auth/auth.css";

export const metadata: Metadata = {
  title: { default: "DripAudit", template: "%s · DripAudit" },
  description: "Infusion revenue-leakage analytics",
  robots: { index: false, follow: false },
};

/** The signed-in user, or null (signed out, or the database cannot answer: the page explains that). */
async function readAccess(): Promise<{ access: TAccess; mayAddPractice: boolean } | null> {
  try {
    const access = await getAccess();
    if (!access) return null;

    return { access, mayAddPractice: await canCreatePractice(access) };
  } catch (error) {
    unstable_rethrow(error);
    return null;
  }
}

/**
 * /setup and /sign-in send the visitor on (to /sign-in once an owner exists, to /setup before, to
 * `next` when already signed in). The pages check the same themselves; here, outside the root
 * loading boundary, the answer is a real 307 instead of a redirect streamed into a 200 page.
 * Server action posts are left to the page's own form state.
 */
async function redirectSignedOutScreens(isSignedIn: boolean): Promise<void> {
  const requestHeaders = await headers();
  if (requestHeaders.has("next-action")) return;
  const asked = new URL(requestHeaders.get(REQUEST_PATH_HEADER_NAME) ?? "/", "http://localhost");
  if (asked.pathname !== "/setup" && asked.pathname !== "/sign-in") return;
  let hasOwner: boolean;
  try {
    hasOwner = await hasAnyUser(getDb().db);
  } catch (error) {
    unstable_rethrow(error);
    return;
  }
  if (asked.pathname === "/setup" && hasOwner) redirect("/sign-in");
  if (asked.pathname === "/sign-in" && !hasOwner) redirect("/setup");
  if (asked.pathname === "/sign-in" && isSignedIn) redirect(safeNextPath(asked.searchParams.get("next")));
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const signedIn = await readAccess();
  await redirectSignedOutScreens(signedIn !== null);
  const organization = signedIn?.access.organization ?? null;

  return (
    <html lang="en">
      <body>
        <header className="shell-header">
          <div className="shell-header-inner">
            <Link href="/" className="brand">
              <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true">
                <rect width="32" height="32" rx="7" fill="#1d4ed8" />
                <path d="M16 6c-4 6-7 9.5-7 13a7 7 0 0 0 14 0c0-3.5-3-7-7-13z" fill="#fff" />
              </svg>
              DripAudit
            </Link>
            {signedIn ? (
              <>
                <AppNav
                  showPractices={signedIn.access.organizations.length > 1}
                  showReports={Boolean(organization && can(organization.role, "reports.view"))}
                  showUsers={Boolean(organization && can(organization.role, "users.manage"))}
                  showAudit={Boolean(organization && can(organization.role, "audit.view"))}
                />
                <div className="header-end">
                  <OrganizationSwitcher />
                  {signedIn.mayAddPractice ? <AddPracticeDialog currentOrganizationId={organization?.id ?? null} /> : null}
                  <div className="user-menu" data-testid="user-menu">
                    <Link href="/account" className="user-menu-name" title="Your account: password and two-factor sign-in">
                      {signedIn.access.user.name}
                      {organization ? <span className="user-menu-role"> · {ROLE_LABELS[organization.role]}</span> : null}
                    </Link>
                    <SignOutButton />
                  </div>
                </div>
              </>
            ) : null}
          </div>
        </header>
        <main className="main">{children}</main>
      </body>
    </html>
  );
}
