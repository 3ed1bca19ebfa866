import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import { addMembership, addMembershipsInEveryOrganization, claimInstallSetup, completeInstallSetup, findUserByEmail, markInstallOwner, hasAnyUser, releaseInstallSetup } from "@/lib/db/auth-records";
import { MEMBERSHIP_ROLES, type TMembershipRole } from "@/lib/db/types";
import { SETUP_LINK_SECONDS, type TAuth } from "./auth-server";
import { passwordProblem } from "./password-policy";

/** A refusal a person can act on (bad role, duplicate email, weak password, setup already done). */
export class AccountError extends Error {
  override name = "AccountError";
}

export function isAccountError(error: unknown): error is AccountError {
  return error instanceof AccountError;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type TNewAccount = {
  email: string;
  name: string;
  role: TMembershipRole;
  /** Without a password the person signs in first through a setup link. */
  password?: string | undefined;
  /** The practices to join; "all" = every practice on this install. */
  organizationIds: string[] | "all";
};

function checkNewAccount(account: TNewAccount): { email: string; name: string } {
  const email = account.email.trim().toLowerCase();
  const name = account.name.trim();
  if (!EMAIL.test(email)) throw new AccountError(`"${account.email.slice(0, 100)}" is not an email address.`);
  if (!name) throw new AccountError("Enter the person's name.");
  if (name.length > 100) throw new AccountError("Keep the name under 100 characters.");
  if (!(MEMBERSHIP_ROLES as readonly string[]).includes(account.role)) {
    throw new AccountError(`Unknown role "${String(account.role).slice(0, 40)}" — use one of ${MEMBERSHIP_ROLES.join(", ")}.`);
  }
  if (account.password !== undefined) {
    const problem = passwordProblem(account.password, { email });
    if (problem) throw new AccountError(`Weak password: ${problem}`);
  }

  return { email, name };
}

/**
 * Creates a person with their memberships. The password (when given) is hashed by better-auth's
 * own hasher into a credential account. Throws AccountError for a duplicate email or bad input.
 */
export async function createAccount(auth: TAuth, db: Db, account: TNewAccount): Promise<{ userId: string; organizations: number }> {
  const { email, name } = checkNewAccount(account);
  if (await findUserByEmail(db, email)) throw new AccountError(`An account with the email ${email} already exists.`);
  const context = await auth.$context;
  const user = await context.internalAdapter.createUser({ email, name, emailVerified: true }, { method: "admin" });
  if (account.password !== undefined) {
    const hash = await context.password.hash(account.password);
    await context.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  }
  let organizations: number;
  if (account.organizationIds === "all") organizations = await addMembershipsInEveryOrganization(db, user.id, account.role);
  else {
    for (const organizationId of account.organizationIds) await addMembership(db, organizationId, user.id, account.role);
    organizations = account.organizationIds.length;
  }

  return { userId: user.id, organizations };
}

/**
 * The first owner of an install (/setup): refused once any account exists, and exactly one of two
 * concurrent submissions wins (claimInstallSetup). Owner of every practice already there.
 */
export async function createFirstOwner(auth: TAuth, db: Db, owner: { email: string; name: string; password: string }): Promise<{ userId: string }> {
  if (await hasAnyUser(db)) throw new AccountError("This install already has an owner — sign in instead.");
  checkNewAccount({ ...owner, role: "owner", organizationIds: "all" });
  const claimId = `setup-${randomBytes(8).toString("hex")}`;
  if (!(await claimInstallSetup(db, claimId))) throw new AccountError("This install already has an owner — sign in instead.");
  try {
    const { userId } = await createAccount(auth, db, { ...owner, role: "owner", organizationIds: "all" });
    await markInstallOwner(db, userId);
    await completeInstallSetup(db, claimId, userId);
    return { userId };
  } catch (error) {
    await releaseInstallSetup(db, claimId);
    throw error;
  }
}

/**
 * A one-time link (valid 72 h) with which a person sets their password: better-auth's reset token,
 * so the page posts to its standard /api/auth/reset-password. The same link resets a forgotten
 * password (there is no mail server: an owner hands it over).
 */
export async function createSetupLink(auth: TAuth, userId: string): Promise<{ path: string; expiresAt: Date }> {
  const context = await auth.$context;
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SETUP_LINK_SECONDS * 1000);
  await context.internalAdapter.createVerificationValue({ identifier: `reset-password:${token}`, value: userId, expiresAt });

  return { path: `/set-password?token=${encodeURIComponent(token)}`, expiresAt };
}
