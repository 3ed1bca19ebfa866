import type { TMembershipRole } from "@/lib/db/types";

/**
 * Rules of Settings → Users that need no database: who may hand out a person's password link and
 * how the link reads in full.
 */

/**
 * Whether an owner may hand out a password (setup or reset) link for a person. The link lets its
 * holder choose the person's password, so it is a way into every practice the person belongs to:
 * the owner must own all of them (an owner of one practice must not take over a member who also
 * works for another).
 *
 * @example mayHandOutPasswordLink([{ organizationId: "a", role: "billing" }], ["a"]) //=> true
 */
export function mayHandOutPasswordLink(
  targetMemberships: readonly { organizationId: string; role: TMembershipRole }[],
  actorOwnedOrganizationIds: readonly string[],
): boolean {
  if (targetMemberships.length === 0) return false;
  const owned = new Set(actorOwnedOrganizationIds);

  return targetMemberships.every((membership) => owned.has(membership.organizationId));
}

/**
 * The link to hand over, in full: on the configured public URL when there is one, else on the
 * Host the owner reached the app by (already checked against the allowlist).
 *
 * @example absoluteLink("/set-password?token=x", { host: "localhost:3000" }) //=> "http://localhost:3000/set-password?token=x"
 */
export function absoluteLink(path: string, request: { host: string | null; forwardedProto?: string | null; publicUrl?: string | undefined }): string {
  if (request.publicUrl) return new URL(path, request.publicUrl).toString();
  const protocol = request.forwardedProto?.split(",")[0]?.trim() === "https" ? "https" : "http";

  return new URL(path, `${protocol}://${request.host ?? "localhost"}`).toString();
}

/** The refusal when a change would leave the practice without an owner. */
export function lastOwnerMessage(change: "demote" | "remove"): string {
  return change === "remove"
    ? "This is the practice's last owner — make someone else owner first, then remove this person."
    : "This is the practice's last owner — make someone else owner first, then change this role.";
}
