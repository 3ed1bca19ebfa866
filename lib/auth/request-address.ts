import { getIP } from "better-auth/api";

/** How better-auth and the audit trail read the client address: X-Forwarded-For as set by the server in front. */
export const CLIENT_ADDRESS_OPTIONS = { advanced: { ipAddress: { ipAddressHeaders: ["x-forwarded-for"] } } };

/** When no trustworthy address is known (no or a forged-looking X-Forwarded-For). */
export const UNKNOWN_ADDRESS = "unknown";

/**
 * The client address of a request for the lockout and the audit trail: one valid IP in
 * X-Forwarded-For (better-auth's getIP), else "unknown".
 * @example requestAddress(new Headers({ "x-forwarded-for": "10.0.0.7" })) //=> "10.0.0.7"
 */
export function requestAddress(source: Request | Headers): string {
  return getIP(source, CLIENT_ADDRESS_OPTIONS) ?? UNKNOWN_ADDRESS;
}
