import type { Metadata } from "next";
import Link from "next/link";
import { Card, DemoBadge, EmptyState } from "@/components/ui";
import { AddPersonForm } from "@/components/users/add-person-form";
import { MembersTable } from "@/components/users/members-table";
import { RequireTwoFactorForm } from "@/components/users/require-two-factor-form";
import { requirePageAccess } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { getRequireTwoFactor, listMembers } from "@/lib/db/users";
import "@/components/settings/settings.css";
import "@/components/users/users.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

/** Settings → Users (owners): members, roles, setup and reset links, the two-factor requirement. */
export default async function UsersPage() {
  const access = await requirePageAccess("users.manage");
  const organization = access.organization;
  if (!organization) {
    return (
      <>
        <h1>Users</h1>
        <EmptyState title="No practice yet — add a practice first, then the people who work in it." action={<Link href="/imports" className="button">Go to imports</Link>} />
      </>
    );
  }
  const { db } = getDb();
  const [members, requireTwoFactor] = await Promise.all([listMembers(db, organization.id), getRequireTwoFactor(db, organization.id)]);
  const owners = members.filter((member) => member.role === "owner").length;

  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <div className="page-header-meta">
          <span>{organization.name}</span>
          {organization.isDemo ? <DemoBadge /> : null}
        </div>
      </div>
      <p className="page-intro">
        Who can open this practice and what each may do. There is no mail server: adding a person or resetting a password gives you a one-time link to hand over.
      </p>

      <Card
        title="People"
        description={`${members.length} ${members.length === 1 ? "member" : "members"}, ${owners} ${owners === 1 ? "owner" : "owners"} · last sign-in in ${organization.timeZone}`}
        className="users-section"
      >
        <MembersTable members={members} organizationId={organization.id} timeZone={organization.timeZone} currentUserId={access.user.id} />
        {owners === 1 ? <p className="form-help">A practice always keeps at least one owner: make someone else owner before changing or removing the last one.</p> : null}
      </Card>

      <Card title="Add a person" description="A new email gets an account and a setup link; an existing account simply joins this practice." className="users-section">
        <AddPersonForm organizationId={organization.id} />
      </Card>

      <Card title="Two-factor sign-in" description="An authenticator-app code at every sign-in, for everyone in this practice." className="users-section">
        <RequireTwoFactorForm
          organizationId={organization.id}
          isRequired={Boolean(requireTwoFactor)}
          membersWithout={members.filter((member) => !member.twoFactorEnabled).length}
        />
      </Card>
    </>
  );
}
