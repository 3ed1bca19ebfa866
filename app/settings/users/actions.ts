"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { isActionDenied, requireActionAccess, type TOrganizationAccess } from "@/lib/auth/access";
import { createAccount, createSetupLink, isAccountError } from "@/lib/auth/accounts";
import { getAuth } from "@/lib/auth/auth-server";
import { auditActor } from "@/lib/auth/audit-context";
import { absoluteLink, lastOwnerMessage, mayHandOutPasswordLink } from "@/lib/auth/user-management";
import { getDb } from "@/lib/db";
import { recordAuditEvent } from "@/lib/db/audit-events";
import { findUserByEmail } from "@/lib/db/auth-records";
import { MEMBERSHIP_ROLES } from "@/lib/db/types";
import { addExistingMember, changeMemberRole, findMember, listUserMemberships, removeMember, setRequireTwoFactor, type TMemberChange } from "@/lib/db/users";
import { getEnv } from "@/lib/env";
import { ROLE_LABELS } from "@/components/users/role-labels";
import type { TUsersActionState } from "@/components/users/users-action-state";

const USERS_PATH = "/settings/users";
const ZRole = z.enum(MEMBERSHIP_ROLES, { error: `Choose a role: ${MEMBERSHIP_ROLES.join(", ")}.` });

/**
 * The owner's access to the practice the form was drawn for. A form from before a practice
 * switch (another tab) must not act on the practice switched to.
 */
async function ownerAccess(formData: FormData): Promise<TOrganizationAccess | TUsersActionState> {
  const access = await requireActionAccess("users.manage");
  if (isActionDenied(access)) return access;
  if (formData.get("organizationId") !== access.organization.id) {
    return { ok: false, message: "The current practice changed in another tab — reload the page, then try again." };
  }

  return access;
}

function isState(value: TOrganizationAccess | TUsersActionState): value is TUsersActionState {
  return "ok" in value;
}

async function passwordLink(userId: string, forName: string): Promise<NonNullable<TUsersActionState["link"]>> {
  const { path, expiresAt } = await createSetupLink(getAuth(), userId);
  const requestHeaders = await headers();
  const url = absoluteLink(path, { host: requestHeaders.get("host"), forwardedProto: requestHeaders.get("x-forwarded-proto"), publicUrl: getEnv().DRIPAUDIT_PUBLIC_URL });

  return { url, expiresAt: expiresAt.toISOString(), forName };
}

/** Whether this owner may hand out a password link for the person (they own every practice of theirs). */
async function mayHandOutLinkFor(access: TOrganizationAccess, userId: string): Promise<boolean> {
  const owned = access.organizations.filter((organization) => organization.role === "owner").map((organization) => organization.id);

  return mayHandOutPasswordLink(await listUserMemberships(getDb().db, userId), owned);
}

type TUsersAuditAction = "users.added" | "users.role_changed" | "users.removed" | "users.password_link_issued";

async function audit(access: TOrganizationAccess, action: TUsersAuditAction, subjectId: string, detail: Record<string, unknown>): Promise<void> {
  await recordAuditEvent(getDb().db, { ...(await auditActor(access)), organizationId: access.organization.id, action, subjectType: "user", subjectId, detail });
}

function refusal(result: Extract<TMemberChange, { ok: false }>, change: "demote" | "remove"): TUsersActionState {
  if (result.reason === "last_owner") return { ok: false, message: lastOwnerMessage(change) };

  return { ok: false, message: "This person is no longer a member of the practice — reload the page." };
}

const ZAddPerson = z.object({
  name: z.string().trim().min(1, "Enter the person's name.").max(100, "Keep the name under 100 characters."),
  email: z.string().trim().min(1, "Enter the person's email address."),
  role: ZRole,
});

/**
 * Adds a person to the current practice: a new account without a password (plus its one-time
 * setup link), or an existing account as a new member.
 */
export async function addPersonAction(_previous: TUsersActionState, formData: FormData): Promise<TUsersActionState> {
  const access = await ownerAccess(formData);
  if (isState(access)) return access;
  const parsed = ZAddPerson.safeParse({ name: formData.get("name") ?? "", email: formData.get("email") ?? "", role: formData.get("role") ?? "" });
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Check the form." };
  const { name, email, role } = parsed.data;
  const { db } = getDb();
  const practice = access.organization.name;

  const existing = await findUserByEmail(db, email);
  if (existing) {
    if (!(await addExistingMember(db, { organizationId: access.organization.id, userId: existing.id, role }))) {
      return { ok: false, message: `${existing.name} (${existing.email}) is already a member of ${practice} — change their role in the table instead.` };
    }
    await audit(access, "users.added", existing.id, { role, newAccount: false });
    revalidatePath(USERS_PATH);
    const member = await findMember(db, access.organization.id, existing.id);
    if (member && !member.hasPassword && (await mayHandOutLinkFor(access, existing.id))) {
      const link = await passwordLink(existing.id, existing.name);
      await audit(access, "users.password_link_issued", existing.id, { expiresAt: link.expiresAt });
      return { ok: true, message: `${existing.name} joined ${practice} as ${ROLE_LABELS[role].toLowerCase()}. Hand over this link so they can choose a password:`, link };
    }
    return { ok: true, message: `${existing.name} already has a DripAudit account and joined ${practice} as ${ROLE_LABELS[role].toLowerCase()}: they sign in as usual and find it in their practice list.` };
  }

  let userId: string;
  try {
    ({ userId } = await createAccount(getAuth(), db, { email, name, role, organizationIds: [access.organization.id] }));
  } catch (error) {
    if (isAccountError(error)) return { ok: false, message: error.message };
    throw error;
  }
  const link = await passwordLink(userId, name);
  await audit(access, "users.added", userId, { role, newAccount: true });
  await audit(access, "users.password_link_issued", userId, { expiresAt: link.expiresAt });
  revalidatePath(USERS_PATH);

  return { ok: true, message: `Added ${name} as ${ROLE_LABELS[role].toLowerCase()}. Hand over this link so they can choose a password:`, link };
}

/** Changes a member's role (never the last owner's). */
export async function changeRoleAction(_previous: TUsersActionState, formData: FormData): Promise<TUsersActionState> {
  const access = await ownerAccess(formData);
  if (isState(access)) return access;
  const role = ZRole.safeParse(formData.get("role") ?? "");
  if (!role.success) return { ok: false, message: role.error.issues[0]?.message ?? "Choose a role." };
  const userId = String(formData.get("userId") ?? "");
  const result = await changeMemberRole(getDb().db, { organizationId: access.organization.id, userId, role: role.data });
  if (!result.ok) return refusal(result, "demote");
  if (!result.changed) return { ok: true, message: "Nothing changed." };
  await audit(access, "users.role_changed", userId, { from: result.previousRole, to: role.data });
  revalidatePath(USERS_PATH);

  return { ok: true, message: `Now ${ROLE_LABELS[role.data].toLowerCase()}.` };
}

/** Removes a member from the practice (never the last owner); their account stays. */
export async function removeMemberAction(_previous: TUsersActionState, formData: FormData): Promise<TUsersActionState> {
  const access = await ownerAccess(formData);
  if (isState(access)) return access;
  const userId = String(formData.get("userId") ?? "");
  const result = await removeMember(getDb().db, { organizationId: access.organization.id, userId });
  if (!result.ok) return refusal(result, "remove");
  await audit(access, "users.removed", userId, { role: result.previousRole });
  revalidatePath(USERS_PATH);
  revalidatePath("/", "layout");

  return { ok: true, message: "Removed from the practice." };
}

/** A new one-time link with which a member chooses a new password (valid 72 hours). */
export async function passwordLinkAction(_previous: TUsersActionState, formData: FormData): Promise<TUsersActionState> {
  const access = await ownerAccess(formData);
  if (isState(access)) return access;
  const userId = String(formData.get("userId") ?? "");
  const member = await findMember(getDb().db, access.organization.id, userId);
  if (!member) return { ok: false, message: "This person is no longer a member of the practice — reload the page." };
  if (!(await mayHandOutLinkFor(access, userId))) {
    return { ok: false, message: `${member.name} also works for a practice you do not own — an owner of every practice they belong to can reset their password.` };
  }
  const link = await passwordLink(userId, member.name);
  await audit(access, "users.password_link_issued", userId, { expiresAt: link.expiresAt });

  return { ok: true, message: `Hand this link to ${member.name}; it works once.`, link };
}

/** The owner switch: every member of this practice must sign in with two-factor. */
export async function setRequireTwoFactorAction(_previous: TUsersActionState, formData: FormData): Promise<TUsersActionState> {
  const access = await ownerAccess(formData);
  if (isState(access)) return access;
  const required = formData.get("requireTwoFactor") === "on";
  if (required && !access.user.twoFactorEnabled) {
    return { ok: false, message: "Turn on two-factor sign-in for yourself first (Your account), so the requirement does not lock you out." };
  }
  const changed = await setRequireTwoFactor(getDb().db, access.organization.id, required);
  if (!changed) return { ok: true, message: "Nothing changed." };
  await recordAuditEvent(getDb().db, {
    ...(await auditActor(access)),
    organizationId: access.organization.id,
    action: "practice.two_factor_required",
    subjectType: "organization",
    subjectId: access.organization.id,
    detail: { required },
  });
  revalidatePath(USERS_PATH);

  return {
    ok: true,
    message: required
      ? "Two-factor sign-in is now required: members without it are sent to their account page to turn it on."
      : "Two-factor sign-in is no longer required in this practice.",
  };
}
