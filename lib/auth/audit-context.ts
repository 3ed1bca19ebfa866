import "server-only";
import { headers } from "next/headers";
import type { TAuditActor } from "@/lib/db/audit-events";
import { getAccess, type TAccess } from "./access";
import { requestAddress } from "./request-address";

/**
 * Who makes this request and from where, for an audit event: the signed-in user (if any) and the
 * client address. Pass the access the caller already checked to spare a second session lookup.
 */
export async function auditActor(access?: Pick<TAccess, "user"> | null): Promise<TAuditActor & { address: string }> {
  const known = access === undefined ? await getAccess() : access;

  return { userId: known?.user.id ?? null, actorEmail: known?.user.email ?? null, address: requestAddress(await headers()) };
}
