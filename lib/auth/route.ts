import { getEnv } from "@/lib/env";
import { isAllowedHost, isSameOriginRequest, isStateChangingMethod, mediaType } from "./request-guards";

function refusal(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The first lines of every route handler that changes state (and of the ones that read, for the
 * Host check): refuses a Host outside the allowlist (421), a cross-site browser request (403) and a
 * body whose media type the handler does not declare (415). Null when the request may go on.
 *
 * @example
 * const refused = refuseForeignRequest(request, { bodyTypes: ["application/json"] });
 * if (refused) return refused;
 */
export function refuseForeignRequest(request: Request, options: { bodyTypes?: readonly string[] } = {}): Response | null {
  if (!isAllowedHost(request.headers.get("host"), getEnv().DRIPAUDIT_PUBLIC_URL)) {
    return refusal(421, "host_not_allowed", "This server does not answer for that host name.");
  }
  if (!isStateChangingMethod(request.method)) return null;
  if (!isSameOriginRequest(request.headers)) {
    return refusal(403, "cross_site_request", "Refused: the request did not come from a DripAudit page.");
  }
  if (options.bodyTypes && !options.bodyTypes.includes(mediaType(request.headers))) {
    return refusal(415, "unsupported_media_type", `Send the body as ${options.bodyTypes.join(" or ")}.`);
  }

  return null;
}
