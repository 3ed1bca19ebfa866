import type { TMembershipRole } from "./types";
import type { Db } from "./client";

/**
 * The account-side rows that lib/auth reads and writes beside better-auth's own adapter calls:
 * whether the install has accounts, the setup claim, failed sign-ins and session activity.
 */

/** Whether any account exists (while none does, every page sends the visitor to /setup). */
export async function hasAnyUser(db: Db): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) !== null;
}

export async function findUserByEmail(db: Db, email: string): Promise<{ id: string; email: string; name: string } | null> {
  return db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true, name: true } });
}

/**
 * Claims the install's one-time setup for a user. Two concurrent /setup submissions race on the
 * primary key: exactly one insert wins, the other gets false.
 */
export async function claimInstallSetup(db: Db, claimId: string): Promise<boolean> {
  try {
    await db.installSetup.create({ data: { id: 1, userId: claimId } });
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}

/** Records which account the setup claim created. */
export async function completeInstallSetup(db: Db, claimId: string, userId: string): Promise<void> {
  await db.installSetup.updateMany({ where: { id: 1, userId: claimId }, data: { userId } });
}

/** Gives back a setup claim whose account could not be created, so setup can be tried again. */
export async function releaseInstallSetup(db: Db, claimId: string): Promise<void> {
  await db.installSetup.deleteMany({ where: { id: 1, userId: claimId } });
}

/** Makes the user a member of every practice on this install with one role (first owner, `user add` without --org). */
export async function addMembershipsInEveryOrganization(db: Db, userId: string, role: TMembershipRole): Promise<number> {
  const organizations = await db.organization.findMany({ select: { id: true } });
  for (const organization of organizations) {
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId: organization.id, userId } },
      create: { organizationId: organization.id, userId, role },
      update: { role },
    });
  }

  return organizations.length;
}

export async function addMembership(db: Db, organizationId: string, userId: string, role: TMembershipRole): Promise<void> {
  await db.membership.upsert({
    where: { organizationId_userId: { organizationId, userId } },
    create: { organizationId, userId, role },
    update: { role },
  });
}

/** Marks the owner of the install (the /setup owner, `user add --role owner` without --org). */
export async function markInstallOwner(db: Db, userId: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { isInstallOwner: true } });
}

export async function isInstallOwner(db: Db, userId: string): Promise<boolean> {
  return (await db.user.findUnique({ where: { id: userId }, select: { isInstallOwner: true } }))?.isInstallOwner ?? false;
}

/**
 * A practice created without a signed-in creator (the demo, loading in the background) gets the
 * install's owners as owners — also those added while it loaded, who may have no practice at all yet.
 * A person already in the practice keeps the role an owner gave them.
 */
export async function addOwnersOfAnyPractice(db: Db, organizationId: string): Promise<void> {
  const owners = await db.user.findMany({
    where: { OR: [{ isInstallOwner: true }, { memberships: { some: { role: "owner" } } }] },
    select: { id: true },
  });
  for (const owner of owners) {
    await db.membership.upsert({
      where: { organizationId_userId: { organizationId, userId: owner.id } },
      create: { organizationId, userId: owner.id, role: "owner" },
      update: {},
    });
  }
}

export type TSignInFailureCounts = { byEmail: Date[]; byAddress: Date[] };

/** Failed sign-ins since `since`, oldest first, for one email and for one address. */
export async function findRecentSignInFailures(db: Db, key: { email: string; address: string }, since: Date): Promise<TSignInFailureCounts> {
  const [byEmail, byAddress] = await Promise.all([
    db.signInFailure.findMany({ where: { email: key.email, createdAt: { gt: since } }, select: { createdAt: true }, orderBy: { createdAt: "asc" } }),
    db.signInFailure.findMany({ where: { address: key.address, createdAt: { gt: since } }, select: { createdAt: true }, orderBy: { createdAt: "asc" } }),
  ]);

  return { byEmail: byEmail.map((row) => row.createdAt), byAddress: byAddress.map((row) => row.createdAt) };
}

/** Records a failed sign-in and forgets the ones older than the window. */
export async function recordSignInFailure(db: Db, key: { email: string; address: string }, at: Date, windowStart: Date): Promise<void> {
  await db.signInFailure.create({ data: { email: key.email, address: key.address, createdAt: at } });
  await db.signInFailure.deleteMany({ where: { createdAt: { lte: windowStart } } });
}

/** A successful sign-in clears that email's failures (the address keeps its own). */
export async function clearSignInFailures(db: Db, email: string): Promise<void> {
  await db.signInFailure.deleteMany({ where: { email } });
}

export async function setLastSignIn(db: Db, userId: string, at: Date): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { lastLoginAt: at } });
}

/** Records activity on a session (its updatedAt is the idle clock). */
export async function touchSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.session.updateMany({ where: { id: sessionId }, data: { updatedAt: at } });
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.session.deleteMany({ where: { id: sessionId } });
}

export type TMembershipChoice = {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  setting: string;
  isDemo: boolean;
  requireTwoFactor: boolean;
  role: TMembershipRole;
};

/** The practices a user belongs to, with their role, by name: the only list a signed-in user picks from. */
export async function listMembershipChoices(db: Db, userId: string): Promise<TMembershipChoice[]> {
  const rows = await db.membership.findMany({
    where: { userId },
    select: {
      role: true,
      organization: { select: { id: true, name: true, slug: true, timeZone: true, setting: true, isDemo: true, requireTwoFactor: true, createdAt: true } },
    },
  });

  return rows
    .map(({ role, organization: { createdAt, ...organization } }) => ({ ...organization, role: role as TMembershipRole, createdAt }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.getTime() - b.createdAt.getTime())
    .map(({ createdAt: _createdAt, ...choice }) => choice);
}
