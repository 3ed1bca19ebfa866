import type { Db } from "./client";
import type { TMembershipRole } from "./types";

/**
 * Settings → Users: a practice's members and the changes an owner makes to them. Every query is
 * scoped to one organization id, which the caller takes from the checked access context.
 */

export type TMember = {
  userId: string;
  name: string;
  email: string;
  role: TMembershipRole;
  /** The person's last sign-in (any practice: a session belongs to the person, not the practice). */
  lastSignInAt: Date | null;
  twoFactorEnabled: boolean;
  /** False until the person has used their setup link. */
  hasPassword: boolean;
  joinedAt: Date;
};

type TTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const MEMBER_SELECT = {
  role: true,
  createdAt: true,
  user: {
    select: {
      id: true,
      name: true,
      email: true,
      lastLoginAt: true,
      twoFactorEnabled: true,
      accounts: { where: { providerId: "credential", password: { not: null } }, select: { id: true } },
    },
  },
} as const;

type TMemberRow = {
  role: string;
  createdAt: Date;
  user: { id: string; name: string; email: string; lastLoginAt: Date | null; twoFactorEnabled: boolean | null; accounts: { id: string }[] };
};

function toMember(row: TMemberRow): TMember {
  return {
    userId: row.user.id,
    name: row.user.name,
    email: row.user.email,
    role: row.role as TMembershipRole,
    lastSignInAt: row.user.lastLoginAt,
    twoFactorEnabled: Boolean(row.user.twoFactorEnabled),
    hasPassword: row.user.accounts.length > 0,
    joinedAt: row.createdAt,
  };
}

/** The practice's members, owners first, then by name. */
export async function listMembers(db: Db, organizationId: string): Promise<TMember[]> {
  const rows = await db.membership.findMany({ where: { organizationId }, select: MEMBER_SELECT });
  const roleOrder: Record<string, number> = { owner: 0, billing: 1, consultant: 2, viewer: 3 };

  return rows
    .map(toMember)
    .sort((a, b) => (roleOrder[a.role] ?? 9) - (roleOrder[b.role] ?? 9) || a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

export async function findMember(db: Db, organizationId: string, userId: string): Promise<TMember | null> {
  const row = await db.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } }, select: MEMBER_SELECT });

  return row ? toMember(row) : null;
}

export async function countOwners(db: Db | TTransaction, organizationId: string): Promise<number> {
  return db.membership.count({ where: { organizationId, role: "owner" } });
}

/** Every practice a person belongs to, with their role there (who may hand out their reset link). */
export async function listUserMemberships(db: Db, userId: string): Promise<{ organizationId: string; role: TMembershipRole }[]> {
  const rows = await db.membership.findMany({ where: { userId }, select: { organizationId: true, role: true } });

  return rows.map((row) => ({ organizationId: row.organizationId, role: row.role as TMembershipRole }));
}

export type TMemberChange =
  | { ok: true; previousRole: TMembershipRole; changed: boolean }
  | { ok: false; reason: "not_member" | "last_owner" };

/**
 * Serialises membership changes of one practice: the row lock on the organization (PostgreSQL)
 * or the write lock (SQLite) makes two owners demoting each other at once take turns, so the
 * owner count read after it cannot be stale.
 */
async function lockOrganization(tx: TTransaction, organizationId: string): Promise<boolean> {
  const locked = await tx.organization.updateMany({ where: { id: organizationId }, data: { updatedAt: new Date() } });

  return locked.count === 1;
}

/** Changes a member's role; refuses to demote the practice's last owner. */
export async function changeMemberRole(db: Db, change: { organizationId: string; userId: string; role: TMembershipRole }): Promise<TMemberChange> {
  return db.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, change.organizationId))) return { ok: false, reason: "not_member" } as const;
    const where = { organizationId_userId: { organizationId: change.organizationId, userId: change.userId } };
    const membership = await tx.membership.findUnique({ where, select: { role: true } });
    if (!membership) return { ok: false, reason: "not_member" } as const;
    const previousRole = membership.role as TMembershipRole;
    if (previousRole === change.role) return { ok: true, previousRole, changed: false } as const;
    if (previousRole === "owner" && (await countOwners(tx, change.organizationId)) <= 1) return { ok: false, reason: "last_owner" } as const;
    await tx.membership.update({ where, data: { role: change.role } });

    return { ok: true, previousRole, changed: true } as const;
  });
}

/** Removes a person from the practice (their account stays, their saved views there go); refuses to remove the last owner. */
export async function removeMember(db: Db, target: { organizationId: string; userId: string }): Promise<TMemberChange> {
  return db.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, target.organizationId))) return { ok: false, reason: "not_member" } as const;
    const where = { organizationId_userId: { organizationId: target.organizationId, userId: target.userId } };
    const membership = await tx.membership.findUnique({ where, select: { role: true } });
    if (!membership) return { ok: false, reason: "not_member" } as const;
    const previousRole = membership.role as TMembershipRole;
    if (previousRole === "owner" && (await countOwners(tx, target.organizationId)) <= 1) return { ok: false, reason: "last_owner" } as const;
    await tx.membership.delete({ where });
    // A saved view is the person's own working state in this practice: it leaves with them.
    await tx.savedView.deleteMany({ where: { organizationId: target.organizationId, userId: target.userId } });

    return { ok: true, previousRole, changed: true } as const;
  });
}

/** Adds an existing account to the practice; false when the person already is a member. */
export async function addExistingMember(db: Db, member: { organizationId: string; userId: string; role: TMembershipRole }): Promise<boolean> {
  const existing = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId: member.organizationId, userId: member.userId } },
    select: { id: true },
  });
  if (existing) return false;
  try {
    await db.membership.create({ data: member });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return false;
    throw error;
  }

  return true;
}

export async function getRequireTwoFactor(db: Db, organizationId: string): Promise<boolean | null> {
  const organization = await db.organization.findUnique({ where: { id: organizationId }, select: { requireTwoFactor: true } });

  return organization ? organization.requireTwoFactor : null;
}

/** Sets Organization.requireTwoFactor; true when the value changed. */
export async function setRequireTwoFactor(db: Db, organizationId: string, required: boolean): Promise<boolean> {
  const changed = await db.organization.updateMany({ where: { id: organizationId, requireTwoFactor: !required }, data: { requireTwoFactor: required } });

  return changed.count === 1;
}

/** The "prepared by" branding a user saved for their reports. */
export async function getReportBranding(db: Db, userId: string): Promise<{ firmName: string | null; logoDataUrl: string | null }> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { reportFirmName: true, reportLogo: true } });

  return { firmName: row?.reportFirmName ?? null, logoDataUrl: row?.reportLogo ?? null };
}

/** Saves the firm name and, unless `logoDataUrl` is undefined, the logo (null removes it). */
export async function saveReportBranding(db: Db, userId: string, branding: { firmName: string | null; logoDataUrl: string | null | undefined }): Promise<void> {
  await db.user.update({
    where: { id: userId },
    data: { reportFirmName: branding.firmName, ...(branding.logoDataUrl === undefined ? {} : { reportLogo: branding.logoDataUrl }) },
  });
}
