import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db";
import {
  addExistingMember,
  changeMemberRole,
  countOwners,
  findMember,
  getRequireTwoFactor,
  listMembers,
  listUserMemberships,
  removeMember,
  setRequireTwoFactor,
} from "@/lib/db/users";
import type { TMembershipRole } from "@/lib/db/types";
import { migrateDeploy } from "@/prisma/tools/migrate.mjs";
import { resolveTestProviders, type TTestDatabase } from "@/tests/helpers/test-databases";

const providers = await resolveTestProviders();

let counter = 0;

async function practice(db: Db, name: string): Promise<string> {
  counter += 1;
  const organization = await db.organization.create({ data: { name, slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${counter}` } });

  return organization.id;
}

async function person(db: Db, name: string, memberships: [string, TMembershipRole][], extra: { lastLoginAt?: Date; twoFactorEnabled?: boolean; password?: boolean } = {}): Promise<string> {
  counter += 1;
  const user = await db.user.create({
    data: {
      name,
      email: `${name.toLowerCase().replace(/\W+/g, ".")}.${counter}@clinic.test`,
      lastLoginAt: extra.lastLoginAt ?? null,
      twoFactorEnabled: extra.twoFactorEnabled ?? false,
    },
  });
  if (extra.password) {
    const now = new Date();
    await db.account.create({ data: { id: `acc-${counter}`, accountId: user.id, providerId: "credential", userId: user.id, password: "scrypt-hash", createdAt: now, updatedAt: now } });
  }
  for (const [organizationId, role] of memberships) await db.membership.create({ data: { organizationId, userId: user.id, role } });

  return user.id;
}

describe.each(providers)("Settings → Users queries on $name", ({ create }) => {
  let testDb: TTestDatabase;
  let db: Db;

  beforeAll(async () => {
    testDb = await create();
    await migrateDeploy(testDb.target);
    db = createPrismaClient(testDb.target);
  });

  afterAll(async () => {
    await db?.$disconnect();
    await testDb?.dispose();
  });

  test("listMembers: owners first, last sign-in, two-factor, whether the setup link was used; only this practice", async () => {
    const a = await practice(db, "Alpha Oncology");
    const b = await practice(db, "Beta Infusion");
    const signedInAt = new Date("2026-12-01T15:30:00Z");
    const owner = await person(db, "Zoe Owner", [[a, "owner"]], { lastLoginAt: signedInAt, twoFactorEnabled: true, password: true });
    const billing = await person(db, "Adam Billing", [[a, "billing"], [b, "owner"]]);
    await person(db, "Other Practice Only", [[b, "viewer"]], { password: true });

    const members = await listMembers(db, a);
    expect(members.map((member) => [member.name, member.role])).toEqual([
      ["Zoe Owner", "owner"],
      ["Adam Billing", "billing"],
    ]);
    expect(members[0]).toMatchObject({ userId: owner, lastSignInAt: signedInAt, twoFactorEnabled: true, hasPassword: true });
    expect(members[1]).toMatchObject({ userId: billing, lastSignInAt: null, twoFactorEnabled: false, hasPassword: false });
    expect(await findMember(db, a, billing)).toMatchObject({ role: "billing" });
    expect(await findMember(db, a, "no-such-user")).toBeNull();
    expect(await countOwners(db, a)).toBe(1);
    expect((await listUserMemberships(db, billing)).sort((x, y) => x.role.localeCompare(y.role))).toEqual([
      { organizationId: a, role: "billing" },
      { organizationId: b, role: "owner" },
    ]);
  });

  test("changeMemberRole: changes a role, reports no change, refuses to demote the last owner", async () => {
    const a = await practice(db, "Gamma Clinic");
    const owner = await person(db, "Only Owner", [[a, "owner"]]);
    const viewer = await person(db, "Vera Viewer", [[a, "viewer"]]);

    expect(await changeMemberRole(db, { organizationId: a, userId: viewer, role: "billing" })).toEqual({ ok: true, previousRole: "viewer", changed: true });
    expect((await findMember(db, a, viewer))?.role).toBe("billing");
    expect(await changeMemberRole(db, { organizationId: a, userId: viewer, role: "billing" })).toEqual({ ok: true, previousRole: "billing", changed: false });

    expect(await changeMemberRole(db, { organizationId: a, userId: owner, role: "consultant" })).toEqual({ ok: false, reason: "last_owner" });
    expect((await findMember(db, a, owner))?.role).toBe("owner");

    // With a second owner the first may step down; then the second is the last one.
    expect(await changeMemberRole(db, { organizationId: a, userId: viewer, role: "owner" })).toMatchObject({ ok: true, changed: true });
    expect(await changeMemberRole(db, { organizationId: a, userId: owner, role: "consultant" })).toEqual({ ok: true, previousRole: "owner", changed: true });
    expect(await changeMemberRole(db, { organizationId: a, userId: viewer, role: "viewer" })).toEqual({ ok: false, reason: "last_owner" });
    expect(await countOwners(db, a)).toBe(1);
  });

  test("changeMemberRole and removeMember refuse a person who is not a member of that practice", async () => {
    const a = await practice(db, "Delta Health");
    const b = await practice(db, "Epsilon Care");
    await person(db, "Owner A", [[a, "owner"]]);
    const outsider = await person(db, "Owner B", [[b, "owner"]]);

    expect(await changeMemberRole(db, { organizationId: a, userId: outsider, role: "viewer" })).toEqual({ ok: false, reason: "not_member" });
    expect(await removeMember(db, { organizationId: a, userId: outsider })).toEqual({ ok: false, reason: "not_member" });
    expect(await removeMember(db, { organizationId: "no-such-practice", userId: outsider })).toEqual({ ok: false, reason: "not_member" });
    expect((await findMember(db, b, outsider))?.role).toBe("owner");
  });

  test("removeMember: removes a member (the account stays), refuses the last owner", async () => {
    const a = await practice(db, "Zeta Oncology");
    const b = await practice(db, "Eta Infusion");
    const owner = await person(db, "Last Owner", [[a, "owner"]]);
    const consultant = await person(db, "Cora Consultant", [[a, "consultant"], [b, "consultant"]]);

    expect(await removeMember(db, { organizationId: a, userId: consultant })).toEqual({ ok: true, previousRole: "consultant", changed: true });
    expect(await findMember(db, a, consultant)).toBeNull();
    expect(await findMember(db, b, consultant)).not.toBeNull();
    expect(await db.user.count({ where: { id: consultant } })).toBe(1);

    expect(await removeMember(db, { organizationId: a, userId: owner })).toEqual({ ok: false, reason: "last_owner" });
    expect(await findMember(db, a, owner)).not.toBeNull();
  });

  test("two owners demoting or removing each other at the same time leave one owner", async () => {
    const a = await practice(db, "Theta Clinic");
    const first = await person(db, "First Owner", [[a, "owner"]]);
    const second = await person(db, "Second Owner", [[a, "owner"]]);

    const results = await Promise.all([
      changeMemberRole(db, { organizationId: a, userId: first, role: "viewer" }),
      removeMember(db, { organizationId: a, userId: second }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, reason: "last_owner" }]);
    expect(await countOwners(db, a)).toBe(1);
  });

  test("addExistingMember adds once", async () => {
    const a = await practice(db, "Iota Care");
    const b = await practice(db, "Kappa Care");
    const someone = await person(db, "Existing Person", [[b, "billing"]]);

    expect(await addExistingMember(db, { organizationId: a, userId: someone, role: "viewer" })).toBe(true);
    expect(await addExistingMember(db, { organizationId: a, userId: someone, role: "owner" })).toBe(false);
    expect((await findMember(db, a, someone))?.role).toBe("viewer");
  });

  test("setRequireTwoFactor toggles Organization.requireTwoFactor of that practice only", async () => {
    const a = await practice(db, "Lambda Oncology");
    const b = await practice(db, "Mu Oncology");

    expect(await getRequireTwoFactor(db, a)).toBe(false);
    expect(await setRequireTwoFactor(db, a, true)).toBe(true);
    expect(await getRequireTwoFactor(db, a)).toBe(true);
    expect(await getRequireTwoFactor(db, b)).toBe(false);
    expect(await setRequireTwoFactor(db, a, true)).toBe(false);
    expect(await setRequireTwoFactor(db, a, false)).toBe(true);
    expect(await getRequireTwoFactor(db, a)).toBe(false);
    expect(await getRequireTwoFactor(db, "no-such-practice")).toBeNull();
  });
});
